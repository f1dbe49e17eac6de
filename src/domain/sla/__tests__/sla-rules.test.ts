import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../../platform/time/index.js';
import { achieveClock, consumed, pauseClock, remaining, resumeClock, startClock, carryClock } from '../sla-clock.js';
import { firstMatchingPolicy, policyMatches, unsatisfiableConditions, type SlaPolicy, type SlaSubject } from '../sla-policy.js';

const H = 3_600_000;
const subject: SlaSubject = {
  id: 'tkt_1', workspace_id: 'ws_1', status: 'open', priority: 'high', channel: 'chat', brand_id: 'brd_a', team_id: null, assignee_id: null,
  tags: ['vip', 'payout'], custom_fields: { plan: 'pro', seats: 12 }, country: null, customer_tier: 'enterprise', customer_country: 'IE',
  created_at: new Date('2026-03-02T09:00:00Z'),
};

describe('policy conditions', () => {
  it('every present condition must hold; values inside one are alternatives', () => {
    expect(policyMatches({}, subject)).toBe(true);
    expect(policyMatches({ brand_ids: ['brd_a', 'brd_b'], channels: ['chat'], priorities: ['high', 'urgent'] }, subject)).toBe(true);
    expect(policyMatches({ brand_ids: ['brd_b'] }, subject)).toBe(false);
    expect(policyMatches({ customer_tiers: ['enterprise'] }, subject)).toBe(true);
    expect(policyMatches({ customer_tiers: ['standard'] }, { ...subject, customer_tier: null })).toBe(true); // default tier
    expect(policyMatches({ countries: ['IE'] }, subject)).toBe(true); // falls back to the requester's country
    expect(policyMatches({ countries: ['IE'] }, { ...subject, country: 'DE' })).toBe(false); // the ticket's own country wins
    expect(policyMatches({ tags_any: ['x', 'vip'], tags_all: ['vip', 'payout'], tags_none: ['spam'] }, subject)).toBe(true);
    expect(policyMatches({ tags_all: ['vip', 'x'] }, subject)).toBe(false);
    expect(policyMatches({ tags_none: ['payout'] }, subject)).toBe(false);
    expect(policyMatches({ custom_fields: { plan: ['pro', 'team'], seats: [12] } }, subject)).toBe(true);
    expect(policyMatches({ custom_fields: { plan: ['free'] } }, subject)).toBe(false);
    expect(policyMatches({ custom_fields: { missing: ['x'] } }, subject)).toBe(false);
  });
  it('first active match wins, in order', () => {
    const p = (id: string, position: number, is_active: boolean, conditions: SlaPolicy['conditions']) =>
      ({ id, position, is_active, conditions } as SlaPolicy);
    const list = [p('a', 0, false, {}), p('b', 1, true, { priorities: ['urgent'] }), p('c', 2, true, { tags_any: ['vip'] }), p('d', 3, true, {})];
    expect(firstMatchingPolicy(list, subject)?.id).toBe('c');
    expect(firstMatchingPolicy(list, { ...subject, tags: [] })?.id).toBe('d');
  });
  it('finds conditions that can match nothing', () => {
    expect(unsatisfiableConditions({ channels: [] }).map((p) => p.path)).toEqual(['conditions.channels']);
    expect(unsatisfiableConditions({ tags_all: ['a'], tags_none: ['a'] }).map((p) => p.path)).toEqual(['conditions.tags_none']);
    expect(unsatisfiableConditions({ tags_any: ['a', 'b'], tags_none: ['a', 'b', 'c'] }).map((p) => p.path)).toEqual(['conditions.tags_any']);
    expect(unsatisfiableConditions({ tags_any: ['a'], priorities: ['low'] })).toEqual([]);
  });
});

describe('target clock', () => {
  const cal = compileCalendar({ timeZone: 'Europe/Dublin', week: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] } });
  const spec = { metric: 'resolution' as const, business: true, target_ms: 4 * H, warn_ms: H };
  it('schedules due and warning in business time, banks time across a pause', () => {
    let c = startClock(spec, new Date('2026-03-02T15:00:00Z'), cal); // Monday 15:00
    expect(c.due_at?.toISOString()).toBe('2026-03-03T11:00:00.000Z');
    expect(c.warn_at?.toISOString()).toBe('2026-03-03T10:00:00.000Z');
    c = pauseClock(c, cal, new Date('2026-03-02T16:00:00Z'));
    expect(c).toMatchObject({ elapsed_ms: H, running_since: null, due_at: null, warn_at: null });
    expect(remaining(c, cal, new Date('2026-03-10T00:00:00Z'))).toBe(3 * H); // paused: the clock stands still
    c = resumeClock(c, cal, new Date('2026-03-03T09:00:00Z'));
    expect(c.due_at?.toISOString()).toBe('2026-03-03T12:00:00.000Z');
    expect(consumed(c, cal, new Date('2026-03-03T10:30:00Z'))).toBe(2.5 * H);
  });
  it('achieving after the due time records the breach once (late detection)', () => {
    const c = startClock({ ...spec, business: false }, new Date('2026-03-02T09:00:00Z'), null);
    const late = achieveClock(c, null, new Date('2026-03-02T14:00:00Z'));
    expect(late.lateBreach).toBe(true);
    expect(late.clock.breached_at?.toISOString()).toBe('2026-03-02T13:00:00.000Z');
    expect(achieveClock(late.clock, null, new Date('2026-03-02T15:00:00Z')).lateBreach).toBe(false); // already closed
    const onTime = achieveClock(c, null, new Date('2026-03-02T12:00:00Z'));
    expect(onTime).toMatchObject({ lateBreach: false, clock: { breached_at: null } });
  });
  it('carrying a clock to a new target keeps the start and the consumed time', () => {
    const c = startClock(spec, new Date('2026-03-02T09:00:00Z'), cal);
    const moved = carryClock(c, cal, null, { business: false, target_ms: 2 * H, warn_ms: 0 }, new Date('2026-03-02T10:00:00Z'));
    expect(moved).toMatchObject({ elapsed_ms: H, started_at: new Date('2026-03-02T09:00:00Z'), warn_at: null });
    expect(moved.due_at?.toISOString()).toBe('2026-03-02T11:00:00.000Z');
  });
});

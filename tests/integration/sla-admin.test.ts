import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, type Wire } from '../helpers/api-helpers.js';
import { countryBusinessDayCalendar, resolveCalendar } from '../../src/domain/calendars/index.js';
import { addBusinessDays, isBusinessDay } from '../../src/platform/time/index.js';
import { systemActor } from '../../src/domain/kernel/index.js';

const nine2five = [{ start: '09:00', end: '17:00' }];
const week = { mon: nine2five, tue: nine2five, wed: nine2five, thu: nine2five, fri: nine2five };

describe('business calendars API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates, validates and lists calendars', async () => {
    const res = await t.api('POST', '/api/v1/calendars', { name: 'Dublin office', time_zone: 'Europe/Dublin', week, holidays: [{ date: '2026-03-17', name: "St Patrick's Day", yearly: true }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ scope_type: 'workspace', scope_id: null, time_zone: 'Europe/Dublin', version: 1 });
    const list = await t.api('GET', '/api/v1/calendars');
    expect(list.json().data.map((c: Wire) => c.name)).toEqual(['Dublin office']);
    // a second workspace calendar is refused
    expectProblem(await t.api('POST', '/api/v1/calendars', { name: 'Other', time_zone: 'UTC', week }), 409, 'CALENDAR_SCOPE_TAKEN');
  });

  it('answers bad input with clear 4xx problems', async () => {
    const bad = async (body: Wire, code: string, status = 422) => expectProblem(await t.api('POST', '/api/v1/calendars', { name: `x${code}${Math.random()}`, scope_type: 'market', scope_id: 'FR', ...body }), status, code);
    const p = await bad({ time_zone: 'Europe/Atlantis', week }, 'CALENDAR_INVALID_TIME_ZONE');
    expect(p.errors[0].path).toBe('time_zone');
    await bad({ time_zone: 'Europe/Paris', week: { mon: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }] } }, 'CALENDAR_OVERLAPPING_INTERVALS');
    await bad({ time_zone: 'Europe/Paris', week: { mon: [{ start: '18:00', end: '09:00' }] } }, 'CALENDAR_INVALID_INTERVAL');
    await bad({ time_zone: 'Europe/Paris', week, holidays: [{ date: '2026-02-30' }] }, 'CALENDAR_INVALID_HOLIDAY');
    await bad({ time_zone: 'Europe/Paris', week, holidays: [{ date: '2027-02-29', yearly: true }] }, 'CALENDAR_INVALID_HOLIDAY');
    await bad({ time_zone: 'Europe/Paris', week: {} }, 'CALENDAR_NO_WORKING_TIME');
    await bad({ time_zone: 'Europe/Paris', week: { mon: [{ start: '9am', end: '17:00' }] } }, 'VALIDATION_FAILED', 400);
    expectProblem(await t.api('POST', '/api/v1/calendars', { name: 'bad scope', scope_type: 'team', scope_id: 'team_nope', time_zone: 'UTC', week }), 422, 'CALENDAR_SCOPE_INVALID');
    expectProblem(await t.api('POST', '/api/v1/calendars', { name: 'bad market', scope_type: 'market', scope_id: 'France', time_zone: 'UTC', week }), 422, 'CALENDAR_SCOPE_INVALID');
  });

  it('imports holidays from iCalendar and computes business time (DST-aware)', async () => {
    const cal = (await t.api('POST', '/api/v1/calendars', { name: 'California', scope_type: 'market', scope_id: 'US', time_zone: 'America/Los_Angeles', week })).json();
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN',
      'BEGIN:VEVENT', 'UID:a', 'DTSTART;VALUE=DATE:20261126', 'SUMMARY:Thanksgiving', 'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:b', 'DTSTART;VALUE=DATE:20260704', 'SUMMARY:Independence Day', 'RRULE:FREQ=YEARLY', 'END:VEVENT',
      'END:VCALENDAR'].join('\r\n');
    const imp = await t.api('POST', `/api/v1/calendars/${cal.id}/import_ics`, { ics, from_year: 2026, to_year: 2027 });
    expect(imp.statusCode, imp.body).toBe(200);
    expect(imp.json().imported).toBe(3);
    expect(imp.json().calendar.holidays).toEqual([
      { date: '2026-07-04', name: 'Independence Day', yearly: true },
      { date: '2026-11-26', name: 'Thanksgiving' },
      { date: '2027-11-25', name: 'Thanksgiving' },
    ]);
    expectProblem(await t.api('POST', `/api/v1/calendars/${cal.id}/import_ics`, { ics: 'not a calendar' }), 422, 'CALENDAR_INVALID_ICS');
    // Wed 2026-11-25 16:00 PST (= Thu 00:00Z) + 2 business hours: 1 h on Wednesday, Thanksgiving skipped, 1 h on Friday → 10:00 PST
    // and until Fri 16:00 PST: Wed 16–17 (60) + Fri 09–16 (420) business minutes
    const c = await t.api('POST', `/api/v1/calendars/${cal.id}/compute`, { start: '2026-11-26T00:00:00Z', minutes: 120, end: '2026-11-28T00:00:00Z' });
    expect(c.json()).toEqual({ due_at: '2026-11-27T18:00:00.000Z', business_minutes_between: 480 });
    // Across the spring-forward weekend: Fri 2026-03-06 16:00 PST + 2h → Mon 2026-03-09 10:00 PDT (17:00Z)
    const d = await t.api('POST', `/api/v1/calendars/${cal.id}/compute`, { start: '2026-03-07T00:00:00Z', minutes: 120 });
    expect(d.json().due_at).toBe('2026-03-09T17:00:00.000Z');
  });

  it('updates with optimistic concurrency and refuses to delete a calendar in use', async () => {
    const cal = (await t.api('POST', '/api/v1/calendars', { name: 'Singapore', scope_type: 'market', scope_id: 'SG', time_zone: 'Asia/Singapore', week })).json();
    const up = await t.api('PATCH', `/api/v1/calendars/${cal.id}`, { holidays: [{ date: '2026-08-10', name: 'National Day (observed)' }], version: 1 });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().version).toBe(2);
    expectProblem(await t.api('PATCH', `/api/v1/calendars/${cal.id}`, { name: 'SG', version: 1 }), 412, 'VERSION_CONFLICT');
    const pol = await t.api('POST', '/api/v1/sla/policies', { name: 'SG policy', calendar_id: cal.id, conditions: { countries: ['SG'] }, targets: [{ metric: 'first_reply', minutes: 60 }] });
    expect(pol.statusCode, pol.body).toBe(201);
    expectProblem(await t.api('DELETE', `/api/v1/calendars/${cal.id}`), 409, 'CALENDAR_IN_USE');
    expect((await t.api('DELETE', `/api/v1/sla/policies/${pol.json().id}`)).statusCode).toBe(204);
    expect((await t.api('DELETE', `/api/v1/calendars/${cal.id}`)).statusCode).toBe(204);
  });

  it('resolves the most specific calendar (team, brand, market, workspace) and serves country business-day calendars', async () => {
    const mk = async (body: Wire) => {
      const r = await t.api('POST', '/api/v1/calendars', { week, ...body });
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    const team = await mk({ name: 'Payments team', scope_type: 'team', scope_id: t.payments.id, time_zone: 'Europe/Dublin' });
    const brand = await mk({ name: 'Creator Market brand', scope_type: 'brand', scope_id: t.brandB.id, time_zone: 'Europe/London' });
    // Ireland as a market: Saturday is worked, Friday is not; Christmas Day
    const ie = await mk({ name: 'Ireland', scope_type: 'market', scope_id: 'IE', time_zone: 'Europe/Dublin', week: { mon: nine2five, tue: nine2five, wed: nine2five, thu: nine2five, sat: nine2five }, holidays: [{ date: '2026-12-25', name: 'Christmas Day', yearly: true }] });
    const resolve = (s: { team_id?: string; brand_id?: string; country?: string }, explicit?: string) =>
      t.as(systemActor(t.workspaceId), (ctx) => resolveCalendar(ctx.tx, { workspace_id: t.workspaceId, ...s }, explicit)).then((c) => c?.name);
    expect(await resolve({ team_id: t.payments.id, brand_id: t.brandB.id, country: 'IE' })).toBe(team.name);
    expect(await resolve({ brand_id: t.brandB.id, country: 'ie' })).toBe(brand.name);
    expect(await resolve({ brand_id: t.brandA.id, country: 'IE' })).toBe(ie.name);
    expect(await resolve({ brand_id: t.brandA.id, country: 'FR' })).toBe('Dublin office');
    expect(await resolve({ team_id: t.payments.id }, ie.id)).toBe(ie.name); // a policy's own calendar wins
    // the stored market calendar is the country's business-day calendar: its days off, its holidays plus the caller's
    const cal = await t.as(systemActor(t.workspaceId), (ctx) => countryBusinessDayCalendar(ctx.tx, t.workspaceId, 'ie', { timeZone: 'Europe/Dublin', holidays: [{ date: '2026-12-28' }] }));
    expect(cal).not.toBeNull();
    expect(isBusinessDay('2026-12-25', cal!)).toBe(false); // Christmas (stored)
    expect(isBusinessDay('2026-12-28', cal!)).toBe(false); // the caller's holiday
    expect(isBusinessDay('2026-12-26', cal!)).toBe(true); // a Saturday, worked in this market
    expect(isBusinessDay('2026-12-18', cal!)).toBe(false); // a Friday, not worked
    expect(addBusinessDays('2026-12-24', 2, cal!)).toBe('2026-12-29'); // Thu 24 → Sat 26 → (Sun, Mon 28 off) Tue 29
    // no stored market: the caller's fallback; neither: null
    const de = await t.as(systemActor(t.workspaceId), (ctx) => countryBusinessDayCalendar(ctx.tx, t.workspaceId, 'DE', { timeZone: 'Europe/Berlin', holidays: [] }));
    expect(isBusinessDay('2026-12-26', de!)).toBe(false);
    expect(await t.as(systemActor(t.workspaceId), (ctx) => countryBusinessDayCalendar(ctx.tx, t.workspaceId, 'DE'))).toBeNull();
  });

  it('agents may read but not manage calendars', async () => {
    const agent = await t.addUser('cal-agent', 'agent');
    expect((await t.api('GET', '/api/v1/calendars', undefined, { token: agent.token })).statusCode).toBe(200);
    expectProblem(await t.api('POST', '/api/v1/calendars', { name: 'nope', scope_type: 'market', scope_id: 'DE', time_zone: 'Europe/Berlin', week }, { token: agent.token }), 403, 'FORBIDDEN');
  });
});

describe('SLA policies API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  const targets = [{ metric: 'first_reply', minutes: 60 }, { metric: 'resolution', minutes: 480 }];

  it('creates ordered policies, inserts at a position, reorders', async () => {
    const a = (await t.api('POST', '/api/v1/sla/policies', { name: 'A', targets })).json();
    const b = (await t.api('POST', '/api/v1/sla/policies', { name: 'B', targets, conditions: { priorities: ['urgent'] } })).json();
    const c = await t.api('POST', '/api/v1/sla/policies', { name: 'C', targets, position: 0, conditions: { tags_any: ['vip'] } });
    expect(c.statusCode, c.body).toBe(201);
    const names = async () => (await t.api('GET', '/api/v1/sla/policies')).json().data.map((p: Wire) => `${p.position}:${p.name}`);
    expect(await names()).toEqual(['0:C', '1:A', '2:B']);
    const r = await t.api('POST', '/api/v1/sla/policies/reorder', { ids: [b.id, c.json().id, a.id] });
    expect(r.statusCode, r.body).toBe(200);
    expect(await names()).toEqual(['0:B', '1:C', '2:A']);
    expectProblem(await t.api('POST', '/api/v1/sla/policies/reorder', { ids: [b.id, a.id] }), 422, 'SLA_POLICY_ORDER_INVALID');
    const up = await t.api('PATCH', `/api/v1/sla/policies/${a.id}`, { targets: [{ metric: 'first_reply', minutes: 30, business: false }], version: 1 });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ version: 2, targets: [{ metric: 'first_reply', minutes: 30, business: false }] });
    expectProblem(await t.api('PATCH', `/api/v1/sla/policies/${a.id}`, { name: 'A2', version: 1 }), 412, 'VERSION_CONFLICT');
    expectProblem(await t.api('POST', '/api/v1/sla/policies', { name: 'a', targets }), 409, 'SLA_POLICY_NAME_TAKEN');
  });

  it('refuses policies that can match nothing or reference unknown things', async () => {
    const post = (body: Wire) => t.api('POST', '/api/v1/sla/policies', { name: `P${Math.random()}`, targets, ...body });
    const p = expectProblem(await post({ conditions: { priorities: [] } }), 422, 'SLA_POLICY_MATCHES_NOTHING');
    expect(p.errors[0].path).toBe('conditions.priorities');
    expectProblem(await post({ conditions: { tags_all: ['a'], tags_none: ['a'] } }), 422, 'SLA_POLICY_MATCHES_NOTHING');
    expectProblem(await post({ conditions: { brand_ids: ['brd_nope'] } }), 422, 'SLA_POLICY_MATCHES_NOTHING');
    expectProblem(await post({ conditions: { custom_fields: { no_such_field: ['x'] } } }), 422, 'SLA_POLICY_INVALID');
    expectProblem(await post({ targets: [{ metric: 'first_reply', minutes: 60 }, { metric: 'first_reply', minutes: 30 }] }), 422, 'SLA_POLICY_INVALID');
    expectProblem(await post({ targets: [{ metric: 'first_reply', minutes: 60, warn_minutes: 60 }] }), 422, 'SLA_POLICY_INVALID');
    expectProblem(await post({ calendar_id: 'cal_nope' }), 422, 'SLA_POLICY_INVALID');
    expectProblem(await post({ breach_actions: [{ type: 'escalate', team_id: 'team_nope', reason: 'x' }] }), 422, 'SLA_POLICY_INVALID');
    expectProblem(await post({ targets: [] }), 400, 'VALIDATION_FAILED');
    expectProblem(await post({ targets: [{ metric: 'first_reply', minutes: 0 }] }), 400, 'VALIDATION_FAILED');
    expectProblem(await post({ conditions: { countries: ['ireland'] } }), 400, 'VALIDATION_FAILED');
    expectProblem(await post({ breach_actions: [{ type: 'explode' }] }), 400, 'VALIDATION_FAILED');
  });
});

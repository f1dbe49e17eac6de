import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newCustomer, newTicket, patchTicket } from '../helpers/api-helpers.js';
import { computePriorityScore } from '../../src/domain/routing/index.js';
import { ok } from './routing-helpers.js';
import { Dispatcher, syncSubscriptions } from '../../src/platform/events/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { slaEngine } from '../../src/worker/subscribers/sla.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const H = 3_600_000;
const base = {
  now: new Date('2026-03-02T12:00:00Z'), created_at: new Date('2026-03-02T12:00:00Z'), priority: 'normal', channel: 'email', tier: 'standard',
  tags: [] as string[], custom_fields: {}, sla: null, regulatory: null,
};
const pts = (s: ReturnType<typeof computePriorityScore>, key: string) => s.components.find((c) => c.key === key)?.points;

describe('priority score (pure)', () => {
  it('sums named components, each with its reason', () => {
    const s = computePriorityScore({
      ...base, created_at: new Date(base.now.getTime() - 10 * H), priority: 'urgent', channel: 'chat', tier: 'enterprise',
      tags: ['sentiment:negative', 'intent:cancel'], sla: { remaining_ms: 2 * H, breached: false, target: 'first reply' },
      regulatory: { due_at: new Date(base.now.getTime() + 3 * 24 * H), label: 'PSD2 complaint' },
    });
    expect(s.components.map((c) => [c.key, c.points])).toEqual([
      ['sla', 30], ['regulatory', 24], ['priority', 20], ['tier', 15], ['channel', 10], ['sentiment', 10], ['intent', 10], ['age', 2.5],
    ]);
    expect(s.score).toBe(121.5);
    expect(s.components[0].detail).toBe('first reply due in 2 h');
    expect(s.components[1].detail).toBe('PSD2 complaint due in 3 days');
  });

  it('caps SLA and age, and a breach scores the full SLA weight', () => {
    const breached = computePriorityScore({ ...base, sla: { remaining_ms: -30 * 60_000, breached: true, target: 'resolution' } });
    expect(pts(breached, 'sla')).toBe(40);
    expect(breached.components[0].detail).toBe('resolution breached 30 min ago');
    const far = computePriorityScore({ ...base, sla: { remaining_ms: 20 * H, breached: false, target: 'first reply', business: true, paused: true } });
    expect(pts(far, 'sla')).toBe(0);
    expect(far.components[0].detail).toBe('first reply due in 20 h business time, paused');
    expect(pts(computePriorityScore({ ...base, created_at: new Date(base.now.getTime() - 30 * 24 * H) }), 'age')).toBe(15);
    expect(pts(computePriorityScore({ ...base, priority: 'low' }), 'priority')).toBe(-5);
    // absent SLA / regulatory: the SLA line says so, no regulatory line
    const plain = computePriorityScore(base);
    expect(plain.components.find((c) => c.key === 'sla')).toEqual({ key: 'sla', points: 0, detail: 'no SLA target running' });
    expect(plain.components.some((c) => c.key === 'regulatory')).toBe(false);
    expect(plain.score).toBe(0);
  });

  it('scores workspace intent names by their riskiest word (the classifier writes names like cancel_transfer)', () => {
    const intent = (v: string) => computePriorityScore({ ...base, custom_fields: { intent: v } }).components.find((c) => c.key === 'intent');
    expect(intent('cancel')).toEqual({ key: 'intent', points: 10, detail: 'intent cancel' });
    expect(intent('cancel_transfer')?.points).toBe(10);
    expect(intent('lost_or_stolen_card')?.points).toBe(10);
    expect(intent('request_refund')?.points).toBe(5);
    expect(intent('change_payout_account')).toEqual({ key: 'intent', points: 0, detail: 'intent change_payout_account' });
    // the tag form (assistant hand-off) counts the same; no intent → no line
    expect(pts(computePriorityScore({ ...base, tags: ['intent:Cancel_Transfer'] }), 'intent')).toBe(10);
    expect(pts(computePriorityScore(base), 'intent')).toBeUndefined();
  });

  it('is monotonic in waiting time and in SLA urgency', () => {
    let prev = -Infinity;
    for (let h = 0; h <= 80; h += 4) {
      const s = computePriorityScore({ ...base, now: new Date(base.created_at.getTime() + h * H), sla: { remaining_ms: (24 - h) * H, breached: h > 24, target: 'x' } });
      expect(s.score).toBeGreaterThanOrEqual(prev);
      prev = s.score;
    }
  });
});

describe('GET /api/v1/priority/tickets', () => {
  it('sorts open tickets by score and explains each; solved tickets are not listed', async () => {
    const vip = await newCustomer(t, { name: 'Vera VIP', emails: ['vera@vip.test'], tier: 'enterprise' });
    const old = await newTicket(t, { subject: 'old email', channel: 'email' });
    t.clock.advance(8 * H);
    const chatVip = await newTicket(t, { subject: 'vip chat', channel: 'chat', requester: { email: 'vera@vip.test' } });
    const urgent = await newTicket(t, { subject: 'urgent', priority: 'urgent', tags: ['sentiment:very_negative'] });
    const done = await newTicket(t, { subject: 'done', priority: 'urgent' });
    await patchTicket(t, done.id, { status: 'solved' });
    const res = await ok(await t.api('GET', '/api/v1/priority/tickets?limit=10'));
    const ids = res.data.map((x: { id: string }) => x.id);
    expect(ids).not.toContain(done.id);
    expect(ids.indexOf(urgent.id)).toBeLessThan(ids.indexOf(chatVip.id));
    expect(ids.indexOf(chatVip.id)).toBeLessThan(ids.indexOf(old.id));
    const top = res.data[0];
    expect(top).toMatchObject({ id: urgent.id, rank: 1, score: 35 });
    expect(top.components.map((c: { key: string }) => c.key)).toEqual(['sla', 'priority', 'tier', 'channel', 'sentiment', 'age']);
    const v = res.data.find((x: { id: string }) => x.id === chatVip.id);
    expect(v).toMatchObject({ score: 25, tier: 'enterprise', requester_name: vip.name });
    expect(res.data.find((x: { id: string }) => x.id === old.id).score).toBe(2); // 8 h old
    // each score is the sum of its components
    for (const d of res.data) expect(d.score).toBeCloseTo(d.components.reduce((s: number, c: { points: number }) => s + c.points, 0), 5);
    // the ticket's own breakdown
    const one = await ok(await t.api('GET', `/api/v1/tickets/${old.id}/priority`));
    expect(one).toMatchObject({ ticket_id: old.id, score: 2 });
    expect(one.components.find((c: { key: string }) => c.key === 'age').detail).toBe('open for 8 h');
    expectProblem(await t.api('GET', `/api/v1/tickets/${done.id}/priority`), 409, 'TICKET_NOT_OPEN');
    expectProblem(await t.api('GET', '/api/v1/priority/tickets?status=solved'), 422, 'INVALID_STATUS');
    expectProblem(await t.api('GET', '/api/v1/priority/tickets?limit=0'), 400, 'VALIDATION_FAILED');
  });

  it('respects the actor\'s scope (brand-limited agent)', async () => {
    const b = await newTicket(t, { subject: 'brand B only', brand_id: t.brandB.id, priority: 'urgent' });
    const u = await t.addUser('prio_a', 'agent', { brandIds: [t.brandA.id] });
    const res = await ok(await t.api('GET', '/api/v1/priority/tickets?limit=500', undefined, { token: u.token }));
    expect(res.data.some((x: { id: string }) => x.id === b.id)).toBe(false);
    expectProblem(await t.api('GET', `/api/v1/tickets/${b.id}/priority`, undefined, { token: u.token }), 404, 'TICKET_NOT_FOUND');
  });

  it('takes the inbox view filters (assignee me/none, team none, brand, channel, tags)', async () => {
    const u = await t.addUser('prio_me', 'agent');
    const mine = await newTicket(t, { subject: 'mine', assignee_id: u.user.id, channel: 'chat', tags: ['vip', 'refund'] });
    const loose = await newTicket(t, { subject: 'loose', team_id: t.payments.id, tags: ['vip'] });
    const ids = async (q: string, token?: string) =>
      (await ok(await t.api('GET', `/api/v1/priority/tickets?limit=500&${q}`, undefined, token ? { token } : {}))).data.map((x: { id: string }) => x.id);
    expect(await ids('assignee_id=me', u.token)).toEqual([mine.id]);
    expect(await ids('assignee_id=none')).toContain(loose.id);
    expect(await ids('assignee_id=none')).not.toContain(mine.id);
    expect(await ids(`team_id=${t.payments.id}`)).toEqual([loose.id]);
    expect(await ids('team_id=none')).not.toContain(loose.id);
    expect(await ids('tag=vip,refund')).toEqual([mine.id]);
    expect(await ids('channel=chat&tag=vip')).toEqual([mine.id]);
    expect(await ids(`brand_id=${t.brandB.id}&tag=vip`)).toEqual([]);
    expectProblem(await t.api('GET', '/api/v1/priority/tickets?sort=score'), 400, 'VALIDATION_FAILED');
  });
});

describe('priority score from the SLA and compliance modules', () => {
  it('the SLA component follows the SLA module\'s time left on the next target', async () => {
    await syncSubscriptions(t.db, [slaEngine]);
    const d = new Dispatcher(t.db, [slaEngine], t.clock, createLogger('silent'));
    const pol = await t.api('POST', '/api/v1/sla/policies', { name: 'Fast', conditions: { tags_any: ['fast'] }, targets: [{ metric: 'first_reply', minutes: 60, business: false }] });
    expect(pol.statusCode, pol.body).toBe(201);
    const tk = await newTicket(t, { tags: ['fast'] });
    while ((await d.runOnce(50)) > 0);
    t.clock.advance(30 * 60_000);
    const s1 = await ok(await t.api('GET', `/api/v1/tickets/${tk.id}/priority`));
    expect(s1.components[0]).toEqual({ key: 'sla', points: 37.5, detail: 'first reply due in 30 min' });
    t.clock.advance(45 * 60_000);
    const s2 = await ok(await t.api('GET', `/api/v1/tickets/${tk.id}/priority`));
    expect(s2.components[0]).toMatchObject({ key: 'sla', points: 40, detail: 'first reply breached 15 min ago' });
    expect(s2.score).toBeGreaterThan(s1.score);
  });

  it('the regulatory component comes from an open compliance case on the ticket (public query), and leaves with it', async () => {
    const tk = await newTicket(t, { subject: 'Disputed card payment' });
    const before = await ok(await t.api('GET', `/api/v1/tickets/${tk.id}/priority`));
    expect(before.components.some((c: { key: string }) => c.key === 'regulatory')).toBe(false);
    const kase = await ok(await t.api('POST', '/api/v1/compliance/cases', { type: 'psd2_complaint', ticket_id: tk.id, country: 'DE' }), 201);
    const days = (new Date(kase.due_at).getTime() - t.clock.now().getTime()) / (24 * H);
    const s = await ok(await t.api('GET', `/api/v1/tickets/${tk.id}/priority`));
    const reg = s.components.find((c: { key: string }) => c.key === 'regulatory');
    expect(reg).toEqual({ key: 'regulatory', points: Math.round(30 * Math.max(0, 1 - days / 15) * 10) / 10, detail: `PSD2 complaint due in ${Math.round(days * 10) / 10} days` });
    expect(s.score).toBeCloseTo(before.score + reg.points, 5);
    // overdue: the full weight
    t.clock.advance(Math.ceil(days + 1) * 24 * H);
    const late = await ok(await t.api('GET', `/api/v1/tickets/${tk.id}/priority`));
    expect(late.components.find((c: { key: string }) => c.key === 'regulatory')).toEqual({ key: 'regulatory', points: 30, detail: 'PSD2 complaint overdue' });
    // answered: no longer counts
    await ok(await t.api('POST', `/api/v1/compliance/cases/${kase.id}/respond`, { outcome: 'upheld', late_reason: 'backlog', reason_code: 'done' }));
    const done = await ok(await t.api('GET', `/api/v1/tickets/${tk.id}/priority`));
    expect(done.components.some((c: { key: string }) => c.key === 'regulatory')).toBe(false);
  });
});


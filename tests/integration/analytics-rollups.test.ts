/**
 * The daily rollup (local days of the reporting zone, across a DST change) agrees with the hourly one and
 * with a rebuild; SOP-version and self-service figures come from those modules' events and drill down;
 * a customer under a processing restriction vanishes from facts, rollups and exports and comes back after
 * the lift; an erased customer's tickets still count, anonymised.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildAnalytics } from '../../src/domain/analytics/index.js';
import { eraseCustomer } from '../../src/domain/compliance/index.js';
import { expectProblem, newTicket, patchTicket, type Wire } from '../helpers/api-helpers.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { analyticsDispatcher } from './analytics-helpers.js';

const SOP = `key: coins
name: Coin refund
owner: Payments Ops
purpose: Refund coins
applies_when:
  tags_any: [coins]
steps:
  - { id: verify, type: checklist, title: Verify, required: true, items: [Buyer verified] }
tests:
  - name: verifies
    ticket: { tags: [coins] }
    inputs: { verify: done }
    expect: { steps: [verify], status: completed }
`;
const HOUR = 3_600_000;

let t: TestApp;
let settle: () => Promise<number>;
beforeAll(async () => {
  t = await createTestApp();
  settle = (await analyticsDispatcher(t)).settle;
});
afterAll(async () => t?.close());

const dash = async (q: string) => {
  const res = await t.api('GET', `/api/v1/analytics/dashboard?${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const nonZero = 'created + first_replies + solved + csat_responses + reopened_tickets + sla_breaches + sla_achieved + escalated <> 0 OR work_sec_sum <> 0';
const snapshot = async () => ({
  facts: (await t.db.query<Record<string, unknown>>('SELECT * FROM ticket_facts ORDER BY ticket_id')).map(({ updated_at: _u, ...r }) => r),
  hourly: await t.db.query(`SELECT * FROM metric_hourly WHERE ${nonZero} ORDER BY hour, brand_id, team_id, channel`),
  daily: await t.db.query(`SELECT * FROM metric_daily WHERE ${nonZero} ORDER BY day, brand_id, team_id, channel`),
  conversations: (await t.db.query<Record<string, unknown>>('SELECT * FROM assistant_facts ORDER BY conversation_id')).map(({ updated_at: _u, ...r }) => r),
});

describe('daily rollup in the reporting time zone', () => {
  it('local days across the spring DST change; the daily path equals the hourly path and a rebuild', async () => {
    expect((await t.api('GET', '/api/v1/analytics/settings')).json()).toEqual({ time_zone: 'UTC' });
    expectProblem(await t.api('PUT', '/api/v1/analytics/settings', { time_zone: 'Mars/Olympus' }), 422, 'INVALID_TIME_ZONE');
    expect((await t.api('PUT', '/api/v1/analytics/settings', { time_zone: 'Europe/Dublin' })).json()).toEqual({ time_zone: 'Europe/Dublin' });
    // Dublin moves from GMT to IST at 01:00 UTC on 2026-03-29. 23:30 UTC is still the 28th before, the 30th after.
    t.clock.set(new Date('2026-03-28T23:30:00Z'));
    const a = await newTicket(t, { channel: 'email' });
    t.clock.advance(HOUR);
    await t.api('POST', `/api/v1/tickets/${a.id}/messages`, { body: 'On it', public: true });
    t.clock.set(new Date('2026-03-29T23:30:00Z'));
    const b = await newTicket(t, { channel: 'chat' });
    t.clock.advance(HOUR / 2);
    await patchTicket(t, b.id, { status: 'solved' });
    await settle();
    const days = await t.db.query<{ day: string; created: number; first_replies: number; solved: number }>(
      "SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(created)::int AS created, sum(first_replies)::int AS first_replies, sum(solved)::int AS solved FROM metric_daily GROUP BY 1 ORDER BY 1");
    expect(days).toEqual([
      { day: '2026-03-28', created: 1, first_replies: 0, solved: 0 },
      { day: '2026-03-29', created: 0, first_replies: 1, solved: 0 }, // 00:30 UTC = 00:30 GMT on the 29th
      { day: '2026-03-30', created: 1, first_replies: 0, solved: 1 }, // 23:30 UTC = 00:30 IST on the 30th
    ]);
    // Europe/London has the same offsets as Dublin but is not the reporting zone: it reads hourly rows only.
    const q = 'from=2026-03-27&to=2026-03-31&bucket=day';
    const daily = await dash(`${q}&tz=Europe/Dublin`);
    const hourly = await dash(`${q}&tz=Europe/London`);
    expect(daily.range.rollup).toBe('daily+hourly');
    expect(hourly.range.rollup).toBe('hourly');
    expect(daily.series).toEqual(hourly.series);
    expect(daily.kpis).toEqual(hourly.kpis);
    expect(daily.series.map((s: { bucket: string; created: number }) => [s.bucket.slice(0, 10), s.created])).toEqual([['2026-03-28', 1], ['2026-03-29', 0], ['2026-03-30', 1]]);
    // a range cut mid-day reads the partial days from the hourly table and still agrees
    const cut = 'from=2026-03-28T12:00:00Z&to=2026-03-30T06:00:00Z&bucket=day';
    const cutDaily = await dash(`${cut}&tz=Europe/Dublin`);
    expect(cutDaily.range.rollup).toBe('daily+hourly');
    expect(cutDaily.kpis).toEqual((await dash(`${cut}&tz=Europe/London`)).kpis);
    expect(cutDaily.kpis).toMatchObject({ created: 2, first_replies: 1, solved: 1 });
  });

  it('incremental facts and both rollups equal a full rebuild; redelivered events change nothing', async () => {
    const before = await snapshot();
    expect(before.daily.length).toBeGreaterThan(0);
    await t.db.transaction((tx) => rebuildAnalytics(tx, t.workspaceId));
    expect(await snapshot()).toEqual(before);
    await t.db.exec("UPDATE event_deliveries SET status = 'pending', run_after = '2000-01-01'");
    expect(await settle()).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
  });

  it('changing the reporting zone rebuilds the daily rollup in the new local days', async () => {
    await t.api('PUT', '/api/v1/analytics/settings', { time_zone: 'America/New_York' });
    const days = await t.db.query<{ day: string; n: number }>("SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(created)::int AS n FROM metric_daily WHERE created > 0 GROUP BY 1 ORDER BY 1");
    expect(days).toEqual([{ day: '2026-03-28', n: 1 }, { day: '2026-03-29', n: 1 }]); // 19:30 EDT on the 28th and 29th
    await t.api('PUT', '/api/v1/analytics/settings', { time_zone: 'Europe/Dublin' });
  });
});

describe('SOP versions and self-service', () => {
  it('volume and outcomes per SOP version, with drill-down to the tickets', async () => {
    t.clock.set(new Date('2026-04-06T09:00:00Z'));
    const created = await t.api('POST', '/api/v1/sops', { yaml: SOP });
    expect(created.statusCode, created.body).toBe(201);
    const { version } = created.json();
    const sup = await t.addUser('sup-analytics', 'supervisor');
    for (const [action, token] of [['submit', undefined], ['approve', sup.token], ['launch', undefined], ['promote', undefined]] as const) {
      const r = await t.api('POST', `/api/v1/sop_versions/${version.id}/transitions`, { action, ...(action === 'launch' ? { rollout: { percent: 100 } } : {}) }, token ? { token } : {});
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
    }
    const done = await newTicket(t, { tags: ['coins'] });
    const open = await newTicket(t, { tags: ['coins'] });
    const plain = await newTicket(t, { tags: ['intent:card_arrival'] });
    for (const tk of [done, open]) expect((await t.api('POST', `/api/v1/tickets/${tk.id}/sop_runs`)).statusCode).toBe(200);
    const run = (await t.api('GET', `/api/v1/tickets/${done.id}/sop_runs`)).json().data[0] as Wire;
    expect((await t.api('POST', `/api/v1/sop_runs/${run.id}/actions`, { action: 'complete', step: 'verify' })).statusCode).toBe(200);
    await settle();
    const rep = (await t.api('GET', '/api/v1/analytics/sop-versions?from=2026-04-06&to=2026-04-06&tz=Europe/Dublin')).json().data;
    expect(rep).toHaveLength(1);
    expect(rep[0]).toMatchObject({ sop_version_id: version.id, sop_name: 'Coin refund', version: 1, tickets: 2, completed: 1, completion_pct: 50 });
    const drill = (await t.api('GET', `/api/v1/analytics/tickets?metric=sop_completed&sop_version_id=${version.id}&from=2026-04-06&to=2026-04-06&tz=Europe/Dublin`)).json();
    expect(drill.data.map((x: Wire) => x.id)).toEqual([done.id]);
    const all = (await t.api('GET', `/api/v1/analytics/tickets?metric=created&sop_version_id=${version.id}&from=2026-04-06&to=2026-04-06`)).json();
    expect(all.data.map((x: Wire) => x.id).sort()).toEqual([done.id, open.id].sort());
    const byVersion = (await t.api('GET', '/api/v1/analytics/breakdown?by=sop_version_id&from=2026-04-06&to=2026-04-06')).json().data;
    expect(byVersion.find((x: Wire) => x.key === version.id)).toMatchObject({ created: 2 });
    const byIntent = (await t.api('GET', '/api/v1/analytics/breakdown?by=intent&from=2026-04-06&to=2026-04-06')).json().data;
    expect(byIntent.find((x: Wire) => x.key === 'card_arrival')).toMatchObject({ created: 1 });
    expect(plain.id).toBeTruthy();
    const csv = await t.api('GET', '/api/v1/analytics/table.csv?by=sop_versions&from=2026-04-06&to=2026-04-06');
    expect(csv.body.split('\n')[0]).toContain('completion_pct');
    // QA's automatic checks flag SOP adherence: solving with the required step still open needs a supervisor override
    expect((await t.api('GET', `/api/v1/tickets/${open.id}/qa`)).json().auto_flags).not.toContain('sop:overridden:1');
    expect((await t.api('PATCH', `/api/v1/tickets/${open.id}`, { status: 'solved', solve_override_reason: 'Customer withdrew' }, { token: sup.token })).statusCode).toBe(200);
    expect((await t.api('GET', `/api/v1/tickets/${open.id}/qa`)).json().auto_flags).toContain('sop:overridden:1');
    expect((await t.api('GET', `/api/v1/tickets/${done.id}/qa`)).json().auto_flags).toEqual([]);
  });

  it('assistant containment and hand-offs from its events, drill-down to conversations and hand-off tickets', async () => {
    t.clock.set(new Date('2026-04-07T09:00:00Z'));
    const contained = (await t.api('POST', '/api/v1/assistant/conversations/messages', { text: 'hello there', brand_id: t.brandA.id })).json();
    const handed = (await t.api('POST', '/api/v1/assistant/conversations/messages', { text: 'My card never arrived and I want a human now', customer_email: 'ana@example.com', brand_id: t.brandA.id })).json();
    expect(handed.handoff?.ticket_id, JSON.stringify(handed)).toBeTruthy();
    await settle();
    const r = (await t.api('GET', '/api/v1/analytics/self-service?from=2026-04-07&to=2026-04-07&tz=Europe/Dublin')).json();
    expect(r.kpis).toMatchObject({ conversations: 2, contained: 1, handed_off: 1, containment_pct: 50 });
    expect(r.handoff_reasons).toEqual([{ reason: 'customer_asked', conversations: 1 }]);
    expect(r.handoff_tickets.tickets).toBe(1);
    const conv = (await t.api('GET', '/api/v1/analytics/self-service/conversations?outcome=contained&from=2026-04-07&to=2026-04-07')).json();
    expect(conv.data.map((x: Wire) => x.id)).toEqual([contained.conversation_id]);
    const ho = (await t.api('GET', '/api/v1/analytics/self-service/conversations?outcome=handed_off&from=2026-04-07&to=2026-04-07')).json();
    expect(ho.data.map((x: Wire) => x.ticket_id)).toEqual([handed.handoff.ticket_id]);
    const tickets = (await t.api('GET', '/api/v1/analytics/tickets?metric=assistant_handoffs&from=2026-04-07&to=2026-04-07')).json();
    expect(tickets.data.map((x: Wire) => x.id)).toEqual([handed.handoff.ticket_id]);
    expectProblem(await t.api('GET', '/api/v1/analytics/self-service?from=2026-04-08&to=2026-04-07'), 422, 'INVALID_RANGE');
  });
});

describe('GDPR: restricted and erased customers', () => {
  it('a restricted customer vanishes from the dashboard and the CSV export, and comes back after the lift', async () => {
    t.clock.set(new Date('2026-04-08T09:00:00Z'));
    const mine = await newTicket(t, { channel: 'email', requester: { email: 'restrict-me@example.com' } });
    await newTicket(t, { channel: 'email' });
    await settle();
    const q = 'from=2026-04-08&to=2026-04-08&tz=Europe/Dublin';
    const count = async () => (await dash(q)).kpis.created as number;
    const exported = async () => (await t.api('GET', `/api/v1/analytics/facts.csv?${q}`)).body;
    expect(await count()).toBe(2);
    expect(await exported()).toContain(mine.id);
    expect((await t.api('POST', `/api/v1/compliance/customers/${mine.requester_id}/restriction`, { reason: 'accuracy contested' })).statusCode).toBe(204);
    await settle();
    expect(await count()).toBe(1);
    expect(await exported()).not.toContain(mine.id);
    expect((await t.api('GET', `/api/v1/analytics/tickets?metric=created&${q}`)).json().data.map((x: Wire) => x.id)).not.toContain(mine.id);
    // a rebuild agrees: the restricted ticket is absent from a from-scratch computation too
    const before = await snapshot();
    await t.db.transaction((tx) => rebuildAnalytics(tx, t.workspaceId));
    expect(await snapshot()).toEqual(before);
    expect((await t.api('POST', `/api/v1/compliance/customers/${mine.requester_id}/restriction/lift`, { notice_sent: true })).statusCode).toBe(204);
    await settle();
    expect(await count()).toBe(2);
    expect(await exported()).toContain(mine.id);
  });

  it('an erased customer’s tickets still count, with the personal details gone', async () => {
    t.clock.set(new Date('2026-04-09T09:00:00Z'));
    const tk = await newTicket(t, { tags: ['intent:lost_or_stolen_card'], requester: { email: 'erase-me@example.com' } });
    await settle();
    await t.as(t.actorOf(t.admin), (ctx) => eraseCustomer(ctx, tk.requester_id));
    await settle();
    expect((await dash('from=2026-04-09&to=2026-04-09')).kpis.created).toBe(1);
    const [f] = await t.db.query<{ intent: string | null }>('SELECT intent FROM ticket_facts WHERE ticket_id = $1', [tk.id]);
    expect(f.intent).toBeNull(); // the intent came from the erased tags
    const csv = (await t.api('GET', '/api/v1/analytics/facts.csv?from=2026-04-09&to=2026-04-09')).body;
    expect(csv).toContain(tk.id);
    expect(csv).not.toContain('erase-me');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildAnalytics } from '../../src/domain/analytics/index.js';
import { addMessage } from '../../src/domain/tickets/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket, patchTicket } from '../helpers/api-helpers.js';
import { analyticsDispatcher } from './analytics-helpers.js';
import { consumerGroup } from '../../src/platform/events/index.js';
import { ANALYTICS_SUBSCRIBERS } from '../../src/worker/subscribers/analytics.js';

let t: TestApp;
let settle: () => Promise<number>;
const MIN = 60_000;
let story: { id: string; number: number };

async function customerReply(id: string, requesterId: string, body: string) {
  await t.as(t.actorOf(t.admin), (ctx) => addMessage(ctx, id, { body, public: true, from_customer_id: requesterId, channel: 'email' }));
}

beforeAll(async () => {
  t = await createTestApp();
  settle = (await analyticsDispatcher(t)).settle;
  // A hand-built timeline (ManualClock starts 2026-03-02 09:00 UTC):
  // 09:00 created (new) · 09:30 agent reply + pending · 10:00 customer reply (→ open) · 11:00 solved ·
  // 12:00 customer reply (reopen) · 13:00 solved again
  const tk = await newTicket(t, { subject: 'Coins missing', channel: 'email', team_id: t.payments.id });
  story = { id: tk.id, number: tk.number };
  t.clock.advance(30 * MIN);
  expect((await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'Looking into it', public: true, status: 'pending' })).statusCode).toBe(201);
  t.clock.advance(30 * MIN);
  await customerReply(tk.id, tk.requester_id, 'Still missing');
  t.clock.advance(60 * MIN);
  await patchTicket(t, tk.id, { status: 'solved' });
  t.clock.advance(60 * MIN);
  await customerReply(tk.id, tk.requester_id, 'Not fixed!');
  t.clock.advance(60 * MIN);
  await patchTicket(t, tk.id, { status: 'solved' });
  // a second ticket never answered, and a merged one
  await newTicket(t, { subject: 'No answer yet', channel: 'chat' });
  await settle();
});
afterAll(async () => t?.close());

describe('metric definitions on a hand-built timeline', () => {
  it('computes first reply, resolution, full resolution, reopens and agent work time', async () => {
    const [f] = await t.db.query<Record<string, unknown>>('SELECT * FROM ticket_facts WHERE ticket_id = $1', [story.id]);
    expect(f).toMatchObject({
      first_reply_sec: 1800,
      resolution_sec: 2 * 3600,
      full_resolution_sec: 4 * 3600,
      reopens: 1,
      agent_replies: 1,
      customer_messages: 3, // the opening message + two replies
      work_sec: 1800 + 3600, // new 09:00–09:30 + open 10:00–11:00 (pending does not count)
      status: 'solved',
    });
  });

  it('the dashboard KPIs read the rollups and match the facts', async () => {
    const d = (await t.api('GET', '/api/v1/analytics/dashboard?from=2026-03-02&to=2026-03-02&tz=Europe/Dublin')).json();
    expect(d.kpis).toMatchObject({ created: 2, solved: 1, first_replies: 1, avg_first_reply_sec: 1800, first_reply_within_1h_pct: 100, avg_resolution_sec: 7200, avg_work_sec: 5400, reopen_pct: 100, one_touch_pct: 100 });
    expect(d.by_channel.map((c: { key: string }) => c.key).sort()).toEqual(['chat', 'email']);
    expect(d.series.length).toBeGreaterThanOrEqual(2); // hourly buckets for a one-day range
    const team = d.by_team.find((x: { key: string }) => x.key === t.payments.id);
    expect(team.created).toBe(1);
  });

  it('drill-down returns exactly the tickets behind a number', async () => {
    const r = (await t.api('GET', '/api/v1/analytics/tickets?metric=reopened&from=2026-03-01&to=2026-03-03')).json();
    expect(r.data.map((x: { number: number }) => x.number)).toEqual([story.number]);
    const created = (await t.api('GET', '/api/v1/analytics/tickets?metric=created&from=2026-03-01&to=2026-03-03&channel=chat')).json();
    expect(created.data).toHaveLength(1);
    expect(created.data[0].subject).toBe('No answer yet');
  });

  it('incremental facts and rollups equal a full rebuild', async () => {
    const snap = async () => ({
      facts: await t.db.query('SELECT * FROM ticket_facts ORDER BY ticket_id'),
      hourly: await t.db.query('SELECT * FROM metric_hourly WHERE created + first_replies + solved + csat_responses + reopened_tickets + sla_breaches <> 0 OR work_sec_sum <> 0 ORDER BY hour, brand_id, team_id, channel'),
      daily: await t.db.query('SELECT * FROM metric_daily WHERE created + first_replies + solved + csat_responses + reopened_tickets + sla_breaches <> 0 OR work_sec_sum <> 0 ORDER BY day, brand_id, team_id, channel'),
    });
    const strip = (rows: Array<Record<string, unknown>>) => rows.map(({ updated_at: _u, ...r }) => r);
    const before = await snap();
    await t.db.transaction((tx) => rebuildAnalytics(tx, t.workspaceId));
    const after = await snap();
    expect(strip(after.facts)).toEqual(strip(before.facts));
    expect(after.hourly).toEqual(before.hourly);
    expect(after.daily).toEqual(before.daily);
    expect(before.daily.length).toBeGreaterThan(0);
  });

  it('redelivering events changes nothing (idempotent)', async () => {
    const before = await t.db.query('SELECT * FROM metric_hourly ORDER BY hour, brand_id, team_id, channel');
    // the analytics dispatcher's consumer group holds one delivery row per event (ADR 0003)
    await t.db.query("UPDATE event_deliveries SET status = 'pending', run_after = '2000-01-01' WHERE subscriber = $1", [consumerGroup(ANALYTICS_SUBSCRIBERS)]);
    expect(await settle()).toBeGreaterThan(0);
    expect(await t.db.query('SELECT * FROM metric_hourly ORDER BY hour, brand_id, team_id, channel')).toEqual(before);
  });

  it('breakdowns give medians per dimension; backlog counts open tickets by age', async () => {
    const b = (await t.api('GET', '/api/v1/analytics/breakdown?by=channel&from=2026-03-01&to=2026-03-03')).json().data;
    expect(b.find((x: { key: string }) => x.key === 'email')).toMatchObject({ created: 1, median_first_reply_sec: 1800 });
    const backlog = (await t.api('GET', '/api/v1/analytics/backlog')).json();
    expect(backlog.total).toBe(1);
  });

  it('exports raw facts and any table as CSV', async () => {
    const csv = await t.api('GET', '/api/v1/analytics/facts.csv?from=2026-03-01&to=2026-03-03');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0].split(',')).toEqual(expect.arrayContaining(['number', 'ticket_id', 'first_reply_sec', 'resolution_sec']));
    expect(lines).toHaveLength(3);
    const table = await t.api('GET', '/api/v1/analytics/table.csv?by=series&from=2026-03-02&to=2026-03-02');
    expect(table.statusCode).toBe(200);
    expect(table.body.split('\n')[0]).toContain('bucket');
  });

  it('bad ranges and filters are clear 4xx problems; reports need reports.read', async () => {
    expectProblem(await t.api('GET', '/api/v1/analytics/dashboard?from=2026-03-02&to=2026-03-01'), 422, 'INVALID_RANGE');
    expectProblem(await t.api('GET', '/api/v1/analytics/dashboard?from=2026-03-01&to=2026-03-02&tz=Mars/Olympus'), 422, 'INVALID_TIME_ZONE');
    expectProblem(await t.api('GET', '/api/v1/analytics/dashboard?from=2020-01-01&to=2026-03-02'), 422, 'RANGE_TOO_LARGE');
    expectProblem(await t.api('GET', '/api/v1/analytics/dashboard?from=not-a-date&to=2026-03-02'), 422, 'INVALID_RANGE');
    expect((await t.api('GET', '/api/v1/analytics/tickets?metric=vibes&from=2026-03-01&to=2026-03-02')).statusCode).toBe(400);
    expectProblem(await t.api('GET', '/api/v1/analytics/table.csv?by=colour&from=2026-03-01&to=2026-03-02'), 422, 'INVALID_TABLE');
    const agent = await t.addUser('agent-a', 'agent');
    expectProblem(await t.api('GET', '/api/v1/analytics/dashboard?from=2026-03-01&to=2026-03-02', undefined, { token: agent.token }), 403, 'FORBIDDEN');
    const analyst = await t.addUser('analyst-a', 'analyst');
    expect((await t.api('GET', '/api/v1/analytics/dashboard?from=2026-03-01&to=2026-03-02', undefined, { token: analyst.token })).statusCode).toBe(200);
    // an empty period is zeros, not an error
    const empty = (await t.api('GET', '/api/v1/analytics/dashboard?from=2025-01-01&to=2025-01-31')).json();
    expect(empty.kpis).toMatchObject({ created: 0, solved: 0, avg_first_reply_sec: null });
  });
});

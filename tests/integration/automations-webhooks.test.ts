import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueWebhooks, MAX_ATTEMPTS, RETRY_SCHEDULE_SEC, verifyWebhook } from '../../src/domain/automations/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { eventsOf, expectProblem, newTicket } from '../helpers/api-helpers.js';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { automationsDispatcher } from './automations-helpers.js';

let t: TestApp;
let settle: () => Promise<number>;
let sink: HttpSink;
let base: string;
let failWith = 0;

beforeAll(async () => {
  t = await createTestApp();
  settle = (await automationsDispatcher(t)).settle;
  sink = await startHttpSink({
    respond: () => (failWith ? { status: failWith, headers: { 'content-type': 'text/html' }, body: '<html>oops \u0000 garbage' } : { status: 204 }),
  });
  base = sink.url;
});
afterAll(async () => {
  await sink?.close();
  await t?.close();
});

const deliver = () => deliverDueWebhooks({ db: t.db, clock: t.clock, log: createLogger('silent') });

describe('outbound webhooks', () => {
  let hook: { id: string; secret: string };

  it('validates the URL and event names, and returns the signing secret once', async () => {
    expect((await t.api('POST', '/api/v1/webhooks', { name: 'x', url: 'ftp://nope', events: ['ticket.created'] })).statusCode).toBe(400);
    expectProblem(await t.api('POST', '/api/v1/webhooks', { name: 'x', url: `${base}/hook`, events: ['ticket.teleported'] }), 422, 'UNKNOWN_EVENT');
    const r = await t.api('POST', '/api/v1/webhooks', { name: 'CRM', url: `${base}/hook`, events: ['ticket.created', 'ticket.status_changed'] });
    expect(r.statusCode, r.body).toBe(201);
    hook = r.json();
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    expect((await t.api('GET', `/api/v1/webhooks/${hook.id}`)).json().secret).toBeUndefined();
  });

  it('delivers subscribed events with a Standard Webhooks signature, and only those', async () => {
    const tk = await newTicket(t, { subject: 'Webhook me' });
    await settle();
    const r = await deliver();
    expect(r.sent).toBe(1); // ticket.created only; message.added is not subscribed
    const got = sink.requests.at(-1)!;
    const headers = got.headers as Record<string, string | undefined>;
    const now = Math.floor(t.clock.now().getTime() / 1000);
    expect(verifyWebhook(hook.secret, headers, got.body, now)).toBe(true);
    expect(verifyWebhook(hook.secret, headers, got.body.replace('Webhook me', 'Tampered'), now)).toBe(false);
    expect(verifyWebhook('whsec_' + Buffer.alloc(32, 1).toString('base64'), headers, got.body, now)).toBe(false);
    const payload = JSON.parse(got.body);
    expect(payload.type).toBe('ticket.created');
    expect(payload.data.ticket_id).toBe(tk.id);
    const log = (await t.api('GET', `/api/v1/webhooks/${hook.id}/deliveries`)).json().data;
    expect(log[0]).toMatchObject({ status: 'succeeded', attempts: 1, last_status_code: 204, event_name: 'ticket.created' });
  });

  it('retries with exponential backoff, dead-letters after the last attempt, and replays on demand', async () => {
    failWith = 500;
    sink.requests.length = 0;
    await newTicket(t, { subject: 'Endpoint is down' });
    await settle();
    expect((await deliver()).failed).toBe(1);
    // not retried before its backoff step
    t.clock.advance((RETRY_SCHEDULE_SEC[0] - 1) * 1000);
    expect((await deliver()).failed + (await deliver()).sent).toBe(0);
    for (let i = 0; i < MAX_ATTEMPTS - 1; i++) {
      t.clock.advance(RETRY_SCHEDULE_SEC[Math.min(i, RETRY_SCHEDULE_SEC.length - 1)] * 1000 + 1000);
      await deliver();
    }
    expect(sink.requests.length).toBe(MAX_ATTEMPTS);
    const dead = (await t.api('GET', `/api/v1/webhooks/${hook.id}/deliveries?status=dead`)).json().data;
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ attempts: MAX_ATTEMPTS, last_status_code: 500, last_error: 'HTTP 500' });
    const hookEvents = await t.db.query<{ name: string }>("SELECT name FROM events WHERE aggregate_id = $1 AND name = 'webhook.delivery_dead'", [hook.id]);
    expect(hookEvents).toHaveLength(1);
    // webhook.* events never fan out to webhooks (no feedback loop through a failing endpoint)
    await settle();
    expect(await t.db.query("SELECT 1 FROM webhook_deliveries WHERE event_name LIKE 'webhook.%'")).toHaveLength(0);

    failWith = 0;
    expectProblem(await t.api('POST', `/api/v1/webhooks/${hook.id}/deliveries/whd_nope/replay`), 404, 'DELIVERY_NOT_FOUND');
    const replay = await t.api('POST', `/api/v1/webhooks/${hook.id}/deliveries/${dead[0].id}/replay`);
    expect(replay.statusCode, replay.body).toBe(200);
    expect((await deliver()).sent).toBe(1);
    const after = (await t.api('GET', `/api/v1/webhooks/${hook.id}/deliveries?status=succeeded`)).json().data.map((d: { id: string }) => d.id);
    expect(after).toContain(dead[0].id);
  });

  it('a trigger can notify a webhook; an unreachable endpoint is logged, not lost', async () => {
    const tr = await t.api('POST', '/api/v1/triggers', {
      name: 'Urgent → CRM', on_events: ['ticket.priority_changed'], conditions: { all: [{ field: 'priority', op: 'is', value: 'urgent' }], any: [] },
      actions: [{ type: 'notify_webhook', webhook_id: hook.id }],
    });
    expect(tr.statusCode, tr.body).toBe(201);
    const tk = await newTicket(t);
    await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'urgent' });
    await settle();
    await deliver();
    const note = sink.requests.map((r) => JSON.parse(r.body)).find((b) => b.type === 'trigger.notification');
    expect(note?.data.ticket.id).toBe(tk.id);
    expect((await eventsOf(t, tk.id)).some((e) => e.name === 'trigger.fired')).toBe(true);

    const gone = (await t.api('POST', '/api/v1/webhooks', { name: 'Gone', url: 'http://127.0.0.1:9/nothing-here', events: ['ticket.created'] })).json();
    await newTicket(t);
    await settle();
    const r = await deliver();
    expect(r.failed).toBeGreaterThanOrEqual(1);
    const log = (await t.api('GET', `/api/v1/webhooks/${gone.id}/deliveries`)).json().data;
    expect(log[0].status).toBe('pending');
    expect(log[0].last_error).toBeTruthy();
  });

  it('only admins and supervisors manage webhooks', async () => {
    const agent = await t.addUser('agent-w', 'agent');
    expectProblem(await t.api('GET', '/api/v1/webhooks', undefined, { token: agent.token }), 403, 'FORBIDDEN');
  });
});

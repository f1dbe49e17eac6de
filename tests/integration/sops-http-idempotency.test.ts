import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTicket } from '../helpers/api-helpers.js';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { deliverTicketCreated, launchSop, sopRunOf } from './sops-helpers.js';

/** Resumable and idempotent after a crash: an unattended HTTP call made by a lost run is deduplicable remotely. */
let t: TestApp;
let sink: HttpSink;
beforeAll(async () => {
  sink = await startHttpSink({ ports: [4800, 4849], respond: () => ({ body: { id: `ext_${sink.requests.length}` } }) });
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

const launch = (yaml: string) => launchSop(t, yaml);
const ticketCreated = (ticketId: string) => deliverTicketCreated(t, ticketId);
const runOf = (ticketId: string) => sopRunOf(t, ticketId);

describe('SOP HTTP actions after a crash', () => {
  it('an unattended HTTP call is sent again with the same Idempotency-Key when the run that made it was lost in a crash', async () => {
    const put = await t.api('PUT', '/api/v1/sop_http_actions/notify_pay', { url: `${sink.url}/notify`, auth_type: 'none', timeout_ms: 5000 });
    expect(put.statusCode, put.body).toBe(200);
    await launch(`key: notify
name: Notify payments
owner: Ops
purpose: Tell the payments system at once
applies_when: { tags_any: [notify] }
fields:
  - { key: ext, label: External id, type: text }
steps:
  - { id: call, type: action, title: Notify, auto: true, actions: [{ http: { action: notify_pay, body: { ticket: "{{ticket.number}}" }, save: { ext: id } } }] }
  - { id: check, type: checklist, title: Check, items: [Seen] }
tests:
  - { name: calls, ticket: { tags: [notify] }, http: { notify_pay: { id: x } }, inputs: { check: done }, expect: { steps: [call, check], fields: { ext: x }, status: completed } }
`);
    const ticket = await newTicket(t, { tags: ['notify'] });
    await ticketCreated(ticket.id);
    expect(await runOf(ticket.id)).toMatchObject({ status: 'needs_input', state: { cursor: 'check', fields: { ext: 'ext_1' } } });
    // The worker's transaction that created the run crashed after the call: the run row never existed.
    await t.db.query('DELETE FROM sop_runs WHERE ticket_id = $1', [ticket.id]);
    await ticketCreated(ticket.id); // at-least-once: the event is delivered again and a new run is created
    const again = await runOf(ticket.id);
    expect(again.state.fields.ext).toBe('ext_2');
    const keys = sink.to('/notify').map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toBe(`${ticket.id}:${again.sop_id}:call:0`);
  });
});

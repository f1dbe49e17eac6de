import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeDueSopRuns } from '../../src/domain/sops/index.js';
import { expectProblem, newTicket, patchTicket, type Wire } from '../helpers/api-helpers.js';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** An SOP for refunds: required checklist, collect, decision, HTTP refund, reply, wait. */
const SOP = (port: number, extra = '') => `key: refund
name: Refund
owner: Payments Ops
purpose: Refund within policy
applies_when:
  tags_any: [refund]
fields:
  - { key: order_id, label: Order ID, type: text }
  - { key: amount, label: Amount, type: number }
  - { key: ref, label: Refund reference, type: text }
steps:
  - { id: verify, type: checklist, title: Verify the buyer, required: true, items: [Email matches] }
  - { id: collect, type: collect, title: Order, required: true, fields: [order_id, amount] }
  - id: refund
    type: action
    title: Refund it
    actions:
      - http: { action: pay, body: { order: "{{fields.order_id}}" }, save: { ref: id } }
      - add_tags: [refunded]
  - id: tell
    type: reply
    title: Tell the customer
    templates: { en: "Refunded €{{fields.amount}} for {{fields.order_id}} (ref {{fields.ref}})." }
  - { id: follow_up, type: wait, title: Wait a day, for: { duration: 24h } }
  - { id: close_out, type: action, title: Tag, auto: true, actions: [{ add_tags: [followed_up] }] }
guardrails:
  - { id: cap, kind: max_amount, max: 100, message: Never promise a refund above €100 }
tests:
  - name: happy path
    ticket: { tags: [refund] }
    inputs: { verify: done, collect: { order_id: A1, amount: 10 } }
    http: { pay: { id: rf_1 } }
    expect: { steps: [verify, collect, refund, tell, follow_up, close_out], messages: ["Refunded €10"], status: completed${extra} }
`;

let t: TestApp;
let sink: HttpSink;
let port = 0;
let mode: 'ok' | 'garbage' | 'slow' = 'ok';
const calls = () => sink.requests.map((r) => ({ auth: r.headers.authorization, key: r.headers['idempotency-key'] as string | undefined, body: r.body }));

beforeAll(async () => {
  sink = await startHttpSink({
    respond: () => {
      if (mode === 'slow') return { delayMs: 6000, body: '{"id":"late"}' };
      return { headers: { 'content-type': 'application/json' }, body: mode === 'garbage' ? '<html>oops</html>' : JSON.stringify({ id: `rf_${sink.requests.length}` }) };
    },
  });
  port = sink.port;
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

async function launched(yaml: string): Promise<{ sop: Wire; version: Wire }> {
  const res = await t.api('PUT', '/api/v1/sop_http_actions/pay', { url: `http://127.0.0.1:${port}/refunds`, auth_type: 'bearer', auth_secret: 's3cret', timeout_ms: 3000 });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toMatchObject({ key: 'pay', has_secret: true });
  expect(res.body).not.toContain('s3cret');
  const created = await t.api('POST', '/api/v1/sops', { yaml });
  expect(created.statusCode, created.body).toBe(201);
  const { sop, version } = created.json();
  const sup = await t.addUser(`sup${Date.now()}`, 'supervisor');
  for (const [action, token] of [['submit', undefined], ['approve', sup.token], ['launch', undefined], ['promote', undefined]] as const) {
    const r = await t.api('POST', `/api/v1/sop_versions/${version.id}/transitions`, { action, ...(action === 'launch' ? { rollout: { percent: 100 } } : {}) }, token ? { token } : {});
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  }
  return { sop, version };
}

const runOf = async (ticketId: string): Promise<Wire> => {
  const res = await t.api('GET', `/api/v1/tickets/${ticketId}/sop_runs`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data[0];
};
const act = (runId: string, body: Record<string, unknown>, token?: string) => t.api('POST', `/api/v1/sop_runs/${runId}/actions`, body, token ? { token } : {});

describe('guided SOP execution on a ticket', () => {
  it('an agent follows the SOP; solving with a required step open is refused; HTTP failures are visible and retried', async () => {
    await launched(SOP(port));
    const agent = await t.addUser('agent1', 'agent');
    const ticket = await newTicket(t, { tags: ['refund'] });
    const started = await t.api('POST', `/api/v1/tickets/${ticket.id}/sop_runs`, undefined, { token: agent.token });
    expect(started.statusCode, started.body).toBe(200);
    let run = await runOf(ticket.id);
    expect(run).toMatchObject({ sop_name: 'Refund', version_number: 1, status: 'needs_input', open_required: ['verify', 'collect'] });
    expect(run.state.cursor).toBe('verify');

    // Solving now is blocked, server-side, with a problem+json naming the open steps.
    const blocked = await t.api('PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'solved' }, { token: agent.token });
    const p = expectProblem(blocked, 409, 'SOLVE_BLOCKED');
    expect(p.detail).toContain('"Verify the buyer", "Order"');
    expect(p.blockers[0].detail.open_steps.map((s: Wire) => s.id)).toEqual(['verify', 'collect']);
    // Replying with "submit as solved" is blocked too.
    expectProblem(await t.api('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'done', public: true, status: 'solved' }, { token: agent.token }), 409, 'SOLVE_BLOCKED');
    // An agent may neither skip a required step nor override the block.
    expectProblem(await act(run.id, { action: 'skip', step: 'verify', reason: 'no time' }, agent.token), 409, 'SOP_STEP_REQUIRED');
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'solved', solve_override_reason: 'trust me' }, { token: agent.token }), 403, 'SOP_OVERRIDE_FORBIDDEN');

    expect((await act(run.id, { action: 'complete', step: 'verify' }, agent.token)).statusCode).toBe(200);
    expectProblem(await act(run.id, { action: 'complete', step: 'collect', input: { order_id: 'A1', amount: 'ten' } }, agent.token), 422, 'SOP_FIELD_INVALID');
    expectProblem(await act(run.id, { action: 'complete', step: 'verify' }, agent.token), 409, 'SOP_STEP_NOT_CURRENT');
    expect((await act(run.id, { action: 'complete', step: 'collect', input: { order_id: 'A1', amount: 20 } }, agent.token)).statusCode).toBe(200);
    run = await runOf(ticket.id);
    expect(run.open_required).toEqual([]);
    expect(run.state.cursor).toBe('refund');

    // The refund API answers garbage: a visible failed step, nothing silently skipped.
    mode = 'garbage';
    const failed = await act(run.id, { action: 'complete', step: 'refund' }, agent.token);
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json()).toMatchObject({ status: 'failed', state: { error: { step: 'refund', kind: 'effect', message: expect.stringContaining('not JSON') } } });
    mode = 'slow';
    const slow = await act(run.id, { action: 'retry' }, agent.token);
    expect(slow.json().state.error.message).toContain('timed out after 3000 ms');
    mode = 'ok';
    const ok = await act(run.id, { action: 'retry' }, agent.token);
    expect(ok.json()).toMatchObject({ status: 'needs_input', state: { cursor: 'tell', fields: { ref: expect.stringMatching(/^rf_/) } } });
    // Every attempt carried the same idempotency key and the configured auth.
    expect(new Set(calls().map((c) => c.key)).size).toBe(1);
    expect(calls().every((c) => c.auth === 'Bearer s3cret' && JSON.parse(c.body).order === 'A1')).toBe(true);

    // The panel shows the reply as it will be sent.
    expect((await runOf(ticket.id)).reply_preview).toEqual({ lang: 'en', text: `Refunded €20 for A1 (ref ${ok.json().state.fields.ref}).` });
    const sent = await act(run.id, { action: 'complete', step: 'tell' }, agent.token);
    expect(sent.json()).toMatchObject({ status: 'waiting', state: { cursor: 'follow_up' } });
    const msgs = (await t.api('GET', `/api/v1/tickets/${ticket.id}/messages`)).json().data;
    expect(msgs.map((m: Wire) => m.body)).toContain(`Refunded €20 for A1 (ref ${ok.json().state.fields.ref}).`);
    const tk = (await t.api('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(tk.tags).toContain('refunded');

    // Required steps are done: the ticket may be solved although the SOP still waits.
    await patchTicket(t, ticket.id, { status: 'solved' }, agent.token);
    // The wait ends through the resume sweep once the time has come.
    expect(await resumeDueSopRuns(t.db, t.clock)).toBe(0);
    t.clock.advance(24 * 3600_000);
    expect(await resumeDueSopRuns(t.db, t.clock)).toBe(1);
    run = await runOf(ticket.id);
    expect(run.status).toBe('completed');
    expect(run.state.done).toEqual({ verify: 'done', collect: 'done', refund: 'done', tell: 'done', follow_up: 'done', close_out: 'done' });
    const events = (await t.api('GET', `/api/v1/tickets/${ticket.id}/events`)).json().data.map((e: Wire) => e.name);
    expect(events).toEqual(expect.arrayContaining(['sop_run.started', 'sop_run.step_completed', 'sop_run.step_failed', 'sop_run.completed']));
  });

  it('a supervisor may solve past open required steps with a reason, recorded as overridden', async () => {
    const ticket = await newTicket(t, { tags: ['refund'] });
    await t.api('POST', `/api/v1/tickets/${ticket.id}/sop_runs`);
    const sup = await t.addUser('sup_override', 'supervisor');
    const solved = await patchTicket(t, ticket.id, { status: 'solved', solve_override_reason: 'Customer withdrew the request' }, sup.token);
    expect(solved.status).toBe('solved');
    const run = await runOf(ticket.id);
    expect(run.state.done).toEqual({ verify: 'overridden', collect: 'overridden' });
    const ev = (await t.api('GET', `/api/v1/tickets/${ticket.id}/events`)).json().data.find((e: Wire) => e.name === 'sop_run.overridden');
    expect(ev.payload).toMatchObject({ steps: ['verify', 'collect'], reason: 'Customer withdrew the request', on: 'solve' });
  });

  it('tickets the SOP does not apply to are not blocked', async () => {
    const ticket = await newTicket(t, { tags: ['other'] });
    expect((await t.api('POST', `/api/v1/tickets/${ticket.id}/sop_runs`)).json()).toBeNull();
    expect((await patchTicket(t, ticket.id, { status: 'solved' })).status).toBe('solved');
  });
});

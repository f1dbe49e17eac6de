import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SOP_YAML } from '../../src/domain/sops/index.js';
import { createLogger } from '../../src/platform/logger.js';
import type { DeliveredEvent } from '../../src/platform/events/index.js';
import { SOPS_SUBSCRIBERS } from '../../src/worker/subscribers/sops.js';
import { newTicket, type Wire } from '../helpers/api-helpers.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const run = promisify(execFile);
const YAML = `key: reply-wait
name: Reply and wait
owner: Ops
purpose: Ask, then wait for the customer
applies_when: { tags_any: [ask] }
steps:
  - { id: ask, type: reply, title: Ask, auto: true, templates: { en: "Could you send a screenshot?" } }
  - { id: answer, type: wait, title: Wait for the answer, for: { event: customer_reply, timeout: 3d } }
  - { id: thank, type: reply, title: Thank, templates: { en: "Thanks!" } }
tests:
  - { name: asks, ticket: { tags: [ask] }, expect: { steps: [ask, answer, thank], status: completed } }
`;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const deliver = async (name: string, ticketId: string, extra: Partial<DeliveredEvent> = {}) => {
  const sub = SOPS_SUBSCRIBERS.find((s) => s.events.includes(name))!;
  await sub.handle({ seq: 1, id: 'evt_x', name, workspace_id: t.workspaceId, aggregate_type: 'ticket', aggregate_id: ticketId, ticket_id: ticketId, actor_type: 'user', actor_id: null, payload: {}, occurred_at: t.clock.now(), ...extra }, t.db, { clock: t.clock, log: createLogger('silent') });
};

describe('worker: SOP runs start on new tickets and waits end on customer replies', () => {
  it('starts the run, runs the unattended reply, and resumes on the customer reply', async () => {
    const { version } = (await t.api('POST', '/api/v1/sops', { yaml: YAML })).json();
    for (const action of ['submit', 'approve', 'launch', 'promote']) {
      const r = await t.api('POST', `/api/v1/sop_versions/${version.id}/transitions`, { action, ...(action === 'launch' ? { rollout: { percent: 100 } } : {}) });
      expect(r.statusCode, r.body).toBe(200);
    }
    const ticket = await newTicket(t, { tags: ['ask'] });
    await deliver('ticket.created', ticket.id);
    await deliver('ticket.created', ticket.id); // at-least-once delivery: idempotent
    let runs: Wire[] = (await t.api('GET', `/api/v1/tickets/${ticket.id}/sop_runs`)).json().data;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'waiting', state: { cursor: 'answer', wait: { event: 'customer_reply' } } });
    const msgs = (await t.api('GET', `/api/v1/tickets/${ticket.id}/messages`)).json().data;
    expect(msgs.map((m: Wire) => m.body)).toContain('Could you send a screenshot?');
    // An agent's note does not end the wait; the customer's reply does.
    await deliver('message.added', ticket.id, { payload: { author_type: 'user' } });
    expect((await t.api('GET', `/api/v1/tickets/${ticket.id}/sop_runs`)).json().data[0].status).toBe('waiting');
    await deliver('message.added', ticket.id, { actor_type: 'customer', payload: { author_type: 'customer' } });
    runs = (await t.api('GET', `/api/v1/tickets/${ticket.id}/sop_runs`)).json().data;
    expect(runs[0]).toMatchObject({ status: 'needs_input', state: { cursor: 'thank' } });
    expect(runs[0].state.trace.find((e: Wire) => e.step === 'answer' && e.outcome === 'done').output).toEqual({ event: 'customer_reply' });
  });
});

describe('switchboard sops test', () => {
  it('tests SOP files without a database and exits 1 naming the line of each problem', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sb-sops-'));
    const good = path.join(dir, 'good.yaml');
    const bad = path.join(dir, 'bad.yaml');
    await writeFile(good, DEMO_SOP_YAML[0]);
    await writeFile(bad, DEMO_SOP_YAML[0].replace('goto: decline', 'goto: nowhere'));
    const ok = await run(process.execPath, ['bin/switchboard.js', 'sops', 'test', good], { cwd: process.cwd() });
    expect(ok.stdout).toContain('✓ refund-coin-purchase — unspent coins are refunded after SCA');
    expect(ok.stdout).toContain('4 passed, 0 failed; 1/1 SOPs ok');
    const fail = await run(process.execPath, ['bin/switchboard.js', 'sops', 'test', good, bad, '--json']).catch((e: { code: number; stdout: string }) => e);
    expect((fail as { code: number }).code).toBe(1);
    const out = JSON.parse((fail as { stdout: string }).stdout);
    expect(out.ok).toBe(false);
    expect(out.sops[1].issues[0]).toMatchObject({ path: 'steps[2].branches[0].goto', line: 41, message: expect.stringContaining('unknown step "nowhere"') });
  }, 240_000); // two CLI processes: each starts Node and loads the app (tens of seconds on a loaded machine)
});

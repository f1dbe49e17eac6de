import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAutomations } from '../../src/domain/automations/index.js';
import { recordChange, systemActor } from '../../src/domain/kernel/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { eventsOf, expectProblem, newTicket, patchTicket } from '../helpers/api-helpers.js';
import { automationsDispatcher } from './automations-helpers.js';

let t: TestApp;
let settle: () => Promise<number>;
const created: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  settle = (await automationsDispatcher(t)).settle;
});
afterAll(async () => t?.close());

async function rule(kind: 'triggers' | 'automations', body: Record<string, unknown>) {
  const r = await t.api('POST', `/api/v1/${kind}`, body);
  expect(r.statusCode, r.body).toBe(201);
  created.push(`/api/v1/${kind}/${r.json().id}`);
  return r.json();
}
async function clearRules() {
  for (const url of created.splice(0)) await t.api('DELETE', url);
}

describe('event triggers', () => {
  it('validate conditions with a path, event names, and references', async () => {
    const base = { name: 'x', actions: [{ type: 'add_tags', value: ['x'] }] };
    const p = expectProblem(await t.api('POST', '/api/v1/triggers', { ...base, conditions: { all: [{ field: 'colour', op: 'is', value: 'red' }] } }), 422, 'INVALID_CONDITIONS');
    expect(p.errors?.[0]?.path ?? p.detail).toMatch(/conditions\.all\[0\]/);
    expectProblem(await t.api('POST', '/api/v1/triggers', { ...base, conditions: { all: [{ field: 'priority', op: 'is', value: 'mega' }] } }), 422, 'INVALID_CONDITIONS');
    expectProblem(await t.api('POST', '/api/v1/triggers', { ...base, on_events: ['ticket.exploded'] }), 422, 'UNKNOWN_EVENT');
    expectProblem(await t.api('POST', '/api/v1/triggers', { ...base, actions: [{ type: 'send_reply', bodies: { en: 'Hi {{nope}}' } }] }), 422, 'UNKNOWN_PLACEHOLDER');
    expectProblem(await t.api('POST', '/api/v1/automations', base), 422, 'AUTOMATION_NEEDS_TIME_CONDITION');
    expect((await t.api('POST', '/api/v1/triggers', { ...base, conditions: 'all of them' })).statusCode).toBe(400);
  });

  it('run in position order on the events they listen to; later triggers see earlier changes', async () => {
    await rule('triggers', {
      name: 'Refund keyword → payments priority', position: 1, on_events: ['ticket.created'],
      conditions: { all: [{ field: 'subject', op: 'contains', value: 'refund' }], any: [] },
      actions: [{ type: 'set_priority', value: 'high' }, { type: 'add_tags', value: ['refund'] }],
    });
    await rule('triggers', {
      name: 'High priority → note', position: 2, on_events: ['ticket.created'],
      conditions: { all: [{ field: 'priority', op: 'gte', value: 'high' }, { field: 'tags', op: 'contains', value: 'refund' }], any: [] },
      actions: [{ type: 'add_note', body: 'Escalated automatically: #{{ticket.number}} ({{ticket.priority}})' }],
    });
    const tk = await newTicket(t, { subject: 'Need a REFUND for coins' });
    const other = await newTicket(t, { subject: 'Password reset' });
    await settle();
    const a = (await t.api('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(a.priority).toBe('high');
    expect(a.tags).toContain('refund');
    const msgs = (await t.api('GET', `/api/v1/tickets/${tk.id}/messages`)).json().data as Array<{ body: string; public: boolean }>;
    expect(msgs.find((m) => !m.public)?.body).toBe(`Escalated automatically: #${tk.number} (high)`);
    const fired = (await eventsOf(t, tk.id)).filter((e) => e.name === 'trigger.fired');
    expect(fired.map((e) => e.payload.name)).toEqual(['Refund keyword → payments priority', 'High priority → note']);
    const b = (await t.api('GET', `/api/v1/tickets/${other.id}`)).json();
    expect(b.priority).toBe('normal');
    await clearRules();
  });

  it('stops a trigger loop: two triggers undoing each other fire once each per chain', async () => {
    await rule('triggers', { name: 'ping', conditions: { all: [{ field: 'tags', op: 'contains', value: 'ping' }], any: [] }, actions: [{ type: 'remove_tags', value: ['ping'] }, { type: 'add_tags', value: ['pong'] }] });
    await rule('triggers', { name: 'pong', conditions: { all: [{ field: 'tags', op: 'contains', value: 'pong' }], any: [] }, actions: [{ type: 'remove_tags', value: ['pong'] }, { type: 'add_tags', value: ['ping'] }] });
    const tk = await newTicket(t);
    await settle();
    await patchTicket(t, tk.id, { add_tags: ['ping'] }); // one root event, one causal chain
    await settle();
    const evs = await eventsOf(t, tk.id);
    const fired = evs.filter((e) => e.name === 'trigger.fired');
    // ping fires, pong (after it in the same pass) undoes it; the changes they make wake both again,
    // but neither may fire twice in the chain — so exactly two firings, and the dispatcher is idle
    expect(fired.map((e) => e.payload.name)).toEqual(['ping', 'pong']);
    expect(await settle()).toBe(0);
    const firings = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM automation_firings WHERE ticket_id = $1', [tk.id]);
    expect(firings[0].n).toBe(fired.length);
    await clearRules();
  });

  it('a chain deeper than the limit is stopped with a visible event', async () => {
    // seven distinct triggers, each adding the next tag; listed in reverse so each wave fires one step
    for (let i = 0; i < 7; i++) {
      await rule('triggers', { name: `step ${i}`, position: 10 - i, conditions: { all: [{ field: 'tags', op: 'contains', value: `s${i}` }, { field: 'tags', op: 'not_contains', value: `s${i + 1}` }], any: [] }, actions: [{ type: 'add_tags', value: [`s${i + 1}`] }] });
    }
    const tk = await newTicket(t);
    await settle();
    await patchTicket(t, tk.id, { add_tags: ['s0'] });
    for (let i = 0; i < 10; i++) if ((await settle()) === 0) break;
    const names = (await eventsOf(t, tk.id)).map((e) => e.name);
    expect(names).toContain('automation.loop_stopped');
    const tags = (await t.api('GET', `/api/v1/tickets/${tk.id}`)).json().tags as string[];
    expect(tags).not.toContain('s7');
    await clearRules();
  });

  it('records a failing action as a failed firing without losing the change that woke it', async () => {
    await rule('triggers', { name: 'close it', on_events: ['ticket.created'], conditions: { all: [{ field: 'subject', op: 'contains', value: 'close-me' }], any: [] }, actions: [{ type: 'set_status', value: 'closed' }] });
    const tk = await newTicket(t, { subject: 'close-me please' });
    await settle();
    const fired = (await eventsOf(t, tk.id)).filter((e) => e.name === 'trigger.fired');
    expect(fired[0].payload.outcome).toBe('failed');
    expect(fired[0].payload.error).toMatch(/INVALID_STATUS_TRANSITION/);
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json().status).not.toBe('closed');
    await clearRules();
  });
});

describe('SLA breach → trigger', () => {
  it('a trigger on sla.breached runs its actions on the breached ticket', async () => {
    await rule('triggers', {
      name: 'Breach → urgent + tag', on_events: ['sla.breached'], conditions: { all: [], any: [] },
      actions: [{ type: 'set_priority', value: 'urgent' }, { type: 'add_tags', value: ['sla_breached'] }],
    });
    const tk = await newTicket(t);
    await settle();
    await t.as(systemActor(t.workspaceId), (ctx) =>
      recordChange(ctx, { event: 'sla.breached', aggregateType: 'ticket', aggregateId: tk.id, ticketId: tk.id, payload: { metric: 'first_reply' } }));
    await settle();
    const after = (await t.api('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(after.priority).toBe('urgent');
    expect(after.tags).toContain('sla_breached');
    await clearRules();
  });
});

describe('time-based automations', () => {
  it('pending 72 h → remind, then 144 h → solve; once per pending stay', async () => {
    await rule('automations', {
      name: 'Remind after 72 h pending', position: 1,
      conditions: { all: [{ field: 'status', op: 'is', value: 'pending' }, { field: 'hours_in_status', op: 'gte', value: 72 }], any: [] },
      actions: [{ type: 'send_reply', bodies: { en: 'Hi {{requester.first_name}}, do you still need help with #{{ticket.number}}?' } }],
    });
    await rule('automations', {
      name: 'Solve after 144 h pending', position: 2,
      conditions: { all: [{ field: 'status', op: 'is', value: 'pending' }, { field: 'hours_in_status', op: 'gte', value: 144 }], any: [] },
      actions: [{ type: 'set_status', value: 'solved' }, { type: 'add_tags', value: ['auto_solved'] }],
    });
    const tk = await newTicket(t, { requester: { email: 'waiting@example.com', name: 'Wendy Wait' } });
    await patchTicket(t, tk.id, { status: 'pending' });
    t.clock.advance(71 * 3600_000);
    expect((await runAutomations(t.db, t.clock)).applied).toBe(0);
    t.clock.advance(2 * 3600_000);
    await runAutomations(t.db, t.clock);
    await runAutomations(t.db, t.clock); // a second sweep must not remind twice
    let msgs = (await t.api('GET', `/api/v1/tickets/${tk.id}/messages`)).json().data as Array<{ body: string }>;
    expect(msgs.filter((m) => m.body.startsWith('Hi Wendy, do you still need help')).length).toBe(1);
    t.clock.advance(72 * 3600_000);
    await runAutomations(t.db, t.clock);
    const after = (await t.api('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(after.status).toBe('solved');
    expect(after.tags).toContain('auto_solved');
    msgs = (await t.api('GET', `/api/v1/tickets/${tk.id}/messages`)).json().data as Array<{ body: string }>;
    expect(msgs.filter((m) => m.body.startsWith('Hi Wendy')).length).toBe(1);
    await clearRules();
  });
});

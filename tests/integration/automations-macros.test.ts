import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { eventsOf, expectProblem, newTicket } from '../helpers/api-helpers.js';

let t: TestApp;
let agentToken: string;

beforeAll(async () => {
  t = await createTestApp();
  agentToken = (await t.addUser('agent-m', 'agent')).token;
});
afterAll(async () => t?.close());

const refundMacro = {
  name: 'Refund approved',
  replies: {
    en: { body: 'Hi {{requester.first_name}}, your refund for ticket #{{ticket.number}} is on its way. — {{agent.first_name}}, {{brand.name}}', public: true },
    es: { body: 'Hola {{requester.first_name}}, tu reembolso (#{{ticket.number}}) está en camino.', public: true },
  },
  actions: [{ type: 'set_status', value: 'pending' }, { type: 'add_tags', value: ['refund_approved'] }, { type: 'set_priority', value: 'low' }],
};

describe('macros', () => {
  it('rejects an unknown placeholder with its path, and a reply action inside a macro', async () => {
    const bad = await t.api('POST', '/api/v1/macros', { ...refundMacro, replies: { en: { body: 'Hi {{customer.nme}}', public: true } } });
    const p = expectProblem(bad, 422, 'UNKNOWN_PLACEHOLDER');
    expect(p.detail).toMatch(/customer\.nme/);
    const bad2 = await t.api('POST', '/api/v1/macros', { name: 'x', actions: [{ type: 'send_reply', bodies: { en: 'x' } }] });
    expectProblem(bad2, 422, 'ACTION_NOT_ALLOWED');
    const bad3 = await t.api('POST', '/api/v1/macros', { name: 'x', actions: [{ type: 'set_team', value: 'team_nope' }] });
    expectProblem(bad3, 422, 'UNKNOWN_TEAM');
    const bad4 = await t.api('POST', '/api/v1/macros', { name: 'x', actions: [{ type: 'set_status', value: 'exploded' }] });
    expect(bad4.statusCode).toBe(400);
  });

  it('agents keep personal macros; only supervisors/admins share them', async () => {
    const shared = await t.api('POST', '/api/v1/macros', refundMacro, { token: agentToken });
    expectProblem(shared, 403, 'FORBIDDEN');
    const mine = await t.api('POST', '/api/v1/macros', { ...refundMacro, name: 'My refund', personal: true }, { token: agentToken });
    expect(mine.statusCode, mine.body).toBe(201);
    // the admin does not see the agent's personal macro
    const adminList = (await t.api('GET', '/api/v1/macros')).json().data as Array<{ name: string }>;
    expect(adminList.map((m) => m.name)).not.toContain('My refund');
    const agentList = (await t.api('GET', '/api/v1/macros', undefined, { token: agentToken })).json().data as Array<{ name: string }>;
    expect(agentList.map((m) => m.name)).toContain('My refund');
  });

  it('previews in the ticket language (falling back to English) and applies reply + changes in one go', async () => {
    const m = (await t.api('POST', '/api/v1/macros', refundMacro)).json();
    const es = await newTicket(t, { language: 'es', requester: { email: 'lucia@example.com', name: 'Lucía Gómez' } });
    const pes = (await t.api('GET', `/api/v1/tickets/${es.id}/macros/${m.id}/preview`)).json();
    expect(pes.language).toBe('es');
    expect(pes.reply.body).toBe(`Hola Lucía, tu reembolso (#${es.number}) está en camino.`);
    const de = await newTicket(t, { language: 'de', requester: { email: 'jonas@example.com', name: 'Jonas Weber' } });
    const pde = (await t.api('GET', `/api/v1/tickets/${de.id}/macros/${m.id}/preview`)).json();
    expect(pde.language).toBe('en');
    expect(pde.reply.body).toBe(`Hi Jonas, your refund for ticket #${de.number} is on its way. — Ada, Clipster`);

    const applied = await t.api('POST', `/api/v1/tickets/${de.id}/macros/${m.id}/apply`, {});
    expect(applied.statusCode, applied.body).toBe(200);
    const after = applied.json().ticket;
    expect(after.status).toBe('pending');
    expect(after.priority).toBe('low');
    expect(after.tags).toContain('refund_approved');
    const msgs = (await t.api('GET', `/api/v1/tickets/${de.id}/messages`)).json().data as Array<{ body: string; public: boolean }>;
    expect(msgs.some((x) => x.public && x.body.startsWith('Hi Jonas'))).toBe(true);
    const names = (await eventsOf(t, de.id)).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['message.added', 'ticket.status_changed', 'ticket.tags_changed', 'macro.applied']));
    expect((await t.api('GET', `/api/v1/macros/${m.id}`)).json().usage_count).toBe(1);
  });

  it('an agent-edited body replaces the rendered reply; an inactive macro cannot be applied', async () => {
    const m = (await t.api('POST', '/api/v1/macros', { ...refundMacro, name: 'Edited' })).json();
    const tk = await newTicket(t);
    const r = await t.api('POST', `/api/v1/tickets/${tk.id}/macros/${m.id}/apply`, { body: 'Custom words' });
    expect(r.statusCode, r.body).toBe(200);
    const msgs = (await t.api('GET', `/api/v1/tickets/${tk.id}/messages`)).json().data as Array<{ body: string }>;
    expect(msgs.map((x) => x.body)).toContain('Custom words');
    await t.api('PATCH', `/api/v1/macros/${m.id}`, { active: false });
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/macros/${m.id}/apply`, {}), 409, 'MACRO_INACTIVE');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { systemActor } from '../../src/domain/kernel/index.js';
import { addMessage } from '../../src/domain/tickets/index.js';
import { eventsOf, expectProblem, newTicket, type Wire } from '../helpers/api-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function messages(id: string): Promise<Wire[]> {
  return (await t.api('GET', `/api/v1/tickets/${id}/messages`)).json().data;
}

describe('one customer case across channels', () => {
  it("a customer's ticket shows their conversations on the other channels, newest first, within the agent's brands", async () => {
    const requester = { email: 'nora@cust.example', name: 'Nora' };
    const email = await newTicket(t, { subject: 'Card declined', channel: 'email', requester });
    const chat = await newTicket(t, { subject: 'Chat about my card', channel: 'chat', requester });
    t.clock.advance(60_000);
    const web = await newTicket(t, { subject: 'Form: card', channel: 'web', requester, brand_id: t.brandB.id });
    await newTicket(t, { subject: 'Someone else', channel: 'chat', requester: { email: 'other@cust.example' } });
    const res = await t.api('GET', `/api/v1/tickets/${email.id}/customer_activity`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.customer_id).toBe(email.requester_id);
    expect(body.items.map((i: Wire) => i.ticket_id)).toEqual([web.id, chat.id]);
    expect(body.channels).toEqual({ web: 1, chat: 1 });
    expect(body.items[1]).toMatchObject({ channel: 'chat', last_message_channel: 'chat' });
    // An agent limited to brand A does not see the brand-B web ticket.
    const a = await t.addUser('brandA-agent', 'agent', { brandIds: [t.brandA.id] });
    const scoped = (await t.api('GET', `/api/v1/tickets/${email.id}/customer_activity`, undefined, { token: a.token })).json();
    expect(scoped.items.map((i: Wire) => i.ticket_id)).toEqual([chat.id]);
  });

  it('suggests a merge when the same customer writes twice about the same thing within the window, and says why', async () => {
    const requester = { email: 'omar@cust.example' };
    const a = await newTicket(t, { subject: 'Refund for order 7781', body: 'I returned the headphones from order 7781 two weeks ago and still have no refund.', channel: 'email', requester });
    t.clock.advance(3 * 3_600_000);
    const b = await newTicket(t, { subject: 'Where is my refund?', body: 'Still waiting for the refund of order 7781 (headphones returned).', channel: 'chat', requester });
    const unrelated = await newTicket(t, { subject: 'Change my address', body: 'Please update my shipping address to Berlin.', channel: 'web', requester });
    const res = await t.api('GET', `/api/v1/tickets/${b.id}/merge_suggestions`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json().data;
    expect(s.map((x: Wire) => x.ticket_id)).toEqual([a.id]);
    expect(s[0].shared_words).toEqual(expect.arrayContaining(['refund', '7781', 'headphone']));
    expect(s[0].explanation).toContain(`#${a.number} via email 3 h earlier`);
    expect(s[0].explanation).toMatch(/similarity \d+%/);
    expect(s.find((x: Wire) => x.ticket_id === unrelated.id)).toBeUndefined();
    // Outside the window: no suggestion.
    t.clock.advance(80 * 3_600_000);
    const late = await newTicket(t, { subject: 'Refund for order 7781 again', body: 'Refund order 7781 headphones returned.', requester });
    expect((await t.api('GET', `/api/v1/tickets/${late.id}/merge_suggestions`)).json().data).toEqual([]);
    // Dismissed pairs are not suggested again (either direction).
    const d = await t.api('POST', `/api/v1/tickets/${b.id}/merge_suggestions/${a.id}/dismiss`);
    expect(d.statusCode, d.body).toBe(204);
    expect((await t.api('GET', `/api/v1/tickets/${a.id}/merge_suggestions`)).json().data).toEqual([]);
  });

  it('splits a customer message into a new ticket with the reason recorded on both sides', async () => {
    const src = await newTicket(t, { subject: 'Two problems', body: 'My invoice is wrong.', channel: 'email', requester: { email: 'pia@cust.example' } });
    // The customer writes again on the same thread (as the email channel does).
    const added = await t.as(systemActor(t.workspaceId), (ctx) => addMessage(ctx, src.id, { body: 'Also: the app crashes on start.', public: true, from_customer_id: src.requester_id, channel: 'email' }));
    const second = { json: () => added.message };
    const reason = 'Separate topic: app crash belongs to Engineering';
    const res = await t.api('POST', `/api/v1/tickets/${src.id}/messages/${second.json().id}/split`, { reason, subject: 'App crashes on start' });
    expect(res.statusCode, res.body).toBe(201);
    const nt = res.json();
    expect(nt).toMatchObject({ subject: 'App crashes on start', requester_id: src.requester_id, brand_id: src.brand_id, status: 'new' });
    const newMsgs = await messages(nt.id);
    expect(newMsgs[0]).toMatchObject({ author_type: 'customer', body: 'Also: the app crashes on start.' });
    expect(newMsgs[1].body).toBe(`Split from #${src.number}. Reason: ${reason}`);
    expect((await messages(src.id)).at(-1)?.body).toBe(`A message was split out to #${nt.number}. Reason: ${reason}`);
    const evs = await eventsOf(t, src.id);
    expect(evs.find((e) => e.name === 'ticket.split')?.payload).toMatchObject({ role: 'source', reason, new_ticket_id: nt.id });
    expect((await eventsOf(t, nt.id)).find((e) => e.name === 'ticket.split')?.payload).toMatchObject({ role: 'target', source_id: src.id });
    // Refusals: no reason, an agent message, the only customer message.
    expectProblem(await t.api('POST', `/api/v1/tickets/${src.id}/messages/${second.json().id}/split`, { reason: ' ' }), 400, 'VALIDATION_FAILED');
    const agentMsg = await t.api('POST', `/api/v1/tickets/${src.id}/messages`, { body: 'agent says hi', public: true });
    expectProblem(await t.api('POST', `/api/v1/tickets/${src.id}/messages/${agentMsg.json().id}/split`, { reason: 'x' }), 422, 'SPLIT_CUSTOMER_MESSAGES_ONLY');
    const firstMsg = newMsgs[0];
    expectProblem(await t.api('POST', `/api/v1/tickets/${nt.id}/messages/${firstMsg.id}/split`, { reason: 'x' }), 422, 'SPLIT_ONLY_MESSAGE');
  });
});

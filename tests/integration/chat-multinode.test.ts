import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Socket, startChatNode, startSession, visitor, type ChatNode } from './chat-kit.js';

// Two server processes on one database (PostgreSQL: separate pools; LISTEN/NOTIFY carries the chat signals).
let a: ChatNode;
let b: ChatNode;

beforeAll(async () => {
  a = await startChatNode();
  b = await startChatNode({}, a);
}, 120_000);

afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('chat across server processes', () => {
  it('visitor on node B, agent on node A: messages, typing and read state both ways', async () => {
    const agentStream = await Socket.open(`${a.ws}/api/v1/stream`, { authorization: `Bearer ${a.t.adminToken}` });
    await agentStream.next((f) => f.type === 'hello');
    const { sock, token, started } = await visitor(b, a.t.brandA.slug);
    expect(started.agents_online).toBe(1); // the agent's presence on A is seen from B
    sock.send({ type: 'message', client_msg_id: 'x-1', body: 'Hello from node B' });
    await sock.next((f) => f.type === 'message' && f.message.seq === 1);
    const ticketId = (await startSession(b, { brand: a.t.brandA.slug, visitor_token: token })).json.session.ticket_id;

    const panel = await Socket.open(`${a.ws}/api/v1/chat/tickets/${ticketId}/stream`, { authorization: `Bearer ${a.t.adminToken}` });
    await panel.next((f) => f.type === 'ready');
    sock.send({ type: 'typing', on: true });
    expect(await panel.next((f) => f.type === 'typing')).toMatchObject({ who: 'visitor', on: true });

    expect((await a.t.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Answer via node A', public: true })).statusCode).toBe(201);
    expect((await sock.next((f) => f.type === 'message' && f.message.seq === 2)).message).toMatchObject({ author: { kind: 'agent' }, body: 'Answer via node A' });
    panel.send({ type: 'read', seq: 2 });
    expect(await sock.next((f) => f.type === 'read')).toMatchObject({ who: 'agent', seq: 2 });
    expect(sock.messages().map((m) => m.seq)).toEqual([1, 2]);
    panel.close();
    sock.close();
    agentStream.close();
  });
});

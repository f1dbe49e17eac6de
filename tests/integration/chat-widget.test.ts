import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Socket, startChatNode, startSession, visitor, waitFor, type ChatNode } from './chat-kit.js';

let node: ChatNode;
let agent: Socket; // an agent on the live stream: the widget counts them as online

beforeAll(async () => {
  node = await startChatNode();
  agent = await Socket.open(`${node.ws}/api/v1/stream`, { authorization: `Bearer ${node.t.adminToken}` });
  await agent.next((f) => f.type === 'hello');
}, 120_000);

afterAll(async () => {
  agent?.close();
  await node?.close();
});

const ticketOf = async (token: string) => (await startSession(node, { brand: node.t.brandA.slug, visitor_token: token })).json.session.ticket_id as string;
const messagesOf = async (ticketId: string) => (await node.t.api('GET', `/api/v1/tickets/${ticketId}/messages`)).json().data as Array<{ body: string; public: boolean; channel: string }>;

describe('visitor ↔ agent over the widget socket', () => {
  it('creates a chat ticket with the first message and relays agent replies live (notes stay internal)', async () => {
    const { sock, token, started } = await visitor(node, node.t.brandA.slug);
    expect(started).toMatchObject({ resumed: false, agents_online: 1, session: { identified: false, last_seq: 0 } });
    sock.send({ type: 'message', client_msg_id: 'c-1', body: 'Hello, my export is stuck' });
    expect(await sock.next((f) => f.type === 'ack')).toMatchObject({ client_msg_id: 'c-1', seq: 1, duplicate: false });
    const mine = await sock.next((f) => f.type === 'message' && f.message.seq === 1);
    expect(mine.message).toMatchObject({ client_msg_id: 'c-1', author: { kind: 'visitor' }, body: 'Hello, my export is stuck' });

    const ticketId = await ticketOf(token);
    const ticket = (await node.t.api('GET', `/api/v1/tickets/${ticketId}`)).json();
    expect(ticket).toMatchObject({ channel: 'chat', subject: 'Hello, my export is stuck', brand_id: node.t.brandA.id });
    expect(ticket.tags).toContain('chat');
    expect(ticket.tags).not.toContain('chat_offline');

    expect((await node.t.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Hi! Looking into it.', public: true })).statusCode).toBe(201);
    const agentLine = await sock.next((f) => f.type === 'message' && f.message.seq === 2);
    expect(agentLine.message).toMatchObject({ author: { kind: 'agent', name: 'Ada Admin' }, body: 'Hi! Looking into it.' });

    await node.t.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'internal: check the queue', public: false });
    await node.t.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Fixed now.', public: true });
    await sock.next((f) => f.type === 'message' && f.message.seq === 3);
    expect(sock.messages().map((m) => m.body)).toEqual(['Hello, my export is stuck', 'Hi! Looking into it.', 'Fixed now.']);
    sock.close();
  });

  it('resumes from the last seen line after a drop: nothing lost, nothing twice', async () => {
    const first = await visitor(node, node.t.brandA.slug);
    first.sock.send({ type: 'message', client_msg_id: 'r-1', body: 'Where is my refund?' });
    await first.sock.next((f) => f.type === 'message' && f.message.seq === 1);
    const ticketId = await ticketOf(first.token);
    first.sock.ws.terminate(); // the connection drops

    // While the visitor is away: two agent replies.
    await node.t.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Checking.', public: true });
    await node.t.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Refund sent today.', public: true });
    const resumed = await startSession(node, { brand: node.t.brandA.slug, visitor_token: first.token });
    expect(resumed.json.resumed).toBe(true);

    const again = await Socket.open(`${node.ws}/widget/v1/stream`);
    again.send({ type: 'auth', token: first.token, after: 1 });
    await again.next((f) => f.type === 'message' && f.message.seq === 3);
    // Resending the unacknowledged message with the same client id (the widget's outbox) stores nothing new.
    again.send({ type: 'message', client_msg_id: 'r-1', body: 'Where is my refund?' });
    expect(await again.next((f) => f.type === 'ack')).toMatchObject({ client_msg_id: 'r-1', seq: 1, duplicate: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(again.messages().map((m) => m.seq)).toEqual([2, 3]);
    expect(again.messages().map((m) => m.body)).toEqual(['Checking.', 'Refund sent today.']);
    const publicBodies = (await messagesOf(ticketId)).filter((m) => m.public).map((m) => m.body);
    expect(publicBodies).toEqual(['Where is my refund?', 'Checking.', 'Refund sent today.']);

    // An explicit resume from 0 replays everything, in order, once per socket.
    again.send({ type: 'resume', after: 0 });
    await again.next((f) => f.type === 'message' && f.message.seq === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(again.messages().map((m) => m.seq)).toEqual([2, 3, 1, 2, 3]);
    again.close();
  });

  it('deduplicates the same client message id sent twice at once (one ticket message)', async () => {
    const { sock, token } = await visitor(node, node.t.brandA.slug);
    sock.send({ type: 'message', client_msg_id: 'dup-1', body: 'First words' });
    sock.send({ type: 'message', client_msg_id: 'dup-1', body: 'First words' });
    sock.send({ type: 'message', client_msg_id: 'dup-2', body: 'Second words' });
    await waitFor(() => sock.frames.filter((f) => f.type === 'ack').length === 3);
    const acks = sock.frames.filter((f) => f.type === 'ack');
    expect(acks.map((a) => [a.client_msg_id, a.seq, a.duplicate])).toEqual([['dup-1', 1, false], ['dup-1', 1, true], ['dup-2', 2, false]]);
    const ticketId = await ticketOf(token);
    expect((await messagesOf(ticketId)).map((m) => [m.body, m.channel])).toEqual([['First words', 'chat'], ['Second words', 'chat']]);
    sock.close();
  });

  it('carries typing and read state both ways between the widget and the agent panel', async () => {
    const { sock, token } = await visitor(node, node.t.brandA.slug, {}, 0);
    sock.send({ type: 'message', client_msg_id: 't-1', body: 'Typing test' });
    await sock.next((f) => f.type === 'message');
    const ticketId = await ticketOf(token);
    const panel = await Socket.open(`${node.ws}/api/v1/chat/tickets/${ticketId}/stream`, { authorization: `Bearer ${node.t.adminToken}` });
    expect(await panel.next((f) => f.type === 'ready')).toMatchObject({ visitor_connected: true });

    sock.send({ type: 'typing', on: true });
    expect(await panel.next((f) => f.type === 'typing')).toMatchObject({ who: 'visitor', on: true });
    panel.send({ type: 'typing', on: true });
    expect(await sock.next((f) => f.type === 'typing')).toMatchObject({ who: 'agent', on: true, name: 'Ada Admin' });

    // The agent reads the visitor's line (panel frame or HTTP); the visitor sees it.
    const read = await node.t.api('POST', `/api/v1/chat/tickets/${ticketId}/read`, { seq: 1 });
    expect(read.json()).toEqual({ agent_read_seq: 1 });
    expect(await sock.next((f) => f.type === 'read')).toMatchObject({ who: 'agent', seq: 1 });
    // Read state only moves forward and never past the last line.
    expect((await node.t.api('POST', `/api/v1/chat/tickets/${ticketId}/read`, { seq: 99 })).json()).toEqual({ agent_read_seq: 1 });

    await node.t.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Read this', public: true });
    await sock.next((f) => f.type === 'message' && f.message.seq === 2);
    sock.send({ type: 'read', seq: 2 });
    expect(await panel.next((f) => f.type === 'read')).toMatchObject({ who: 'visitor', seq: 2 });
    const ctx = (await node.t.api('GET', `/api/v1/chat/tickets/${ticketId}/context`)).json();
    expect(ctx.chat).toMatchObject({ visitor_read_seq: 2, agent_read_seq: 1, last_seq: 2, visitor_connected: true, identified: false });
    panel.close();
    sock.close();
  });

  it('sends attachments: upload with the visitor token, attach to a message, download only within the session', async () => {
    const { sock, token } = await visitor(node, node.t.brandA.slug);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const up = await fetch(`${node.url}/widget/v1/uploads?filename=shot.png`, { method: 'POST', headers: { 'x-visitor-token': token, 'content-type': 'image/png' }, body: png });
    expect(up.status).toBe(201);
    const att = await up.json();
    expect(att).toMatchObject({ filename: 'shot.png', content_type: 'image/png', size_bytes: png.length });
    sock.send({ type: 'message', client_msg_id: 'a-1', body: 'See screenshot', attachment_ids: [att.id] });
    const line = (await sock.next((f) => f.type === 'message')).message;
    expect(line.attachments).toHaveLength(1);
    const dl = await fetch(`${node.url}${line.attachments[0].url}`);
    expect(dl.status).toBe(200);
    expect(Buffer.from(await dl.arrayBuffer()).equals(png)).toBe(true);
    // Another visitor cannot download it, nor reuse the upload id.
    const other = await visitor(node, node.t.brandA.slug);
    expect((await fetch(`${node.url}/widget/v1/attachments/${att.id}?token=${other.token}`)).status).toBe(404);
    other.sock.send({ type: 'message', client_msg_id: 'steal', body: 'x', attachment_ids: [att.id] });
    expect(await other.sock.next((f) => f.type === 'error')).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND', client_msg_id: 'steal' });
    // The agent sees the attachment on the ticket.
    const msgs = (await node.t.api('GET', `/api/v1/tickets/${await ticketOf(token)}/messages`)).json().data;
    expect(msgs[0].attachments.map((a: { filename: string }) => a.filename)).toEqual(['shot.png']);
    sock.close();
    other.sock.close();
  });
});

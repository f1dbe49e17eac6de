import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logger.js';
import type { Tx } from '../../src/platform/db/index.js';
import { addMessage } from '../../src/domain/tickets/index.js';
import { relayTicketLine, signal } from '../../src/domain/chat/index.js';
import { startWorker } from '../../src/worker/start-worker.js';
import { startChatNode, startSession, visitor, type ChatNode } from './chat-kit.js';

// Agent replies reach the visitor's socket right after their commit (direct path), without the event
// dispatcher; the dispatcher's chat-relay stays the durable fallback, and a line both paths handle shows once.
let node: ChatNode;

beforeAll(async () => {
  node = await startChatNode();
  await node.worker!.stop(); // subscriptions stay registered: events still get their delivery rows, nobody claims them
  node.worker = null;
}, 120_000);

afterAll(async () => {
  await node?.close();
});

async function chatTicket(token: string): Promise<string> {
  return (await startSession(node, { brand: node.t.brandA.slug, visitor_token: token })).json.session.ticket_id;
}

async function until(fn: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function pendingRealtime(messageId: string): Promise<number> {
  const r = await node.t.db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM event_deliveries d JOIN events e ON e.seq = d.event_seq
      WHERE d.subscriber = 'group:realtime' AND d.status = 'pending' AND e.name = 'message.added' AND e.payload->>'message_id' = $1`,
    [messageId],
  );
  return r.n;
}

describe('chat: direct post-commit publish of agent replies', () => {
  it('delivers an agent reply with the dispatcher stopped; the dispatcher later finds nothing to add, the socket shows it once', async () => {
    const { sock, token } = await visitor(node, node.t.brandA.slug);
    sock.send({ type: 'message', client_msg_id: 'd-1', body: 'Is anyone there?' });
    await sock.next((f) => f.type === 'message' && f.message.seq === 1);
    const ticketId = await chatTicket(token);

    const res = await node.t.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Yes, here!', public: true });
    expect(res.statusCode).toBe(201);
    const messageId: string = res.json().id;
    const line = (await sock.next((f) => f.type === 'message' && f.message.seq === 2)).message;
    expect(line).toMatchObject({ id: messageId, author: { kind: 'agent' }, body: 'Yes, here!' });
    // Not the dispatcher: its realtime delivery of this event is still waiting.
    expect(await pendingRealtime(messageId)).toBe(1);

    // Both paths: the durable relay runs (idempotent, no second line) and the 'line' signal arrives again.
    expect(await node.t.db.transaction((tx) => relayTicketLine(tx, ticketId, messageId))).toBeNull();
    const sid = (await node.t.db.one<{ id: string }>('SELECT id FROM chat_sessions WHERE ticket_id = $1', [ticketId])).id;
    await signal(node.t.db, { k: 'line', s: sid, seq: 2 });
    node.worker = await startWorker(node.t.db, node.t.clock, createLogger('silent'));
    await until(async () => (await pendingRealtime(messageId)) === 0);
    await new Promise((r) => setTimeout(r, 300)); // time for a (wrong) second frame to arrive
    expect(sock.messages().map((m) => m.seq)).toEqual([1, 2]);
    const log = await node.t.db.query<{ seq: number }>('SELECT seq FROM chat_log WHERE message_id = $1', [messageId]);
    expect(log.map((r) => Number(r.seq))).toEqual([2]);
    await node.worker.stop();
    node.worker = null;
    sock.close();
  });

  it('falls back to the dispatcher when the direct path did not run (a write without after-commit hooks)', async () => {
    const { sock, token } = await visitor(node, node.t.brandA.slug);
    sock.send({ type: 'message', client_msg_id: 'f-1', body: 'Hello again' });
    await sock.next((f) => f.type === 'message' && f.message.seq === 1);
    const ticketId = await chatTicket(token);
    const actor = node.t.actorOf(node.t.admin);
    // The tx handed to the command lacks afterCommit, as after a crash between commit and publish: no direct path.
    const { message } = await node.t.db.transaction((tx) => {
      const bare: Tx = { query: tx.query, one: tx.one, maybeOne: tx.maybeOne, exec: tx.exec };
      return addMessage({ actor, tx: bare, clock: node.t.clock, meta: { channel: 'web' } }, ticketId, { body: 'Late but sure', public: true });
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(sock.messages().map((m) => m.seq)).toEqual([1]);
    node.worker = await startWorker(node.t.db, node.t.clock, createLogger('silent'));
    expect((await sock.next((f) => f.type === 'message' && f.message.seq === 2)).message).toMatchObject({ id: message.id, author: { kind: 'agent' }, body: 'Late but sure' });
    await node.worker.stop();
    node.worker = null;
    sock.close();
  });
});

import type { Db, Tx } from '../../../platform/db/index.js';
import type { AuthorKind, ChatLine } from '../chat.js';
import { appendLine, LINE_ATTACHMENTS_SQL, lineAttachments } from '../chat.repo.js';

/**
 * An agent's public reply on a chat ticket (written through the normal ticket page or API) becomes a line of
 * the visitor's chat. Called for every such `message.added` — right after its commit by the server (direct
 * path) and by the worker (durable path); idempotent (a message is logged once), so redelivery and the lines
 * the chat module appended itself are no-ops (null). Returns the new line and its session.
 */
export async function relayTicketLine(tx: Tx, ticketId: string, messageId: string): Promise<{ sessionId: string; line: ChatLine } | null> {
  // Lock the session first (appendLine's UPDATE would, later), then check: two deliveries of one event cannot both append.
  const s = await tx.maybeOne<{ id: string }>('SELECT id FROM chat_sessions WHERE ticket_id = $1 FOR UPDATE', [ticketId]);
  if (!s) return null;
  const m = await tx.maybeOne<{ author_type: string; created_at: Date; author_name: string | null; body: string; attachments: unknown }>(
    `SELECT m.author_type, m.created_at, u.name AS author_name, m.body_text AS body, ${LINE_ATTACHMENTS_SQL} AS attachments
       FROM messages m LEFT JOIN users u ON u.id = m.author_user_id
      WHERE m.id = $1 AND m.ticket_id = $2 AND m.is_public AND NOT EXISTS (SELECT 1 FROM chat_log l WHERE l.message_id = m.id)`,
    [messageId, ticketId],
  );
  if (!m) return null;
  const kind: AuthorKind = m.author_type === 'user' ? 'agent' : m.author_type === 'customer' ? 'visitor' : 'system';
  const seq = await appendLine(tx, s.id, { message_id: messageId, author_kind: kind, author_name: m.author_name, client_msg_id: null, created_at: m.created_at });
  return {
    sessionId: s.id,
    line: { seq, message_id: messageId, client_msg_id: null, author_kind: kind, author_name: m.author_name, body: m.body, attachments: lineAttachments(m.attachments), created_at: m.created_at },
  };
}

/**
 * Relay these (ticket, message) pairs — the worker's durable path and the server's direct path alike: one query
 * keeps the public messages on a chat ticket not in its log yet (most `message.added` events are the visitors'
 * own lines, already logged, or not on a chat ticket at all), then each is relayed in its own short transaction.
 * Returns the lines appended, with their sessions.
 */
export async function relayTicketMessages(db: Db, pairs: ReadonlyArray<{ ticketId: string; messageId: string }>): Promise<Array<{ sessionId: string; line: ChatLine }>> {
  const out: Array<{ sessionId: string; line: ChatLine }> = [];
  for (const p of await messagesToRelay(db, pairs)) {
    const r = await db.transaction((tx) => relayTicketLine(tx, p.ticketId, p.messageId));
    if (r) out.push(r);
  }
  return out;
}

/** Of these (ticket, message) pairs, the public messages on a chat ticket that are not in its chat log yet. */
async function messagesToRelay(tx: Tx, pairs: ReadonlyArray<{ ticketId: string; messageId: string }>): Promise<Array<{ ticketId: string; messageId: string }>> {
  if (!pairs.length) return [];
  const rows = await tx.query<{ ticket_id: string; message_id: string }>(
    `SELECT x.ticket_id, x.message_id
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(ticket_id, message_id, ord)
       JOIN messages m ON m.id = x.message_id AND m.ticket_id = x.ticket_id AND m.is_public
      WHERE EXISTS (SELECT 1 FROM chat_sessions s WHERE s.ticket_id = x.ticket_id)
        AND NOT EXISTS (SELECT 1 FROM chat_log l WHERE l.message_id = x.message_id)
      ORDER BY x.ord`,
    [pairs.map((p) => p.ticketId), pairs.map((p) => p.messageId)],
  );
  return rows.map((r) => ({ ticketId: r.ticket_id, messageId: r.message_id }));
}

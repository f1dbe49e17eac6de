import type { Tx } from '../../../platform/db/index.js';
import type { AuthorKind } from '../chat.js';
import { appendLine, sessionOfTicket } from '../chat.repo.js';

/**
 * An agent's public reply on a chat ticket (written through the normal ticket page or API) becomes a line of
 * the visitor's chat. Called by the worker for every `message.added`; idempotent (a message is logged once),
 * so redelivery and the lines the chat module appended itself are no-ops.
 */
export async function relayTicketMessage(tx: Tx, ticketId: string, messageId: string): Promise<number | null> {
  const s = await sessionOfTicket(tx, ticketId);
  if (!s) return null;
  const m = await tx.maybeOne<{ is_public: boolean; author_type: string; created_at: Date; author_name: string | null }>(
    `SELECT m.is_public, m.author_type, m.created_at, u.name AS author_name
       FROM messages m LEFT JOIN users u ON u.id = m.author_user_id WHERE m.id = $1 AND m.ticket_id = $2`,
    [messageId, ticketId],
  );
  if (!m || !m.is_public) return null;
  // Lock the session first (appendLine's UPDATE), then check: two deliveries of one event cannot both append.
  await tx.query('SELECT 1 FROM chat_sessions WHERE id = $1 FOR UPDATE', [s.id]);
  if (await tx.maybeOne('SELECT 1 FROM chat_log WHERE message_id = $1', [messageId])) return null;
  const kind: AuthorKind = m.author_type === 'user' ? 'agent' : m.author_type === 'customer' ? 'visitor' : 'system';
  return appendLine(tx, s.id, { message_id: messageId, author_kind: kind, author_name: m.author_name, client_msg_id: null, created_at: m.created_at });
}

import { invalid } from '../../../platform/errors.js';
import { addIdentity, normaliseIdentity } from '../../customers/index.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { CHAT_LIMITS, SESSION_COLUMNS, type ChatSession } from '../chat.js';
import { lockSession } from '../chat.repo.js';
import { ensureChatCustomer } from './ensure-chat-ticket.js';

/**
 * No agent was online: the visitor leaves an email so the answer can reach them later. The email becomes an
 * identity of the chat's customer (unless it already belongs to someone else: then it is only kept on the
 * session, never used to merge a stranger into another customer's case).
 */
export async function leaveOfflineEmail(ctx: Ctx, sessionId: string, input: { email: string; name?: string }): Promise<ChatSession> {
  if (typeof input.email !== 'string') throw invalid('INVALID_EMAIL', 'Give an email address');
  const email = normaliseIdentity('email', input.email);
  const name = typeof input.name === 'string' ? input.name.trim().slice(0, CHAT_LIMITS.name) || null : null;
  const s = await lockSession(ctx.tx, sessionId);
  const customerId = await ensureChatCustomer(ctx, s);
  const taken = await ctx.tx.maybeOne<{ customer_id: string }>(
    "SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND kind = 'email' AND value = $2", [s.workspace_id, email],
  );
  if (!taken) await addIdentity(ctx, customerId, { kind: 'email', value: email });
  if (name) await ctx.tx.query("UPDATE customers SET name = $2 WHERE id = $1 AND (name = '' OR name = 'Chat visitor')", [customerId, name]);
  const updated = await ctx.tx.one<ChatSession>(
    `UPDATE chat_sessions SET email = $2, name = coalesce($3, name), updated_at = $4 WHERE id = $1 RETURNING ${SESSION_COLUMNS}`, [s.id, email, name, ctx.clock.now()],
  );
  await recordChange(ctx, {
    event: 'chat.offline_email_left', aggregateType: 'chat_session', aggregateId: s.id, ticketId: s.ticket_id,
    payload: { linked_to_customer: !taken || taken.customer_id === customerId }, audit: { changes: { customer_id: customerId } },
  });
  return updated;
}

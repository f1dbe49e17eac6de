import { createCustomer, normaliseIdentity, resolveRequester } from '../../customers/index.js';
import { createTicket } from '../../tickets/index.js';
import type { Ctx } from '../../kernel/index.js';
import type { ChatSession } from '../chat.js';

/** The customer behind a chat session: by the host's user id, else the verified email, else a new visitor. */
export async function ensureChatCustomer(ctx: Ctx, s: ChatSession): Promise<string> {
  if (s.customer_id) return s.customer_id;
  const ws = ctx.actor.workspaceId;
  const externalId = s.external_user_id ?? `chat-visitor:${s.id}`;
  const byExternal = await ctx.tx.maybeOne<{ customer_id: string }>(
    "SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND kind = 'external_id' AND value = $2",
    [ws, normaliseIdentity('external_id', externalId)],
  );
  let customerId = byExternal?.customer_id;
  if (!customerId && s.email) customerId = (await resolveRequester(ctx, { email: s.email, name: s.name ?? undefined })).customer.id;
  if (!customerId) customerId = (await createCustomer(ctx, { name: s.name ?? 'Chat visitor', external_id: externalId })).id;
  await ctx.tx.query('UPDATE chat_sessions SET customer_id = $2 WHERE id = $1', [s.id, customerId]);
  return customerId;
}

function subjectOf(body: string, s: ChatSession): string {
  const first = body.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  if (first) return first.length > 80 ? `${first.slice(0, 77)}…` : first;
  return `Chat with ${s.name ?? s.email ?? 'a visitor'}`;
}

/**
 * The chat's ticket is created with the first visitor message (channel 'chat'); a message after the ticket
 * was closed opens a linked follow-up ticket that the session then continues on.
 */
export async function createChatTicket(
  ctx: Ctx, s: ChatSession, body: string, attachmentIds: string[], offline: boolean, followUpOf: string | null,
): Promise<{ ticketId: string; messageId: string }> {
  const customerId = await ensureChatCustomer(ctx, s);
  const { ticket, message } = await createTicket(ctx, {
    subject: subjectOf(body, s),
    body: body || '(attachment)',
    requester: { id: customerId },
    channel: 'chat',
    brand_id: s.brand_id,
    tags: offline ? ['chat', 'chat_offline'] : ['chat'],
    attachment_ids: attachmentIds,
    ...(followUpOf ? { follow_up_of_id: followUpOf } : {}),
  });
  await ctx.tx.query('UPDATE chat_sessions SET ticket_id = $2, offline = $3 WHERE id = $1', [s.id, ticket.id, offline]);
  return { ticketId: ticket.id, messageId: message.id };
}

import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { addMessage, createTicket, getTicket, type Ticket } from '../../tickets/index.js';

export interface SplitMessageInput {
  reason: string;
  subject?: string;
}

/**
 * Split one customer message out of a ticket into a new ticket (same customer, brand and channel), with a
 * recorded reason on both sides. Later email replies to that message thread into the new ticket.
 * The original message stays in the old ticket's history (marked with a note); attachments stay there too.
 */
export async function splitMessage(ctx: Ctx, ticketId: string, messageId: string, input: SplitMessageInput): Promise<{ ticket: Ticket; source: Ticket }> {
  authorize(ctx.actor, 'tickets.write');
  const reason = input.reason.trim();
  if (!reason) throw invalid('REASON_REQUIRED', 'Say why the message is split out');
  const src = await getTicket(ctx, ticketId);
  if (src.merged_into_id) throw conflict('ALREADY_MERGED', `Ticket #${src.number} is merged; split from #${src.merged_into_id}`);
  const msg = await ctx.tx.maybeOne<{ id: string; author_type: string; body_text: string; body_html: string | null; is_public: boolean; channel: string }>(
    'SELECT id, author_type, body_text, body_html, is_public, channel FROM messages WHERE id = $1 AND ticket_id = $2', [messageId, ticketId]);
  if (!msg) throw notFound('MESSAGE_NOT_FOUND', 'Message');
  if (msg.author_type !== 'customer') throw invalid('SPLIT_CUSTOMER_MESSAGES_ONLY', 'Only a customer message can be split into a new ticket');
  const count = await ctx.tx.one<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1 AND author_type = 'customer'`, [ticketId]);
  if (count.n < 2) throw invalid('SPLIT_ONLY_MESSAGE', 'The ticket has only this customer message; nothing to split from');
  const out = await createTicket(ctx, {
    subject: input.subject?.trim() || src.subject, body: msg.body_text, html_body: msg.body_html ?? undefined,
    requester: { id: src.requester_id }, channel: msg.channel as never, brand_id: src.brand_id, priority: src.priority,
  });
  await addMessage(ctx, out.ticket.id, { public: false, channel: 'system', body: `Split from #${src.number}. Reason: ${reason}` });
  await addMessage(ctx, src.id, { public: false, channel: 'system', body: `A message was split out to #${out.ticket.number}. Reason: ${reason}` });
  // Replies to the split-out mail now belong to the new ticket.
  await ctx.tx.query(`UPDATE email_messages SET ticket_id = $1, updated_at = $3 WHERE message_id = $2 AND direction = 'inbound'`, [out.ticket.id, messageId, ctx.clock.now()]);
  for (const [id, role] of [[src.id, 'source'], [out.ticket.id, 'target']] as const) {
    await recordChange(ctx, {
      event: 'ticket.split', aggregateType: 'ticket', aggregateId: id, ticketId: id,
      payload: { role, message_id: messageId, source_id: src.id, source_number: src.number, new_ticket_id: out.ticket.id, new_ticket_number: out.ticket.number, reason },
    });
  }
  return { ticket: out.ticket, source: await getTicket(ctx, src.id) };
}

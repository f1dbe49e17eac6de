import { getTicket } from '../../tickets/index.js';
import type { Ctx } from '../../kernel/index.js';
import type { ChatSession } from '../chat.js';
import { sessionOfTicket } from '../chat.repo.js';

export interface TicketChannelContext {
  chat: ChatSession | null;
  web_form: { category: string | null; search_context: string | null; created_at: Date } | null;
}

/** The live-chat session and/or web-form context of a ticket (same visibility as the ticket). */
export async function getTicketChannelContext(ctx: Ctx, ticketId: string): Promise<TicketChannelContext> {
  await getTicket(ctx, ticketId);
  const chat = (await sessionOfTicket(ctx.tx, ticketId)) ?? null;
  const web_form = (await ctx.tx.maybeOne<{ category: string | null; search_context: string | null; created_at: Date }>(
    'SELECT category, search_context, created_at FROM web_form_submissions WHERE ticket_id = $1 ORDER BY created_at LIMIT 1', [ticketId],
  )) ?? null;
  return { chat, web_form };
}

import { conflict } from '../../../platform/errors.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import type { Message } from '../message.js';
import type { Ticket } from '../ticket.js';
import { authorizeTicket } from '../ticket.policy.js';
import { loadTicket } from '../ticket.repo.js';
import { createTicket } from './create-ticket.js';

export interface CreateFollowUpInput {
  subject?: string;
  body: string;
  public?: boolean;
}

/** A closed ticket is read-only; new work on it goes to a linked follow-up with the same requester. */
export async function createFollowUp(ctx: Ctx, closedId: string, input: CreateFollowUpInput): Promise<{ ticket: Ticket; message: Message }> {
  const src = await loadTicket(ctx.tx, closedId);
  await authorizeTicket(ctx.tx, ctx.actor, src, 'tickets.write');
  if (src.status !== 'closed') throw conflict('TICKET_NOT_CLOSED', `Ticket #${src.number} is ${src.status}; reply to it instead of creating a follow-up`);
  const email = await ctx.tx.one<{ value: string }>(
    `SELECT value FROM customer_identities WHERE customer_id = $1 AND kind = 'email' ORDER BY is_primary DESC, created_at LIMIT 1`,
    [src.requester_id],
  );
  const out = await createTicket(ctx, {
    subject: input.subject ?? `Re: ${src.subject}`,
    body: input.body,
    requester: { email: email.value },
    priority: src.priority,
    tags: src.tags,
    channel: src.channel as never,
    brand_id: src.brand_id,
    team_id: src.team_id ?? undefined,
    first_message_by: 'agent',
    follow_up_of_id: src.id,
  });
  await recordChange(ctx, {
    event: 'ticket.follow_up_created', aggregateType: 'ticket', aggregateId: src.id, ticketId: src.id,
    payload: { follow_up_id: out.ticket.id, follow_up_number: out.ticket.number },
  });
  return out;
}

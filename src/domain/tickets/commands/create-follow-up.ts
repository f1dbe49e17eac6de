import { conflict } from '../../../platform/errors.js';
import { listFields } from '../../fields/index.js';
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
  /** Merged over the closed ticket's values (fields added or made required since then). */
  custom_fields?: Record<string, unknown>;
}

/** A closed ticket is read-only; new work on it goes to a linked follow-up with the same requester. */
export async function createFollowUp(ctx: Ctx, closedId: string, input: CreateFollowUpInput): Promise<{ ticket: Ticket; message: Message }> {
  const src = await loadTicket(ctx.tx, closedId);
  await authorizeTicket(ctx.tx, ctx.actor, src, 'tickets.write');
  if (src.status !== 'closed') throw conflict('TICKET_NOT_CLOSED', `Ticket #${src.number} is ${src.status}; reply to it instead of creating a follow-up`);
  // Carry the closed ticket's values of fields that are still active (retired ones would be refused).
  const active = new Set((await listFields(ctx.tx, ctx.actor.workspaceId, { activeOnly: true })).map((f) => f.key));
  const carried = Object.fromEntries(Object.entries(src.custom_fields).filter(([k]) => active.has(k)));
  const out = await createTicket(ctx, {
    subject: input.subject ?? `Re: ${src.subject}`,
    body: input.body,
    requester: { id: src.requester_id },
    custom_fields: { ...carried, ...(input.custom_fields ?? {}) },
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

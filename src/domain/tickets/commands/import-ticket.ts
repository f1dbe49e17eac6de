import { invalid } from '../../../platform/errors.js';
import type { TicketStatus } from '../../../shared/enums.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import type { Ticket } from '../ticket.js';
import { createTicket, type CreateTicketInput } from './create-ticket.js';
import { updateTicket } from './update-ticket.js';

export interface ImportTicketInput extends Omit<CreateTicketInput, 'attachment_ids' | 'first_message_by' | 'follow_up_of_id'> {
  /** Required: it makes imports resumable (a second run skips what is already there). */
  external_id: string;
  status?: TicketStatus;
  /** Where the row came from, for the history (e.g. "cli:tickets.jsonl:12"). */
  source?: string;
}

/**
 * Import one historical ticket: created through createTicket, then assigned and moved to its status
 * through updateTicket, so the usual events and audit rows are written. Time comes from ctx.clock:
 * give the import a clock that returns the row's created_at to keep the historical timestamp.
 * A ticket whose external_id already exists fails with EXTERNAL_ID_TAKEN (see createTicket).
 */
export async function importTicket(ctx: Ctx, input: ImportTicketInput): Promise<Ticket> {
  authorize(ctx.actor, 'tickets.import');
  if (!input.external_id?.trim()) throw invalid('EXTERNAL_ID_REQUIRED', 'Imported tickets need an external_id (it makes the import resumable)');
  const { status, assignee_id, source, ...create } = input;
  const { ticket } = await createTicket(ctx, { ...create, external_id: input.external_id.trim() });
  let out = ticket;
  // `closed` is only reachable from `solved`: walk the status machine instead of bending it.
  const target = status === 'closed' ? 'solved' : status;
  if (assignee_id || (target && target !== out.status)) {
    out = await updateTicket(ctx, out.id, { ...(assignee_id ? { assignee_id } : {}), ...(target && target !== 'new' ? { status: target } : {}) });
  }
  if (status === 'closed') out = await updateTicket(ctx, out.id, { status: 'closed' });
  await recordChange(ctx, {
    event: 'ticket.imported',
    aggregateType: 'ticket',
    aggregateId: out.id,
    ticketId: out.id,
    payload: { external_id: out.external_id, source: source ?? null, status: out.status },
  });
  return out;
}

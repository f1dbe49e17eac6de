import { AppError, invalid } from '../../../platform/errors.js';
import { LIMITS } from '../../../shared/enums.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import type { Ticket } from '../ticket.js';
import { updateTicket, type UpdateTicketInput } from './update-ticket.js';

/**
 * Apply the same change to many tickets, all or nothing: if any ticket refuses the change, nothing is
 * written and the error lists every failing ticket with its reason.
 */
export async function bulkUpdateTickets(ctx: Ctx, ids: string[], changes: UpdateTicketInput): Promise<Ticket[]> {
  authorize(ctx.actor, 'tickets.bulk_update');
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw invalid('NOTHING_TO_UPDATE', 'Name at least one ticket');
  if (unique.length > LIMITS.bulk) throw invalid('TOO_MANY_TICKETS', `At most ${LIMITS.bulk} tickets per bulk update`);
  const failures: Array<{ id: string; code: string; detail: string }> = [];
  const out: Ticket[] = [];
  for (const id of unique.sort()) {
    try {
      out.push(await updateTicket(ctx, id, changes));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      failures.push({ id, code: e.code, detail: e.message });
    }
  }
  if (failures.length) {
    throw new AppError('BULK_UPDATE_REJECTED', `${failures.length} of ${unique.length} tickets refused the change; nothing was updated`, 'unprocessable', { failures });
  }
  return out;
}

import type { Tx } from '../../platform/db/index.js';
import { TICKET_COLUMNS, type Ticket } from '../tickets/index.js';

/** The ticket row, locked for the rest of the rule run (rules see a stable ticket). */
export async function loadTicketForRules(tx: Tx, id: string): Promise<Ticket | undefined> {
  return tx.maybeOne<Ticket>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = $1 FOR UPDATE`, [id]);
}

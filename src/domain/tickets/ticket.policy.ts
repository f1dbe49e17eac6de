import { forbidden, notFound } from '../../platform/errors.js';
import type { Tx } from '../../platform/db/index.js';
import { authorize, canSeeBrand, type Actor, type Ability } from '../kernel/index.js';
import type { Ticket } from './ticket.js';

/**
 * SQL predicate limiting tickets to what the actor may see: their workspace, their brands, and for
 * collaborators only the cases shared with them. `p` is the current params array (appended to).
 */
export function ticketScope(actor: Actor, alias: string, p: unknown[]): string {
  p.push(actor.workspaceId);
  const parts = [`${alias}.workspace_id = $${p.length}`];
  if (actor.brandIds.length > 0) {
    p.push(actor.brandIds);
    parts.push(`${alias}.brand_id = ANY($${p.length}::text[])`);
  }
  if (actor.role === 'collaborator') {
    p.push(actor.id);
    parts.push(`EXISTS (SELECT 1 FROM ticket_shares s WHERE s.ticket_id = ${alias}.id AND s.user_id = $${p.length})`);
  }
  return parts.join(' AND ');
}

/** Throws TICKET_NOT_FOUND (not 403) for tickets outside the actor's scope, so ids do not leak. */
export async function assertCanSee(tx: Tx, actor: Actor, t: Ticket): Promise<void> {
  if (t.workspace_id !== actor.workspaceId || !canSeeBrand(actor, t.brand_id)) throw notFound('TICKET_NOT_FOUND', 'Ticket');
  if (actor.role === 'collaborator') {
    const shared = await tx.maybeOne('SELECT 1 FROM ticket_shares WHERE ticket_id = $1 AND user_id = $2', [t.id, actor.id]);
    if (!shared) throw notFound('TICKET_NOT_FOUND', 'Ticket');
  }
}

export async function authorizeTicket(tx: Tx, actor: Actor, t: Ticket, ability: Ability): Promise<void> {
  await assertCanSee(tx, actor, t);
  authorize(actor, ability);
}

export function assertPublicReplyAllowed(actor: Actor): void {
  if (actor.role === 'collaborator') throw forbidden('Collaborators can write internal notes only', 'PUBLIC_REPLY_FORBIDDEN');
}

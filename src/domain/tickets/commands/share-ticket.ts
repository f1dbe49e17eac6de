import { invalid, notFound } from '../../../platform/errors.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { authorizeTicket } from '../ticket.policy.js';
import { loadTicket } from '../ticket.repo.js';

/** Share a case with a collaborator (Legal, Engineering, Product) so they can read it and add notes. */
export async function shareTicket(ctx: Ctx, ticketId: string, userId: string): Promise<void> {
  const t = await loadTicket(ctx.tx, ticketId);
  await authorizeTicket(ctx.tx, ctx.actor, t, 'tickets.write');
  const u = await ctx.tx.maybeOne<{ role: string }>('SELECT role FROM users WHERE id = $1 AND workspace_id = $2', [userId, ctx.actor.workspaceId]);
  if (!u) throw notFound('USER_NOT_FOUND', 'User');
  if (u.role !== 'collaborator') throw invalid('NOT_A_COLLABORATOR', 'Only collaborators need a share; agents already see the ticket');
  const added = await ctx.tx.maybeOne('INSERT INTO ticket_shares (ticket_id, user_id, created_at) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING RETURNING 1', [
    ticketId, userId, ctx.clock.now(),
  ]);
  if (added) {
    await recordChange(ctx, { event: 'ticket.shared', aggregateType: 'ticket', aggregateId: ticketId, ticketId, payload: { user_id: userId } });
  }
}

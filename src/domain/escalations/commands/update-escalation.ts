import { conflict, notFound } from '../../../platform/errors.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { getTicket } from '../../tickets/index.js';
import { ESCALATION_COLUMNS, type Escalation } from '../escalation.js';

async function load(ctx: Ctx, id: string): Promise<Escalation> {
  const e = await ctx.tx.maybeOne<Escalation>(`SELECT ${ESCALATION_COLUMNS} FROM escalations WHERE id = $1 AND workspace_id = $2 FOR UPDATE`, [id, ctx.actor.workspaceId]);
  if (!e) throw notFound('ESCALATION_NOT_FOUND', 'Escalation');
  return e;
}

/**
 * Resolve (the target team is done) or cancel (the owner no longer needs it) an escalation. Anyone who can see
 * the ticket may resolve — so a collaborator with the share can; cancelling needs tickets.write.
 */
export async function closeEscalation(ctx: Ctx, id: string, outcome: 'resolved' | 'cancelled', note?: string): Promise<Escalation> {
  const e = await load(ctx, id);
  await getTicket(ctx, e.ticket_id).catch(() => {
    throw notFound('ESCALATION_NOT_FOUND', 'Escalation');
  });
  if (outcome === 'cancelled' && ctx.actor.role === 'collaborator') throw conflict('CANNOT_CANCEL', 'Only the customer-facing team can cancel an escalation');
  if (e.status === 'resolved' || e.status === 'cancelled') throw conflict('ESCALATION_CLOSED', `The escalation is already ${e.status}`);
  const now = ctx.clock.now();
  const row = await ctx.tx.one<Escalation>(`UPDATE escalations SET status = $2, resolved_at = $3 WHERE id = $1 RETURNING ${ESCALATION_COLUMNS}`, [id, outcome, now]);
  await recordChange(ctx, {
    event: 'escalation.resolved', aggregateType: 'escalation', aggregateId: id, ticketId: e.ticket_id,
    payload: { escalation_id: id, team_id: e.team_id, outcome, note: note?.slice(0, 2000) ?? null },
  });
  return row;
}

/**
 * A message was added to an escalated ticket: an internal note by a member of the target team answers the
 * escalation (first answer only; the response target is then met or missed). Idempotent.
 */
export async function recordEscalationAnswer(ctx: Ctx, ticketId: string, authorUserId: string, messageId: string): Promise<Escalation[]> {
  const rows = await ctx.tx.query<Escalation>(
    `UPDATE escalations e SET status = 'answered', answered_at = $3
      WHERE e.ticket_id = $1 AND e.status = 'open'
        AND EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = e.team_id AND m.user_id = $2)
      RETURNING ${ESCALATION_COLUMNS}`,
    [ticketId, authorUserId, ctx.clock.now()],
  );
  for (const e of rows) {
    await recordChange(ctx, {
      event: 'escalation.answered', aggregateType: 'escalation', aggregateId: e.id, ticketId,
      payload: {
        escalation_id: e.id, team_id: e.team_id, message_id: messageId, by: authorUserId,
        response_breached: e.response_due_at ? new Date(e.answered_at!).getTime() > new Date(e.response_due_at).getTime() : null,
      },
    });
  }
  return rows;
}

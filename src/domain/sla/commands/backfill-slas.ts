import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { evaluateSla } from '../engine/evaluate.js';
import { commitSession, openSession } from '../engine/session.js';
import { loadSubject } from '../engine/subject.js';

/**
 * Apply the SLA policies to open tickets that have no applied SLA yet (tickets created before the first
 * policy, imported tickets, the demo). Clocks count from each ticket's creation, so old tickets may be
 * breached at once (the next timer sweep records it). Newest first, at most `limit`. Returns the number
 * of tickets that got an SLA.
 */
export async function backfillSlas(ctx: Ctx, opts: { limit?: number } = {}): Promise<number> {
  authorize(ctx.actor, 'sla.manage');
  const tx = ctx.tx;
  const rows = await tx.query<{ id: string; replied: boolean; last_seq: string | number }>(
    `SELECT t.id,
            EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.author_type = 'user' AND m.is_public) AS replied,
            coalesce((SELECT max(e.seq) FROM events e WHERE e.ticket_id = t.id), 0) AS last_seq
       FROM tickets t
      WHERE t.workspace_id = $1 AND t.status IN ('new','open','pending','on_hold') AND t.merged_into_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM ticket_slas s WHERE s.ticket_id = t.id AND s.replaced_at IS NULL)
      ORDER BY t.created_at DESC LIMIT $2`,
    [ctx.actor.workspaceId, opts.limit ?? 10_000],
  );
  const now = ctx.clock.now();
  let applied = 0;
  for (const r of rows) {
    const subject = await loadSubject(tx, r.id);
    if (!subject) continue;
    // events up to now are accounted for by this evaluation: a late delivery of them is skipped
    await tx.query(
      `INSERT INTO sla_ticket_state (ticket_id, last_seq, agent_replied) VALUES ($1, $2, $3)
       ON CONFLICT (ticket_id) DO UPDATE SET last_seq = GREATEST(sla_ticket_state.last_seq, EXCLUDED.last_seq), agent_replied = EXCLUDED.agent_replied`,
      [r.id, Number(r.last_seq), r.replied],
    );
    const s = await openSession(tx, subject, now);
    await evaluateSla(s, 'backfill', { agentReplied: r.replied });
    // one summary event for the whole backfill instead of one per ticket (the ticket_slas rows keep the history)
    s.changes = [];
    await commitSession(s);
    if (s.sla) applied++;
  }
  if (applied > 0) {
    await recordChange(ctx, { event: 'sla.applied', aggregateType: 'workspace', aggregateId: ctx.actor.workspaceId, payload: { reason: 'backfill', tickets: applied } });
  }
  return applied;
}

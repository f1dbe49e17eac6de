import { authorize, type Ctx } from '../../kernel/index.js';
import { resolveRange, type MetricFilter } from '../queries/range.js';

/** Answers in the range (newest first) and the response rate: answered / surveys sent in the range. */
export async function listCsatResponses(ctx: Ctx, f: MetricFilter & { limit?: number }) {
  authorize(ctx.actor, 'reports.read');
  const r = resolveRange(ctx.actor, f, 3);
  const where = r.where.replace(/\b(brand_id|team_id|channel)\b/g, 't.$1');
  const params = [ctx.actor.workspaceId, r.from, r.to, ...r.params];
  const rows = await ctx.tx.query(
    `SELECT s.id, s.ticket_id, t.number AS ticket_number, t.subject, s.score, s.comment, s.reason, s.effort, s.channel, s.responded_at, t.assignee_id, t.team_id
       FROM csat_surveys s JOIN tickets t ON t.id = s.ticket_id
      WHERE s.workspace_id = $1 AND s.responded_at >= $2 AND s.responded_at < $3${where}
      ORDER BY s.responded_at DESC LIMIT ${Math.min(f.limit ?? 200, 1000)}`,
    params,
  );
  const rate = await ctx.tx.one<{ sent: number; answered: number }>(
    `SELECT count(*)::int AS sent, count(s.responded_at)::int AS answered FROM csat_surveys s JOIN tickets t ON t.id = s.ticket_id
      WHERE s.workspace_id = $1 AND s.sent_at >= $2 AND s.sent_at < $3${where}`,
    params,
  );
  return { data: rows, sent: rate.sent, answered: rate.answered, response_rate_pct: rate.sent ? Math.round((1000 * rate.answered) / rate.sent) / 10 : null };
}

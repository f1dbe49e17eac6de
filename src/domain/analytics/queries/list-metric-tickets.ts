import { invalid } from '../../../platform/errors.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import { SATISFIED_MIN } from '../facts/rollup.js';
import { resolveRange, type MetricFilter } from './range.js';

/** The tickets behind each number: the same definition as the counter it explains. */
const METRICS: Record<string, { at: string; cond: string }> = {
  created: { at: 'f.created_at', cond: 'true' },
  first_replies: { at: 'f.first_reply_at', cond: 'f.first_reply_at IS NOT NULL' },
  first_reply_over_1h: { at: 'f.first_reply_at', cond: 'f.first_reply_sec > 3600' },
  solved: { at: 'f.solved_at', cond: 'f.solved_at IS NOT NULL AND NOT f.merged' },
  reopened: { at: 'f.solved_at', cond: 'f.reopens > 0 AND NOT f.merged' },
  csat_good: { at: 'f.csat_at', cond: `f.csat_score >= ${SATISFIED_MIN} AND NOT f.merged` },
  csat_bad: { at: 'f.csat_at', cond: `f.csat_score < ${SATISFIED_MIN} AND NOT f.merged` },
  sla_breached: { at: 'f.created_at', cond: 'f.sla_breaches > 0' },
  escalated: { at: 'f.created_at', cond: 'f.escalated' },
  sop_completed: { at: 'f.created_at', cond: "f.sop_outcome = 'completed'" },
  sop_handed_off: { at: 'f.created_at', cond: "f.sop_outcome = 'handed_off'" },
  assistant_handoffs: { at: 'f.created_at', cond: 'f.assistant_handoff' },
};
export const DRILL_METRICS = Object.keys(METRICS);

export async function listMetricTickets(ctx: Ctx, f: MetricFilter & { metric: string; assignee_id?: string; sop_version_id?: string; intent?: string; limit?: number; after?: string }) {
  authorize(ctx.actor, 'reports.read');
  authorize(ctx.actor, 'tickets.read');
  const m = METRICS[f.metric];
  if (!m) throw invalid('INVALID_METRIC', `metric must be one of ${DRILL_METRICS.join(', ')}`);
  const r = resolveRange(ctx.actor, f, 3);
  const where = r.where.replace(/\b(brand_id|team_id|channel)\b/g, 'f.$1');
  const params: unknown[] = [ctx.actor.workspaceId, r.from, r.to, ...r.params];
  let extra = '';
  if (f.assignee_id) extra += ` AND f.assignee_id = $${params.push(f.assignee_id)}`;
  if (f.sop_version_id) extra += ` AND f.sop_version_id = $${params.push(f.sop_version_id)}`;
  if (f.intent !== undefined) extra += f.intent === '' ? ' AND f.intent IS NULL' : ` AND f.intent = $${params.push(f.intent)}`;
  if (f.after) extra += ` AND f.ticket_id > $${params.push(f.after)}`;
  const limit = Math.min(f.limit ?? 100, 1000);
  const rows = await ctx.tx.query<Record<string, unknown>>(
    `SELECT f.ticket_id AS id, t.number, t.subject, t.status, t.priority, f.channel, f.team_id, f.assignee_id, f.created_at,
            f.first_reply_sec, f.resolution_sec, f.reopens, f.csat_score, f.sla_breaches, f.intent, f.sop_version_id, f.sop_outcome
       FROM ticket_facts f JOIN tickets t ON t.id = f.ticket_id
      WHERE f.workspace_id = $1 AND ${m.at} >= $2 AND ${m.at} < $3 AND ${m.cond}${where}${extra}
      ORDER BY f.ticket_id LIMIT ${limit + 1}`,
    params,
  );
  const more = rows.length > limit;
  const data = rows.slice(0, limit);
  return { data, next_after: more ? String(data[data.length - 1].id) : null };
}

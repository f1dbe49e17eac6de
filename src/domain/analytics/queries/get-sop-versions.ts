import { authorize, type Ctx } from '../../kernel/index.js';
import { SATISFIED_MIN } from '../facts/rollup.js';
import { resolveRange, type MetricFilter } from './range.js';

const pct = (a: number, b: number) => (b > 0 ? Math.round((1000 * a) / b) / 10 : null);
const round = (x: unknown) => (x === null || x === undefined ? null : Math.round(Number(x)));

/**
 * The "SOP versions" dashboard: for tickets CREATED in the range on which an SOP ran, per SOP version —
 * volume, how the runs ended (completed / handed to a person / still running), resolution and agent work
 * time, reopens, CSAT and SLA breaches — so two versions of one SOP can be compared side by side. Each
 * count drills down with GET /api/v1/analytics/tickets?sop_version_id=… (metric created|solved|reopened|…).
 */
export async function getSopVersionReport(ctx: Ctx, f: MetricFilter) {
  authorize(ctx.actor, 'reports.read');
  const r = resolveRange(ctx.actor, f, 3);
  const where = r.where.replace(/\b(brand_id|team_id|channel)\b/g, 'f.$1');
  const rows = await ctx.tx.query<Record<string, string | number | null>>(
    `SELECT f.sop_version_id, max(f.sop_id) AS sop_id, max(s.name) AS sop_name, max(v.number) AS version, max(v.status) AS version_status,
            count(*)::int AS tickets,
            count(*) FILTER (WHERE f.sop_outcome = 'completed')::int AS completed,
            count(*) FILTER (WHERE f.sop_outcome = 'handed_off')::int AS handed_off,
            count(*) FILTER (WHERE f.solved_at IS NOT NULL AND NOT f.merged)::int AS solved,
            avg(f.resolution_sec) FILTER (WHERE NOT f.merged) AS avg_resolution_sec,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY f.resolution_sec) AS median_resolution_sec,
            avg(f.work_sec) FILTER (WHERE f.solved_at IS NOT NULL AND NOT f.merged) AS avg_work_sec,
            avg(f.first_reply_sec) AS avg_first_reply_sec,
            count(*) FILTER (WHERE f.reopens > 0 AND NOT f.merged)::int AS reopened,
            count(f.csat_score) FILTER (WHERE NOT f.merged)::int AS csat_responses,
            count(*) FILTER (WHERE f.csat_score >= ${SATISFIED_MIN} AND NOT f.merged)::int AS csat_good,
            sum(f.sla_breaches)::int AS sla_breaches,
            sum(f.sla_achieved)::int AS sla_achieved,
            count(*) FILTER (WHERE f.escalated)::int AS escalated
       FROM ticket_facts f
       LEFT JOIN sop_versions v ON v.id = f.sop_version_id
       LEFT JOIN sops s ON s.id = f.sop_id
      WHERE f.workspace_id = $1 AND f.sop_version_id IS NOT NULL AND f.created_at >= $2 AND f.created_at < $3${where}
      GROUP BY f.sop_version_id
      ORDER BY max(s.name), max(v.number) DESC`,
    [ctx.actor.workspaceId, r.from, r.to, ...r.params],
  );
  return rows.map((x) => {
    const n = (k: string) => Number(x[k] ?? 0);
    return {
      sop_version_id: String(x.sop_version_id),
      sop_id: x.sop_id === null ? null : String(x.sop_id),
      sop_name: x.sop_name === null ? null : String(x.sop_name),
      version: x.version === null ? null : Number(x.version),
      version_status: x.version_status === null ? null : String(x.version_status),
      tickets: n('tickets'),
      completed: n('completed'),
      handed_off: n('handed_off'),
      completion_pct: pct(n('completed'), n('tickets')),
      solved: n('solved'),
      avg_resolution_sec: round(x.avg_resolution_sec),
      median_resolution_sec: round(x.median_resolution_sec),
      avg_work_sec: round(x.avg_work_sec),
      avg_first_reply_sec: round(x.avg_first_reply_sec),
      reopened: n('reopened'),
      reopen_pct: pct(n('reopened'), n('solved')),
      csat_responses: n('csat_responses'),
      csat_satisfied_pct: pct(n('csat_good'), n('csat_responses')),
      sla_breaches: n('sla_breaches'),
      sla_attainment_pct: pct(n('sla_achieved'), n('sla_achieved') + n('sla_breaches')),
      escalated: n('escalated'),
    };
  });
}

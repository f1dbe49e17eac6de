import { invalid } from '../../../platform/errors.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import { SATISFIED_MIN } from '../facts/rollup.js';
import { resolveRange, type MetricFilter } from './range.js';

export const BREAKDOWN_DIMS = ['channel', 'team_id', 'brand_id', 'assignee_id', 'country', 'language', 'priority', 'intent', 'sop_version_id'] as const;
export type BreakdownDim = (typeof BREAKDOWN_DIMS)[number];

/**
 * Volume, medians and quality per dimension for tickets CREATED in the range, from the per-ticket facts
 * (percentiles cannot come from counters). Agent performance is the `assignee_id` breakdown.
 */
export async function getBreakdown(ctx: Ctx, f: MetricFilter & { by: string }) {
  authorize(ctx.actor, 'reports.read');
  if (!(BREAKDOWN_DIMS as readonly string[]).includes(f.by)) throw invalid('INVALID_DIMENSION', `"by" must be one of ${BREAKDOWN_DIMS.join(', ')}`);
  const r = resolveRange(ctx.actor, f, 3);
  const rows = await ctx.tx.query<Record<string, number | string | null>>(
    `SELECT COALESCE(${f.by}, '') AS key,
            count(*)::int AS created,
            count(solved_at)::int AS solved,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY first_reply_sec) AS median_first_reply_sec,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY first_reply_sec) AS p90_first_reply_sec,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_sec) AS median_resolution_sec,
            avg(work_sec) FILTER (WHERE solved_at IS NOT NULL) AS avg_work_sec,
            count(*) FILTER (WHERE reopens > 0)::int AS reopened,
            count(csat_score)::int AS csat_responses,
            count(*) FILTER (WHERE csat_score >= ${SATISFIED_MIN})::int AS csat_good,
            sum(sla_breaches)::int AS sla_breaches,
            count(*) FILTER (WHERE escalated)::int AS escalated
       FROM ticket_facts
      WHERE workspace_id = $1 AND created_at >= $2 AND created_at < $3${r.where}
      GROUP BY 1 ORDER BY created DESC LIMIT 500`,
    [ctx.actor.workspaceId, r.from, r.to, ...r.params],
  );
  const round = (x: unknown) => (x === null || x === undefined ? null : Math.round(Number(x)));
  return rows.map((x) => ({
    key: String(x.key),
    created: Number(x.created),
    solved: Number(x.solved),
    median_first_reply_sec: round(x.median_first_reply_sec),
    p90_first_reply_sec: round(x.p90_first_reply_sec),
    median_resolution_sec: round(x.median_resolution_sec),
    avg_work_sec: round(x.avg_work_sec),
    reopened: Number(x.reopened),
    csat_responses: Number(x.csat_responses),
    csat_satisfied_pct: Number(x.csat_responses) ? Math.round((1000 * Number(x.csat_good)) / Number(x.csat_responses)) / 10 : null,
    sla_breaches: Number(x.sla_breaches ?? 0),
    escalated: Number(x.escalated),
  }));
}

/** Open tickets now, by status and age (the backlog is "now", not a range). */
export async function getBacklog(ctx: Ctx, f: { brand_id?: string; team_id?: string; channel?: string }) {
  authorize(ctx.actor, 'reports.read');
  const now = ctx.clock.now();
  const params: unknown[] = [ctx.actor.workspaceId, now];
  const conds: string[] = [];
  if (f.brand_id) conds.push(`brand_id = $${params.push(f.brand_id)}`);
  if (ctx.actor.brandIds.length) conds.push(`brand_id = ANY($${params.push(ctx.actor.brandIds)}::text[])`);
  if (f.team_id) conds.push(`team_id = $${params.push(f.team_id)}`);
  if (f.channel) conds.push(`channel = $${params.push(f.channel)}`);
  const rows = await ctx.tx.query<{ status: string; age: string; n: number }>(
    `SELECT status,
            CASE WHEN $2::timestamptz - created_at < interval '1 day' THEN '<1d'
                 WHEN $2::timestamptz - created_at < interval '3 days' THEN '1-3d'
                 WHEN $2::timestamptz - created_at < interval '7 days' THEN '3-7d'
                 WHEN $2::timestamptz - created_at < interval '30 days' THEN '7-30d' ELSE '>30d' END AS age,
            count(*)::int AS n
       FROM tickets
      WHERE workspace_id = $1 AND status IN ('new', 'open', 'pending', 'on_hold') AND merged_into_id IS NULL${conds.length ? ` AND ${conds.join(' AND ')}` : ''}
      GROUP BY 1, 2`,
    params,
  );
  const ages = ['<1d', '1-3d', '3-7d', '7-30d', '>30d'];
  const statuses = ['new', 'open', 'pending', 'on_hold'];
  return {
    as_of: now.toISOString(),
    total: rows.reduce((s, x) => s + x.n, 0),
    ages,
    by_status: statuses.map((s) => ({ status: s, counts: ages.map((a) => rows.find((x) => x.status === s && x.age === a)?.n ?? 0) })),
  };
}

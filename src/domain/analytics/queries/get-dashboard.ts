import { authorize, type Ctx } from '../../kernel/index.js';
import { COUNTERS } from '../facts/rollup.js';
import { resolveRange, type MetricFilter } from './range.js';

export type Bucket = 'hour' | 'day' | 'week' | 'month';
type Sums = Record<(typeof COUNTERS)[number], number>;

export interface Kpis {
  created: number;
  solved: number;
  first_replies: number;
  avg_first_reply_sec: number | null;
  first_reply_within_1h_pct: number | null;
  avg_resolution_sec: number | null;
  avg_work_sec: number | null;
  reopen_pct: number | null;
  one_touch_pct: number | null;
  sla_attainment_pct: number | null;
  sla_breaches: number;
  csat_responses: number;
  csat_satisfied_pct: number | null;
  csat_avg_score: number | null;
  escalation_pct: number | null;
}

const pct = (a: number, b: number) => (b > 0 ? Math.round((1000 * a) / b) / 10 : null);
const avg = (a: number, b: number) => (b > 0 ? Math.round(a / b) : null);

export function kpisOf(s: Sums): Kpis {
  return {
    created: s.created,
    solved: s.solved,
    first_replies: s.first_replies,
    avg_first_reply_sec: avg(s.first_reply_sec_sum, s.first_replies),
    first_reply_within_1h_pct: pct(s.first_reply_within_1h, s.first_replies),
    avg_resolution_sec: avg(s.resolution_sec_sum, s.solved),
    avg_work_sec: avg(s.work_sec_sum, s.solved),
    reopen_pct: pct(s.reopened_tickets, s.solved),
    one_touch_pct: pct(s.one_touch, s.solved),
    sla_attainment_pct: pct(s.sla_achieved, s.sla_achieved + s.sla_breaches),
    sla_breaches: s.sla_breaches,
    csat_responses: s.csat_responses,
    csat_satisfied_pct: pct(s.csat_good, s.csat_responses),
    csat_avg_score: s.csat_responses ? Math.round((100 * s.csat_score_sum) / s.csat_responses) / 100 : null,
    escalation_pct: pct(s.escalated, s.created),
  };
}

const SUMS = COUNTERS.map((k) => `COALESCE(sum(${k}), 0)::float8 AS ${k}`).join(', ');

/**
 * The overview dashboard from the hourly rollups only: KPIs for the range, a time series in the
 * report's time zone, and breakdowns by channel, team and brand. Each number can be drilled into with
 * GET /api/v1/analytics/tickets (same filters, same definitions).
 */
export async function getDashboard(ctx: Ctx, f: MetricFilter & { bucket?: Bucket }) {
  authorize(ctx.actor, 'reports.read');
  const r = resolveRange(ctx.actor, f, 3);
  const bucket = f.bucket ?? ((r.to.getTime() - r.from.getTime()) / 86_400_000 <= 2 ? 'hour' : 'day');
  const base = `FROM metric_hourly WHERE workspace_id = $1 AND hour >= $2 AND hour < $3${r.where}`;
  const params = [ctx.actor.workspaceId, r.from, r.to, ...r.params];
  const tzParam = `$${params.length + 1}`;
  const [total] = await ctx.tx.query<Sums>(`SELECT ${SUMS} ${base}`, params);
  const series = await ctx.tx.query<Sums & { bucket: string }>(
    `SELECT to_char(date_trunc('${bucket}', hour AT TIME ZONE ${tzParam}), 'YYYY-MM-DD"T"HH24:MI') AS bucket, ${SUMS} ${base} GROUP BY 1 ORDER BY 1`,
    [...params, r.tz],
  );
  const by = async (col: string) =>
    (await ctx.tx.query<Sums & { key: string }>(`SELECT ${col} AS key, ${SUMS} ${base} GROUP BY 1 ORDER BY created DESC`, params)).map((row) => ({ key: row.key, ...kpisOf(row) }));
  return {
    range: { from: r.from.toISOString(), to: r.to.toISOString(), tz: r.tz, bucket },
    kpis: kpisOf(total),
    series: series.map((s) => ({ bucket: s.bucket, ...kpisOf(s) })),
    by_channel: await by('channel'),
    by_team: await by('team_id'),
    by_brand: await by('brand_id'),
  };
}

import { DateTime } from 'luxon';
import { authorize, type Ctx } from '../../kernel/index.js';
import { reportingTimeZone } from '../facts/refresh-facts.js';
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
const FMT = `'YYYY-MM-DD"T"HH24:MI'`;

/**
 * Which rollup rows cover [from, to): whole local days of the workspace's reporting zone come from
 * metric_daily (24× fewer rows), the partial days at either end and everything else from metric_hourly.
 * Daily rows are used only for day/week/month buckets in the reporting zone itself, and only for zones
 * whose offsets at both ends are whole hours (UTC hours then never straddle a local midnight).
 */
export function planRange(from: Date, to: Date, tz: string, bucket: Bucket, dailyTz: string): { days: { from: string; to: string; start: Date; end: Date } | null } {
  if (bucket === 'hour' || tz !== dailyTz) return { days: null };
  const a = DateTime.fromJSDate(from, { zone: tz });
  const b = DateTime.fromJSDate(to, { zone: tz });
  if (a.offset % 60 !== 0 || b.offset % 60 !== 0) return { days: null };
  const start = a.equals(a.startOf('day')) ? a : a.plus({ days: 1 }).startOf('day');
  const end = b.startOf('day');
  if (start >= end) return { days: null };
  return { days: { from: start.toISODate()!, to: end.toISODate()!, start: start.toJSDate(), end: end.toJSDate() } };
}

/**
 * The overview dashboard from the rollups only: KPIs for the range, a time series in the report's time
 * zone, and breakdowns by channel, team and brand — one query, one pass over the rollup rows (grouping
 * sets). Each number can be drilled into with GET /api/v1/analytics/tickets (same filters, same definitions).
 */
export async function getDashboard(ctx: Ctx, f: MetricFilter & { bucket?: Bucket }) {
  authorize(ctx.actor, 'reports.read');
  const r = resolveRange(ctx.actor, f, 3);
  const bucket = f.bucket ?? ((r.to.getTime() - r.from.getTime()) / 86_400_000 <= 2 ? 'hour' : 'day');
  const plan = planRange(r.from, r.to, r.tz, bucket, await reportingTimeZone(ctx.tx, ctx.actor.workspaceId));
  const params: unknown[] = [ctx.actor.workspaceId, r.from, r.to, ...r.params];
  const p = (v: unknown) => `$${params.push(v)}`;
  const tzParam = p(r.tz);
  const cols = `channel, team_id, brand_id, ${COUNTERS.join(', ')}`;
  const hourly = (cond: string) =>
    `SELECT date_trunc('${bucket}', hour AT TIME ZONE ${tzParam}) AS b, ${cols} FROM metric_hourly WHERE workspace_id = $1 AND ${cond}${r.where}`;
  let source: string;
  if (!plan.days) source = hourly('hour >= $2 AND hour < $3');
  else {
    const [s, e] = [p(plan.days.start), p(plan.days.end)];
    source = `${hourly(`((hour >= $2 AND hour < ${s}) OR (hour >= ${e} AND hour < $3))`)}
      UNION ALL
      SELECT date_trunc('${bucket}', day::timestamp), ${cols} FROM metric_daily
       WHERE workspace_id = $1 AND day >= ${p(plan.days.from)}::date AND day < ${p(plan.days.to)}::date${r.where}`;
  }
  const rows = await ctx.tx.query<Sums & { bucket: string | null; channel: string | null; team_id: string | null; brand_id: string | null; g: number }>(
    `SELECT to_char(b, ${FMT}) AS bucket, channel, team_id, brand_id, GROUPING(b, channel, team_id, brand_id) AS g, ${SUMS}
       FROM (${source}) x
      GROUP BY GROUPING SETS ((), (b), (channel), (team_id), (brand_id))`,
    params,
  );
  const pick = (g: number) => rows.filter((x) => Number(x.g) === g);
  const zero = Object.fromEntries(COUNTERS.map((k) => [k, 0])) as Sums;
  const total = pick(15)[0] ?? zero;
  const series = pick(7).sort((a, b) => String(a.bucket).localeCompare(String(b.bucket)));
  const by = (g: number, col: 'channel' | 'team_id' | 'brand_id') =>
    pick(g).sort((a, b) => b.created - a.created).map((row) => ({ key: String(row[col]), ...kpisOf(row) }));
  return {
    range: { from: r.from.toISOString(), to: r.to.toISOString(), tz: r.tz, bucket, rollup: plan.days ? 'daily+hourly' : 'hourly' },
    kpis: kpisOf(total),
    series: series.map((x) => ({ bucket: String(x.bucket), ...kpisOf(x) })),
    by_channel: by(11, 'channel'),
    by_team: by(13, 'team_id'),
    by_brand: by(14, 'brand_id'),
  };
}

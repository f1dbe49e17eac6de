import { invalid } from '../../../platform/errors.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import { requiredAgents, requiredAgentsA } from '../staffing/erlang.js';
import { backtest, fitHoltWinters, forecast } from '../staffing/forecast.js';

const HOUR = 3_600_000;
const WEEK = 168;

export interface ForecastInput {
  weeks?: number;
  horizon_hours?: number;
  brand_id?: string;
  team_id?: string;
  channel?: string;
  aht_sec: number;
  target_sec: number;
  service_level: number;
  shrinkage?: number;
  /** chat: Erlang A with this average patience */
  patience_sec?: number;
}

/** Hourly created-ticket counts for the last `weeks` full weeks before `end` (from the rollups). */
async function hourlySeries(ctx: Ctx, end: Date, weeks: number, f: ForecastInput): Promise<{ start: Date; counts: number[] }> {
  const start = new Date(end.getTime() - weeks * WEEK * HOUR);
  const params: unknown[] = [ctx.actor.workspaceId, start, end];
  let where = '';
  if (f.brand_id) where += ` AND brand_id = $${params.push(f.brand_id)}`;
  if (ctx.actor.brandIds.length) where += ` AND brand_id = ANY($${params.push(ctx.actor.brandIds)}::text[])`;
  if (f.team_id) where += ` AND team_id = $${params.push(f.team_id)}`;
  if (f.channel) where += ` AND channel = $${params.push(f.channel)}`;
  const rows = await ctx.tx.query<{ hour: Date; n: number }>(
    `SELECT hour, sum(created)::int AS n FROM metric_hourly WHERE workspace_id = $1 AND hour >= $2 AND hour < $3${where} GROUP BY hour`, params);
  const counts = new Array<number>(weeks * WEEK).fill(0);
  for (const r of rows) counts[Math.floor((new Date(r.hour).getTime() - start.getTime()) / HOUR)] += r.n;
  return { start, counts };
}

/**
 * Forecast contact volume per hour for the next `horizon_hours` from the last `weeks` weeks (Holt–Winters,
 * weekly season), with the backtest on the final week, and the agents each hour needs for the target
 * (Erlang C; Erlang A when a patience is given), grossed up for shrinkage.
 */
export async function getForecast(ctx: Ctx, f: ForecastInput) {
  authorize(ctx.actor, 'reports.read');
  const weeks = f.weeks ?? 8;
  if (!(weeks >= 3 && weeks <= 52)) throw invalid('INVALID_WEEKS', 'weeks must be 3–52 (two to fit, one to backtest)');
  const horizon = f.horizon_hours ?? WEEK;
  if (!(horizon >= 1 && horizon <= 4 * WEEK)) throw invalid('INVALID_HORIZON', 'horizon_hours must be 1–672');
  const end = new Date(Math.floor(ctx.clock.now().getTime() / HOUR) * HOUR);
  const { counts } = await hourlySeries(ctx, end, weeks, f);
  if (counts.every((c) => c === 0)) throw invalid('NO_HISTORY', 'No tickets in the chosen period and filters; nothing to forecast from');
  const model = fitHoltWinters(counts, WEEK);
  const bt = backtest(counts, WEEK, WEEK);
  const predicted = forecast(model, horizon);
  const staffing = predicted.map((contacts, i) => {
    const base = { contacts, intervalSec: 3600, ahtSec: f.aht_sec, targetSec: f.target_sec, serviceLevel: f.service_level, shrinkage: f.shrinkage ?? 0 };
    const r = f.patience_sec ? requiredAgentsA({ ...base, patienceSec: f.patience_sec }) : requiredAgents(base);
    return { hour: new Date(end.getTime() + i * HOUR).toISOString(), contacts: Math.round(contacts * 10) / 10, agents: r.agents, scheduled: r.scheduled, service_level: Math.round(r.serviceLevel * 1000) / 1000 };
  });
  return {
    method: 'Holt-Winters additive, weekly season (168 h); constants by grid search on training data',
    history: { weeks, hours: counts.length, total: counts.reduce((s, x) => s + x, 0), last_week: counts.slice(-WEEK) },
    params: { alpha: model.alpha, beta: model.beta, gamma: model.gamma },
    backtest: bt,
    model: f.patience_sec ? 'erlang_a' : 'erlang_c',
    forecast: staffing,
  };
}

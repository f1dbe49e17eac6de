/**
 * Contact-volume forecasting: additive Holt–Winters (level + trend + seasonality) with a weekly season
 * on hourly counts (period 168). Smoothing constants are chosen by a small grid search on one-step-ahead
 * error over the training data only; the backtest holds out the last `holdout` points, refits on the
 * rest, and reports the error next to the seasonal-naive baseline (same hour last week), so the figure
 * says whether the model earns its keep.
 */

export interface HoltWintersParams {
  alpha: number;
  beta: number;
  gamma: number;
}

export interface HoltWintersModel extends HoltWintersParams {
  period: number;
  level: number;
  trend: number;
  season: number[];
  /** Index (in the input series) of the next point to forecast. */
  next: number;
  sse: number;
}

const GRID = { alpha: [0.05, 0.1, 0.2, 0.35, 0.5], beta: [0, 0.01, 0.05], gamma: [0.05, 0.15, 0.3, 0.5] };

function run(y: readonly number[], period: number, p: HoltWintersParams): HoltWintersModel {
  const mean = (a: readonly number[]) => a.reduce((s, x) => s + x, 0) / a.length;
  const s1 = y.slice(0, period);
  const s2 = y.slice(period, 2 * period);
  let level = mean(s1);
  let trend = (mean(s2) - mean(s1)) / period;
  const season = s1.map((x) => x - level);
  let sse = 0;
  for (let t = period; t < y.length; t++) {
    const s = season[t % period];
    const predicted = level + trend + s;
    sse += (y[t] - predicted) ** 2;
    const prevLevel = level;
    level = p.alpha * (y[t] - s) + (1 - p.alpha) * (level + trend);
    trend = p.beta * (level - prevLevel) + (1 - p.beta) * trend;
    season[t % period] = p.gamma * (y[t] - level) + (1 - p.gamma) * s;
  }
  return { ...p, period, level, trend, season, next: y.length, sse };
}

/** Fit on `y` (needs at least two full seasons). */
export function fitHoltWinters(y: readonly number[], period = 168): HoltWintersModel {
  if (period < 2) throw new RangeError('period must be ≥ 2');
  if (y.length < 2 * period) throw new RangeError(`need at least two seasons of data (${2 * period} points), got ${y.length}`);
  if (y.some((x) => !Number.isFinite(x) || x < 0)) throw new RangeError('counts must be finite and ≥ 0');
  let best: HoltWintersModel | null = null;
  for (const alpha of GRID.alpha)
    for (const beta of GRID.beta)
      for (const gamma of GRID.gamma) {
        const m = run(y, period, { alpha, beta, gamma });
        if (!best || m.sse < best.sse) best = m;
      }
  return best!;
}

/** The next `h` points (never negative). */
export function forecast(m: HoltWintersModel, h: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= h; k++) out.push(Math.max(0, m.level + k * m.trend + m.season[(m.next + k - 1) % m.period]));
  return out;
}

export interface Backtest {
  holdout: number;
  mae: number;
  /** Symmetric MAPE in % (robust to zero hours). */
  smape: number;
  baselineMae: number;
  baselineSmape: number;
  params: HoltWintersParams;
}

function errors(actual: readonly number[], predicted: readonly number[]): { mae: number; smape: number } {
  let abs = 0;
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    abs += Math.abs(actual[i] - predicted[i]);
    const d = Math.abs(actual[i]) + Math.abs(predicted[i]);
    s += d === 0 ? 0 : (2 * Math.abs(actual[i] - predicted[i])) / d;
  }
  return { mae: abs / actual.length, smape: (100 * s) / actual.length };
}

/** Hold out the last `holdout` points, fit on the rest, compare with the seasonal-naive baseline. */
export function backtest(y: readonly number[], period = 168, holdout = period): Backtest {
  if (y.length < 2 * period + holdout) throw new RangeError(`need ${2 * period + holdout} points for a backtest, got ${y.length}`);
  const train = y.slice(0, y.length - holdout);
  const test = y.slice(y.length - holdout);
  const m = fitHoltWinters(train, period);
  const f = forecast(m, holdout);
  const naive = test.map((_, i) => train[train.length - period + (i % period)]);
  const e = errors(test, f);
  const b = errors(test, naive);
  return { holdout, mae: e.mae, smape: e.smape, baselineMae: b.mae, baselineSmape: b.smape, params: { alpha: m.alpha, beta: m.beta, gamma: m.gamma } };
}

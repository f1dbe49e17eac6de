import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../platform/prng.js';
import { backtest, fitHoltWinters, forecast } from '../staffing/forecast.js';

/** Hourly contacts with a known weekly shape (busy weekday daytime, quiet nights/weekends), a trend and noise. */
function synthetic(weeks: number, trendPerHour: number, noise: number, seed = 7): number[] {
  const r = mulberry32(seed);
  const y: number[] = [];
  for (let t = 0; t < weeks * 168; t++) {
    const day = Math.floor(t / 24) % 7;
    const hour = t % 24;
    const daytime = hour >= 8 && hour < 20 ? 30 + 15 * Math.sin(((hour - 8) / 12) * Math.PI) : 4;
    const weekend = day >= 5 ? 0.5 : 1;
    y.push(Math.max(0, daytime * weekend + trendPerHour * t + (r() - 0.5) * 2 * noise));
  }
  return y;
}

describe('Holt–Winters weekly forecast', () => {
  it('recovers a clean weekly pattern almost exactly', () => {
    const y = synthetic(4, 0, 0);
    const f = forecast(fitHoltWinters(y), 168);
    const truth = synthetic(5, 0, 0).slice(4 * 168);
    const mae = f.reduce((s, x, i) => s + Math.abs(x - truth[i]), 0) / 168;
    expect(mae).toBeLessThan(0.5);
  });

  it('follows a trend that the seasonal-naive baseline misses', () => {
    const bt = backtest(synthetic(6, 0.02, 3), 168, 168);
    expect(bt.mae).toBeLessThan(bt.baselineMae);
    expect(bt.smape).toBeLessThan(15);
  });

  it('is deterministic and never forecasts negative volume', () => {
    const y = synthetic(3, -0.05, 2);
    const a = forecast(fitHoltWinters(y), 336);
    const b = forecast(fitHoltWinters(y), 336);
    expect(a).toEqual(b);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
  });

  it('refuses too little data or bad counts with a clear message', () => {
    expect(() => fitHoltWinters(synthetic(1, 0, 0))).toThrow(/two seasons/);
    expect(() => fitHoltWinters([...synthetic(2, 0, 0).slice(1), Number.NaN])).toThrow(/finite/);
  });
});

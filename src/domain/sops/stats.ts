/**
 * Statistics for A/B results. Rates (adherence, reopen, escalation, SLA attainment, CSAT "satisfied"):
 * two-proportion z-test (pooled standard error under H0), Wald 95% interval for the difference, Wilson
 * interval per arm. Times (first reply, handle, resolution): Welch's unequal-variances t-test with the
 * Welch–Satterthwaite degrees of freedom, t-based 95% interval per arm and for the difference.
 * All p-values are two-sided.
 */

/** Standard normal CDF (erfc via W. J. Cody's rational approximation through Numerical Recipes' erfc; |error| < 1.2e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

function logGamma(x: number): number {
  const c = [76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155, 0.001208650973866179, -0.000005395239384953];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let ser = 1.000000000190015;
  for (const ci of c) ser += ci / ++y;
  return -tmp + Math.log((2.5066282746310007 * ser) / x);
}

function betaCf(a: number, b: number, x: number): number {
  const FPMIN = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-12) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const bt = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (bt * betaCf(a, b, x)) / a : 1 - (bt * betaCf(b, a, 1 - x)) / b;
}

/** Two-sided p-value of Student's t with df degrees of freedom. */
export function tTwoSided(t: number, df: number): number {
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** The t quantile for a two-sided 95% interval (bisection on the CDF). */
export function tCritical95(df: number): number {
  let lo = 0;
  let hi = 100;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (tTwoSided(mid, df) > 0.05) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score 95% interval for a proportion. */
export function wilson(x: number, n: number, z = 1.959964): Interval | null {
  if (n === 0) return null;
  const p = x / n;
  const den = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / den;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface TestResult {
  test: 'two-proportion z-test' | "Welch's t-test";
  /** B − A. */
  difference: number;
  ci95: Interval;
  statistic: number;
  p_value: number;
  df?: number;
}

/** Two-proportion z-test of B against A (pooled SE for the statistic, unpooled for the interval). */
export function twoProportionZTest(xA: number, nA: number, xB: number, nB: number): TestResult | null {
  if (nA === 0 || nB === 0) return null;
  const pA = xA / nA;
  const pB = xB / nB;
  const pooled = (xA + xB) / (nA + nB);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  const z = se0 === 0 ? 0 : (pB - pA) / se0;
  const se = Math.sqrt((pA * (1 - pA)) / nA + (pB * (1 - pB)) / nB);
  return { test: 'two-proportion z-test', difference: pB - pA, ci95: { low: pB - pA - 1.959964 * se, high: pB - pA + 1.959964 * se }, statistic: z, p_value: se0 === 0 ? 1 : 2 * (1 - normalCdf(Math.abs(z))) };
}

export interface Summary {
  n: number;
  mean: number;
  variance: number;
}

export function summarise(xs: readonly number[]): Summary {
  const n = xs.length;
  const mean = n ? xs.reduce((a, b) => a + b, 0) / n : 0;
  const variance = n > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, variance };
}

/** t-based 95% interval for a mean. */
export function meanCi(s: Summary): Interval | null {
  if (s.n < 2) return null;
  const half = tCritical95(s.n - 1) * Math.sqrt(s.variance / s.n);
  return { low: s.mean - half, high: s.mean + half };
}

/** Welch's t-test of B against A. Needs at least two values per arm. */
export function welchTTest(a: Summary, b: Summary): TestResult | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { test: "Welch's t-test", difference: b.mean - a.mean, ci95: { low: b.mean - a.mean, high: b.mean - a.mean }, statistic: 0, p_value: 1, df: a.n + b.n - 2 };
  const t = (b.mean - a.mean) / se;
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const half = tCritical95(df) * se;
  return { test: "Welch's t-test", difference: b.mean - a.mean, ci95: { low: b.mean - a.mean - half, high: b.mean - a.mean + half }, statistic: t, p_value: tTwoSided(t, df), df };
}

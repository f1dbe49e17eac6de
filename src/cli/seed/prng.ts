import { encodeTime } from 'ulid';
import { mulberry32 } from '../../platform/prng.js';

/** Convenience draws over one PRNG stream. */
export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** Float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[Math.floor(this.next() * xs.length)];
  }
  /** Pick by weight: [[value, weight], …]. */
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  /** Log-normal-ish positive duration around `median` (ms), spread `sigma` in log space. */
  duration(median: number, sigma = 0.8): number {
    const u = Math.max(1e-9, this.next());
    const v = this.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(1000, Math.round(median * Math.exp(sigma * z)));
  }
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A type-prefixed id in the same shape as platform/ids newId(prefix, at) — ULID whose time part is
 * `at` — but with the random part drawn from the seed PRNG. newId's monotonic factory would clamp
 * past timestamps to the latest id it issued; the seed needs ids that carry their historical time.
 */
export function seedId(rng: Rng, prefix: string, at: Date): string {
  let rand = '';
  for (let i = 0; i < 16; i++) rand += CROCKFORD[Math.floor(rng.next() * 32)];
  return `${prefix}_${encodeTime(at.getTime(), 10).toLowerCase()}${rand}`;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A token bucket: `rate` tokens per second, at most `burst` saved up. Real time (rate limits are not business time). */
export class TokenBucket {
  private tokens: number;
  private at = performance.now();

  constructor(private readonly rate: number, private readonly burst: number) {
    this.tokens = burst;
  }

  take(n = 1): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.rate);
    this.at = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

/** Per-key buckets for HTTP endpoints (per client IP), pruned as they fill up again. */
export class KeyedLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly rate: number, private readonly burst: number, private readonly maxKeys = 50_000) {}

  take(key: string): boolean {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.buckets.clear(); // a flood of distinct keys must not grow memory
      this.buckets.set(key, (b = new TokenBucket(this.rate, this.burst)));
    }
    return b.take();
  }
}

/** Limits of one visitor socket. */
export const SOCKET_LIMITS = {
  /** Any frame. */
  frames: { rate: 20, burst: 60 },
  /** Chat messages. */
  messages: { rate: 1, burst: 10 },
  /** Bad frames before the socket is closed (4400). */
  maxErrors: 50,
  /** Rate-limited frames before the socket is closed (4429). */
  maxLimited: 100,
  /** Time to authenticate after connecting. */
  authMs: 10_000,
  /** Largest accepted text frame (bytes). */
  frameBytes: 16 * 1024,
} as const;

import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

interface Stat {
  count: number;
  ms: number;
}

/**
 * Counts every statement the process sends to the database (and its round-trip time) by wrapping the
 * drivers' query methods. Only for `--profile` runs: it adds a little overhead of its own.
 */
export class StatementProfiler {
  private stats = new Map<string, Stat>();
  private enabled = false;

  install(): void {
    const record = (sql: string, ms: number) => this.record(sql, ms);
    const isOn = () => this.enabled;
    const ClientProto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const origPg = ClientProto.query;
    ClientProto.query = function (this: unknown, ...args: unknown[]) {
      if (!isOn()) return origPg.apply(this, args);
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text ?? '?';
      const t0 = performance.now();
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        args[args.length - 1] = (err: unknown, res: unknown) => {
          record(text, performance.now() - t0);
          (last as (e: unknown, r: unknown) => void)(err, res);
        };
        return origPg.apply(this, args);
      }
      const out = origPg.apply(this, args);
      if (out && typeof (out as Promise<unknown>).then === 'function') {
        void (out as Promise<unknown>).then(
          () => record(text, performance.now() - t0),
          () => record(text, performance.now() - t0),
        );
      }
      return out;
    };
    const LiteProto = PGlite.prototype as unknown as Record<'query' | 'exec', (...a: unknown[]) => Promise<unknown>>;
    for (const m of ['query', 'exec'] as const) {
      const orig = LiteProto[m];
      LiteProto[m] = async function (this: unknown, ...args: unknown[]) {
        if (!isOn()) return orig.apply(this, args);
        const t0 = performance.now();
        try {
          return await orig.apply(this, args);
        } finally {
          record(String(args[0]), performance.now() - t0);
        }
      };
    }
  }

  start(): void {
    this.stats.clear();
    this.enabled = true;
  }

  stop(): void {
    this.enabled = false;
  }

  private record(sql: string, ms: number): void {
    const key = sql.replace(/\s+/g, ' ').trim().slice(0, 90);
    const s = this.stats.get(key) ?? { count: 0, ms: 0 };
    s.count++;
    s.ms += ms;
    this.stats.set(key, s);
  }

  /** Statements per unit of work (e.g. per created ticket), most frequent first. */
  report(units: number): { total: number; perUnit: number; msPerUnit: number; rows: Array<{ sql: string; perUnit: number; avgMs: number }> } {
    const rows = [...this.stats.entries()]
      .map(([sql, s]) => ({ sql, perUnit: s.count / units, avgMs: s.ms / s.count }))
      .sort((a, b) => b.perUnit - a.perUnit);
    const total = [...this.stats.values()].reduce((n, s) => n + s.count, 0);
    const ms = [...this.stats.values()].reduce((n, s) => n + s.ms, 0);
    return { total, perUnit: total / units, msPerUnit: ms / units, rows };
  }
}

/** CPU-profile one phase of a bench in-process (node:inspector); writes a .cpuprofile for Chrome DevTools. */
export async function cpuProfile<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  }
}

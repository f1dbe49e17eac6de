import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from '../../src/platform/db/index.js';

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

/** CPU-profile this process from now until the returned stop() (node:inspector; writes a .cpuprofile for Chrome DevTools). */
export async function startCpuProfile(file: string): Promise<() => Promise<void>> {
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  };
}

/** CPU-profile one phase of a bench in-process (see startCpuProfile). */
export async function cpuProfile<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const stop = await startCpuProfile(file);
  try {
    return await fn();
  } finally {
    await stop();
  }
}

/**
 * CPU time spent during a phase by this Node process (server + load generator: autocannon runs in-process)
 * and — when PostgreSQL runs on this machine and /proc is readable — by the database's backends serving
 * this database (pg_stat_activity; background processes such as the WAL writer are not counted). A
 * diagnostic: the two sides share the machine's cores, so their sum per unit bounds the throughput.
 */
export async function cpuMeter(db: Db): Promise<{ stop(): Promise<{ nodeMs: number; dbMs: number | null }> }> {
  const { readFile } = await import('node:fs/promises');
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const backendPids = async (): Promise<number[]> =>
    db.kind === 'postgres'
      ? (await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).map((r) => r.pid)
      : [];
  const cpuOf = async (pid: number): Promise<number | null> => {
    try {
      const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) * tick;
    } catch {
      return null;
    }
  };
  const snapshot = async () => {
    const m = new Map<number, number>();
    for (const pid of await backendPids()) {
      const c = await cpuOf(pid);
      if (c !== null) m.set(pid, c);
    }
    return m;
  };
  const node0 = process.cpuUsage();
  const db0 = await snapshot();
  return {
    async stop() {
      const n = process.cpuUsage(node0);
      const db1 = await snapshot();
      let dbMs: number | null = db.kind === 'postgres' && db1.size > 0 ? 0 : null;
      // Backends that appeared during the phase started at 0; those that vanished are lost (pool idle timeout).
      for (const [pid, c] of db1) dbMs = (dbMs ?? 0) + c - (db0.get(pid) ?? 0);
      return { nodeMs: (n.user + n.system) / 1000, dbMs };
    },
  };
}

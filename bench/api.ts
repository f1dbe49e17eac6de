/**
 * `npm run bench -- api [--seconds 10] [--concurrency 16] [--warmup 2] [--no-worker] [--idempotency] [--profile] [--pool N]`
 *
 * Creates tickets through the real HTTP API (POST /api/v1/tickets, bearer token, every body distinct) and, in
 * the same run on the same database through the same driver (the server's own Db), measures the raw rate of
 * autocommitted single-row INSERTs at the same concurrency. Prints ONE JSON line (see bench/README.md).
 */
import autocannon, { type RawRequest } from 'autocannon';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import type { Db } from '../src/platform/db/index.js';
import { startServer, type Running } from '../src/server/start.js';
import { buildWorld } from '../tests/factories/index.js';
import { emitResult, note, numberArg, parseArgs, round } from './lib/cli.js';
import { StatementProfiler, cpuMeter, cpuProfile } from './lib/profile.js';
import { createScratchDatabase, createTempDir, freePorts } from './lib/scratch.js';

const args = parseArgs(process.argv.slice(2));
const seconds = numberArg(args, 'seconds', 10, 1);
const concurrency = Math.floor(numberArg(args, 'concurrency', 16, 1));
const warmup = numberArg(args, 'warmup', 2, 0);
const runWorker = args.worker !== false;
const withIdempotencyKey = args.idempotency === true;
const profile = args.profile === true;
const poolOverride = args.pool === undefined ? undefined : Math.floor(numberArg(args, 'pool', 10, 1));
const cpuProfileFile = typeof args['cpu-profile'] === 'string' ? args['cpu-profile'] : undefined;

const PRIORITIES = ['low', 'normal', 'normal', 'high', 'urgent'] as const;
const TOPICS = ['refund', 'login problem', 'invoice copy', 'shipping delay', 'account deletion', 'payout missing', 'bug report'];

/**
 * Request i's requester: three in four are new customers; every fourth writes again as a customer first seen
 * at least 64 requests earlier (long committed at concurrency ≤ 64), so both "find" and "create" paths run.
 */
function requesterOf(i: number): number {
  if (i % 4 !== 3 || i < 68) return i;
  let r = Math.floor((i * 2654435761) % (i - 64));
  if (r % 4 === 3) r -= 1;
  return r;
}

function makeRequestBody(i: number, runId: string): string {
  const r = requesterOf(i);
  const topic = TOPICS[i % TOPICS.length];
  return JSON.stringify({
    subject: `${topic[0].toUpperCase()}${topic.slice(1)} — order #${100000 + i} (${runId})`,
    body: `Hello,\n\nI have a question about my ${topic} for order #${100000 + i}. ` +
      `It was placed on day ${i % 28 + 1} and I still need help. Reference ${runId}-${i}.\n\nThanks, customer ${r}`,
    requester: { email: `customer${r}@bench.example`, name: `Customer ${r}` },
    priority: PRIORITIES[i % PRIORITIES.length],
    tags: i % 3 === 0 ? ['bench', topic.split(' ')[0]] : ['bench'],
  });
}

async function startOnFreePort(env: Record<string, string>): Promise<Running> {
  let lastError: unknown;
  for await (const port of freePorts(3400, 3449)) {
    try {
      return await startServer(loadConfig({ ...env, PORT: String(port) }), { clock: systemClock });
    } catch (e) {
      lastError = e;
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    }
  }
  throw new Error(`no free port in 3400–3449 (${String(lastError)})`);
}

async function count(db: Db, sql: string): Promise<number> {
  return Number((await db.one<{ n: number }>(sql)).n);
}

/** Ticket count once requests still in flight when autocannon stopped have finished (stable for 300 ms). */
async function settledTicketCount(db: Db): Promise<number> {
  let prev = -1;
  let n = await count(db, 'SELECT count(*)::int AS n FROM tickets');
  while (n !== prev) {
    await new Promise((r) => setTimeout(r, 300));
    prev = n;
    n = await count(db, 'SELECT count(*)::int AS n FROM tickets');
  }
  return n;
}

/** Wait until the worker has delivered every pending event (so the next phase runs on a quiet database). */
async function drainOutbox(db: Db, timeoutMs = 120_000): Promise<{ pending: number; ms: number }> {
  const t0 = performance.now();
  let pending = await count(db, `SELECT count(*)::int AS n FROM event_deliveries WHERE status = 'pending'`);
  const initial = pending;
  while (pending > 0 && performance.now() - t0 < timeoutMs) {
    await new Promise((r) => setTimeout(r, 200));
    pending = await count(db, `SELECT count(*)::int AS n FROM event_deliveries WHERE status = 'pending'`);
  }
  if (pending > 0) note(`warning: ${pending} event deliveries still pending after ${timeoutMs} ms`);
  return { pending: initial, ms: performance.now() - t0 };
}

async function driveApi(url: string, token: string, durationS: number, runId: string, counter: { i: number }) {
  const failures: string[] = [];
  const result = await autocannon({
    url,
    connections: concurrency,
    duration: durationS,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/tickets',
        setupRequest: (req: RawRequest) => {
          const i = counter.i++;
          const headers: Record<string, string> = { ...req.headers, 'content-type': 'application/json', authorization: `Bearer ${token}` };
          if (withIdempotencyKey) headers['idempotency-key'] = `${runId}-${i}`;
          return { ...req, headers, body: makeRequestBody(i, runId) };
        },
        onResponse: (status: number, body: string) => {
          if ((status < 200 || status > 299) && failures.length < 5) failures.push(`${status} ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  for (const f of failures) note(`non-2xx response: ${f}`);
  return result;
}

/** `concurrency` async loops, each awaiting one autocommitted single-row INSERT after another. */
async function rawInserts(db: Db, durationS: number, tag: string): Promise<{ n: number; s: number }> {
  const pad = 'x'.repeat(80);
  let n = 0;
  const t0 = performance.now();
  const end = t0 + durationS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let k = 0; performance.now() < end; k++) {
        await db.query('INSERT INTO bench_raw (id, v, at) VALUES ($1, $2, $3)', [`${tag}_${w}_${k}`, `${pad} ${w} ${k}`, new Date()]);
        n++;
      }
    }),
  );
  return { n, s: (performance.now() - t0) / 1000 };
}

/** Undo everything the run created (server, scratch database, temp dir), newest first; safe to call twice. */
const cleanups: Array<() => Promise<void>> = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length) {
    const c = cleanups.shift()!;
    await c().catch((e: unknown) => note(`cleanup failed: ${String(e)}`));
  }
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    note(`${sig}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  const profiler = new StatementProfiler();
  if (profile) profiler.install();
  if (poolOverride) {
    const Base = pg.Pool;
    (pg as unknown as { Pool: unknown }).Pool = class extends Base {
      constructor(o: pg.PoolConfig) {
        super({ ...o, max: poolOverride });
      }
    };
    note(`pg pool size overridden to ${poolOverride}`);
  }
  try {
    const tmp = await createTempDir();
    cleanups.unshift(tmp.remove);
    let databaseUrl: string | undefined;
    if (process.env.DATABASE_URL) {
      const scratch = await createScratchDatabase(process.env.DATABASE_URL);
      cleanups.unshift(scratch.drop);
      databaseUrl = scratch.url;
      note(`scratch database ${scratch.name}`);
    }
    const env: Record<string, string> = {
      DATA_DIR: tmp.dir, SEED_DEMO: 'false', LOG_LEVEL: 'warn', API_RATE_LIMIT_PER_MIN: '1000000000',
      RUN_WORKER: runWorker ? 'true' : 'false', NODE_ENV: 'production',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    };
    const t0 = performance.now();
    const server = await startOnFreePort(env);
    cleanups.unshift(() => server.close());
    const db = server.db;
    note(`server ${server.url} on ${db.kind} ready in ${Math.round(performance.now() - t0)} ms (worker ${runWorker ? 'on' : 'off'})`);

    const world = await buildWorld(db, systemClock);
    const runId = randomBytes(3).toString('hex');
    const counter = { i: 0 };

    if (warmup > 0) {
      const w = await driveApi(server.url, world.adminToken, warmup, runId, counter);
      note(`api warm-up: ${w['2xx']} tickets in ${warmup} s`);
      if (runWorker) await drainOutbox(db);
    }
    const before = await settledTicketCount(db);
    const apiCpu = await cpuMeter(db);
    if (profile) profiler.start();
    const drive = () => driveApi(server.url, world.adminToken, seconds, runId, counter);
    const api = cpuProfileFile ? await cpuProfile(cpuProfileFile, drive) : await drive();
    if (profile) profiler.stop();
    const apiCpuMs = await apiCpu.stop();
    const created = (await settledTicketCount(db)) - before;
    const ok = api['2xx'];
    note(`api: ${ok} × 2xx, ${api.non2xx} non-2xx, ${api.errors} errors in ${api.duration} s; ${created} tickets in the database`);
    // Requests still in flight when autocannon stops are not counted by it but may still commit.
    if (created < ok || created > ok + concurrency) throw new Error(`${ok} successful responses but ${created} new tickets in the database`);
    note(`cpu per ticket: node ${(apiCpuMs.nodeMs / Math.max(ok, 1)).toFixed(2)} ms (server + autocannon, one process)` +
      (apiCpuMs.dbMs === null ? '' : `, database backends ${(apiCpuMs.dbMs / Math.max(ok, 1)).toFixed(2)} ms`));
    if (profile) {
      const rep = profiler.report(Math.max(ok, 1));
      note(`profile: ${rep.perUnit.toFixed(1)} statements per ticket (incl. worker), ${rep.msPerUnit.toFixed(1)} ms of statement round-trips per ticket`);
      for (const r of rep.rows.slice(0, 30)) note(`  ${r.perUnit.toFixed(2).padStart(6)} × ${r.avgMs.toFixed(2).padStart(7)} ms  ${r.sql}`);
    }
    let backlog = { pending: 0, ms: 0 };
    if (runWorker) {
      backlog = await drainOutbox(db);
      note(`worker backlog after the api phase: ${backlog.pending} deliveries, drained in ${Math.round(backlog.ms)} ms`);
    }

    await db.exec('CREATE TABLE bench_raw (id text PRIMARY KEY, v text, at timestamptz)');
    if (warmup > 0) await rawInserts(db, Math.min(warmup, 2), 'warm');
    const rawCpu = await cpuMeter(db);
    const raw = await rawInserts(db, seconds, 'run');
    const rawCpuMs = await rawCpu.stop();
    const rows = await count(db, `SELECT count(*)::int AS n FROM bench_raw WHERE id LIKE 'run\\_%'`);
    if (rows !== raw.n) throw new Error(`raw phase counted ${raw.n} inserts but the table holds ${rows}`);
    note(`raw: ${raw.n} inserts in ${raw.s.toFixed(2)} s; cpu per insert: node ${(rawCpuMs.nodeMs / Math.max(raw.n, 1)).toFixed(3)} ms` +
      (rawCpuMs.dbMs === null ? '' : `, database backends ${(rawCpuMs.dbMs / Math.max(raw.n, 1)).toFixed(3)} ms`));

    const ticketsPerS = ok / api.duration;
    const rawPerS = raw.n / raw.s;
    emitResult({
      bench: 'api.create_ticket',
      db: db.kind,
      tickets_per_s: round(ticketsPerS),
      raw_inserts_per_s: round(rawPerS),
      ratio: round(ticketsPerS / rawPerS, 3),
      p50_ms: api.latency.p50,
      p99_ms: api.latency.p99,
      errors: api.errors,
      non_2xx: api.non2xx,
      seconds: api.duration,
      concurrency,
      node: process.version,
    });
    return api.non2xx > 0 || api.errors > 0 ? 1 : 0;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    note(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);

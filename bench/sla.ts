/**
 * `npm run bench -- sla [--tickets 100000] [--window-s 60] [--lead-s 40] [--workers 2] [--poll-s 0.5]`
 *
 * N open tickets, each with an active SLA target (durable timer) due within a short window, on a scratch
 * PostgreSQL database next to DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres). W worker
 * processes run the sla jobs (wake-ups per 250 ms bucket + a 5 s sweep); every breach is stamped with the
 * time it fired. Prints ONE line:
 *   {"bench":"sla.timers","active":…,"late_p99_ms":…,"missed":…,"duplicated":…, …}
 * Baseline in the same run: the same number of rows updated by one plain set-based UPDATE (the floor of
 * stamping N rows on this machine), so the lateness figures can be read against the machine's speed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../src/platform/clock.js';
import { migrate } from '../src/platform/db/index.js';
import { openPostgres } from '../src/platform/db/postgres.js';
import { JobQueue, setActiveJobQueue } from '../src/platform/jobs/index.js';
import { createLogger } from '../src/platform/logger.js';
import { createWorkspace, createBrand } from '../src/domain/workspace/index.js';
import { SLA_JOBS } from '../src/worker/jobs/sla.js';
import { emitResult, note, numberArg, parseArgs, round } from './lib/cli.js';
import { createScratchDatabase } from './lib/scratch.js';
import { seedSlaTimers, timerOutcome } from './lib/sla-fixture.js';

const args = parseArgs(process.argv.slice(2));
const tickets = numberArg(args, 'tickets', 100_000, 1);
const windowS = numberArg(args, 'window-s', 60, 1);
const leadS = numberArg(args, 'lead-s', 40, 2);
const workers = numberArg(args, 'workers', 2, 1);
const pollS = numberArg(args, 'poll-s', 0.5, 0.5);
const here = path.dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'sb_bench_sla');
note(`scratch database ${scratch.name}`);
const db = await openPostgres(scratch.url, 4);
const procs: ChildProcess[] = [];
let sender: JobQueue | null = null;
try {
  await migrate(db);
  const ws = await db.transaction(async (tx) => {
    const { workspace, ctx } = await createWorkspace(tx, systemClock, { name: 'Bench' });
    const brand = await createBrand(ctx, { name: 'Bench brand', support_email: 'bench@bench.test' });
    return { id: workspace.id, brandId: brand.id };
  });
  sender = new JobQueue(db, systemClock, createLogger('silent'), { work: false });
  await sender.start(SLA_JOBS);
  setActiveJobQueue(sender);

  // baseline: stamp N rows in one statement (what "firing" costs at minimum on this machine)
  await seedSlaTimers(db, { workspaceId: ws.id, brandId: ws.brandId, count: tickets, dueFrom: new Date(Date.now() + 3_600_000), windowMs: 1000, tag: 'base' });
  const b0 = performance.now();
  await db.query("UPDATE sla_targets SET breached_at = due_at, breach_fired_at = now() WHERE id LIKE 'slt_base%'");
  const baselineMs = performance.now() - b0;
  await db.query("UPDATE sla_targets SET stopped_at = now() WHERE id LIKE 'slt_base%'");
  note(`baseline: one UPDATE of ${tickets} rows in ${Math.round(baselineMs)} ms`);

  for (let i = 0; i < workers; i++) {
    const p = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'lib/sla-worker.ts')], {
      env: { ...process.env, DATABASE_URL: scratch.url, SLA_POLL_SECONDS: String(pollS) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    procs.push(p);
    await new Promise<void>((resolve, reject) => {
      p.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      p.on('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    });
  }
  note(`${workers} worker processes ready`);

  const s0 = performance.now();
  const dueFrom = new Date(Date.now() + leadS * 1000);
  await seedSlaTimers(db, { workspaceId: ws.id, brandId: ws.brandId, count: tickets, dueFrom, windowMs: windowS * 1000, tag: 'run' });
  const seedMs = performance.now() - s0;
  note(`seeded ${tickets} tickets with timers in ${Math.round(seedMs)} ms; due ${dueFrom.toISOString()} + ${windowS} s`);
  if (Date.now() > dueFrom.getTime()) note('WARNING: seeding took longer than --lead-s; the first timers were due before the workers could know');

  const deadline = dueFrom.getTime() + windowS * 1000 + 30_000;
  for (;;) {
    const o = await timerOutcome(db, 'run');
    if (o.fired === o.active || Date.now() > deadline) break;
    await sleep(1000);
  }
  await sleep(2000); // a duplicate would show up now
  const o = await timerOutcome(db, 'run');
  emitResult({
    bench: 'sla.timers', db: 'postgres', processes: workers, active: o.active, window_s: windowS, fired: o.fired,
    late_p50_ms: o.late_p50_ms, late_p99_ms: o.late_p99_ms, late_max_ms: o.late_max_ms, missed: o.missed, duplicated: o.duplicated,
    target: { late_p99_ms: 1000, missed: 0, duplicated: 0 },
    meets_target: o.late_p99_ms <= 1000 && o.missed === 0 && o.duplicated === 0,
    baseline: { single_update_ms: round(baselineMs, 0), rows: tickets },
    poll_s: pollS, seed_ms: round(seedMs, 0),
  });
} finally {
  for (const p of procs) p.kill('SIGTERM');
  await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.on('exit', r)))));
  setActiveJobQueue(null);
  await sender?.stop().catch(() => undefined);
  await db.close();
  await scratch.drop();
}

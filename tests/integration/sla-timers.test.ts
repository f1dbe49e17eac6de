import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { DB_KIND } from '../helpers/test-db.js';
import { systemClock } from '../../src/platform/clock.js';
import { JobQueue, setActiveJobQueue } from '../../src/platform/jobs/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { SLA_JOBS } from '../../src/worker/jobs/sla.js';
import { seedSlaTimers, timerOutcome } from '../../bench/lib/sla-fixture.js';

const log = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitAllFired(t: TestApp, tag: string, ms: number) {
  const end = Date.now() + ms;
  for (;;) {
    const o = await timerOutcome(t.db, tag);
    if (o.fired === o.active || Date.now() > end) return o;
    await sleep(200);
  }
}

describe('durable SLA timers (wake-up jobs + sweep; exactly once)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    setActiveJobQueue(null);
    await t.close();
  });

  it('survive a restart: wake-ups queued before the stop fire after the next start, once each', async () => {
    const a = new JobQueue(t.db, systemClock, log, { pollingIntervalSeconds: 0.5 });
    await a.start(SLA_JOBS);
    setActiveJobQueue(a);
    await seedSlaTimers(t.db, { workspaceId: t.workspaceId, brandId: t.brandA.id, count: 60, dueFrom: new Date(Date.now() + 2500), windowMs: 1500, tag: 'rs' });
    await a.stop(); // "crash" before anything is due
    setActiveJobQueue(null);
    await sleep(4500); // everything is now overdue, nothing runs
    expect((await timerOutcome(t.db, 'rs')).fired).toBe(0);
    const b = new JobQueue(t.db, systemClock, log, { pollingIntervalSeconds: 0.5 });
    await b.start(SLA_JOBS);
    try {
      const o = await waitAllFired(t, 'rs', 20_000);
      await sleep(1000);
      expect(await timerOutcome(t.db, 'rs')).toMatchObject({ active: 60, fired: 60, missed: 0, duplicated: 0 });
      expect(o.late_p50_ms).toBeGreaterThan(1000); // they were fired late, after the restart — not before
    } finally {
      await b.stop();
    }
  });

  it.skipIf(DB_KIND !== 'postgres')('two worker processes on one PostgreSQL: every breach fires exactly once, on time', async () => {
    const name = (await t.db.one<{ db: string }>('SELECT current_database() AS db')).db;
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${name}`;
    const sender = new JobQueue(t.db, systemClock, log, { work: false });
    await sender.start(SLA_JOBS);
    setActiveJobQueue(sender);
    const script = path.resolve('bench/lib/sla-worker.ts');
    const procs: ChildProcess[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const p = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, DATABASE_URL: u.toString() }, stdio: ['ignore', 'pipe', 'inherit'] });
        procs.push(p);
        await new Promise<void>((resolve, reject) => {
          p.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
          p.on('exit', (code) => reject(new Error(`worker exited ${code}`)));
        });
      }
      await seedSlaTimers(t.db, { workspaceId: t.workspaceId, brandId: t.brandA.id, count: 600, dueFrom: new Date(Date.now() + 1500), windowMs: 3000, tag: 'mp' });
      await waitAllFired(t, 'mp', 30_000);
      await sleep(1500); // time for a duplicate to show up, if any
      const o = await timerOutcome(t.db, 'mp');
      expect(o).toMatchObject({ active: 600, fired: 600, missed: 0, duplicated: 0 });
      expect(o.late_p99_ms).toBeLessThan(3000); // the benchmark holds the ≤ 1 s target; CI machines are noisy
    } finally {
      for (const p of procs) p.kill('SIGTERM');
      await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.on('exit', r)))));
      await sender.stop();
      setActiveJobQueue(null);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { systemClock } from '../../src/platform/clock.js';
import type { Db } from '../../src/platform/db/index.js';
import { openPostgres } from '../../src/platform/db/postgres.js';
import { defineJob, JobQueue, sendJob, setActiveJobQueue, type AnyJobDef } from '../../src/platform/jobs/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { createTestDb, DB_KIND } from '../helpers/test-db.js';

const log = createLogger('silent');
let db: Db;
let second: Db | null = null;
const queues: JobQueue[] = [];

const handled: Array<{ key: string; by: number; at: number }> = [];
let failuresLeft = 0;

function defs(node: number): AnyJobDef[] {
  return [
    defineJob({
      name: 'test.record',
      schema: z.object({ key: z.string() }),
      batchSize: 20,
      async handler(data) {
        handled.push({ key: data.key, by: node, at: Date.now() });
      },
    }),
    defineJob({
      name: 'test.flaky',
      schema: z.object({ key: z.string() }),
      retryLimit: 3,
      retryDelaySec: 1,
      async handler(data) {
        if (failuresLeft-- > 0) throw new Error('transient');
        handled.push({ key: data.key, by: node, at: Date.now() });
      },
    }),
    defineJob({
      name: 'test.tick',
      schema: z.object({}),
      everySeconds: 2,
      async handler() {
        handled.push({ key: 'tick', by: node, at: Date.now() });
      },
    }),
  ];
}

async function waitFor(pred: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const keys = (prefix: string) => handled.filter((h) => h.key.startsWith(prefix)).map((h) => h.key);

beforeAll(async () => {
  db = await createTestDb();
  const a = new JobQueue(db, systemClock, log, { pollingIntervalSeconds: 0.5 });
  await a.start(defs(1));
  queues.push(a);
  if (DB_KIND === 'postgres') {
    // a second "process": its own pool on the same database
    second = await openPostgres((db as unknown as { url: string }).url, 3);
    const b = new JobQueue(second, systemClock, log, { pollingIntervalSeconds: 0.5 });
    await b.start(defs(2));
    queues.push(b);
  }
  setActiveJobQueue(a);
}, 60_000);

afterAll(async () => {
  setActiveJobQueue(null);
  for (const q of queues) await q.stop();
  await second?.close();
  await db?.close();
});

describe('job queue (pg-boss on our Db)', () => {
  it('runs a sent job once', async () => {
    await queues[0].send('test.record', { key: 'one-1' });
    await waitFor(() => keys('one-').length === 1);
    await new Promise((r) => setTimeout(r, 1200));
    expect(keys('one-')).toEqual(['one-1']);
  });

  it('enqueues inside a transaction: nothing on rollback, the job on commit', async () => {
    await db.transaction(async (tx) => {
      await sendJob(tx, 'test.record', { key: 'tx-committed' });
    });
    await db
      .transaction(async (tx) => {
        await sendJob(tx, 'test.record', { key: 'tx-rolled-back' });
        throw new Error('abort');
      })
      .catch(() => undefined);
    await waitFor(() => keys('tx-').length >= 1);
    await new Promise((r) => setTimeout(r, 1200));
    expect(keys('tx-')).toEqual(['tx-committed']);
  });

  it('does not start a job before startAfter', async () => {
    const sentAt = Date.now();
    await queues[0].send('test.record', { key: 'later-1' }, { startAfter: new Date(sentAt + 2000) });
    await waitFor(() => keys('later-').length === 1);
    const h = handled.find((x) => x.key === 'later-1')!;
    expect(h.at - sentAt).toBeGreaterThanOrEqual(1900);
  });

  it('rejects an unknown job or a payload that fails its schema', async () => {
    await expect(queues[0].send('test.nope', {})).rejects.toThrow(/unknown job/);
    await expect(queues[0].send('test.record', { key: 42 })).rejects.toThrow();
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    failuresLeft = 2;
    await queues[0].send('test.flaky', { key: 'flaky-1' });
    await waitFor(() => keys('flaky-').length === 1, 30_000);
    expect(failuresLeft).toBeLessThanOrEqual(0);
  }, 40_000);

  it('hands each of many jobs to exactly one worker, across processes on PostgreSQL', async () => {
    const n = 200;
    await db.transaction(async (tx) => {
      for (let i = 0; i < n; i++) await sendJob(tx, 'test.record', { key: `many-${i}` });
    });
    await waitFor(() => keys('many-').length >= n, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    const got = keys('many-');
    expect(got.length).toBe(n);
    expect(new Set(got).size).toBe(n);
  }, 40_000);

  it('runs a periodic job once per slot, however many processes offer it', async () => {
    const start = Date.now();
    await new Promise((r) => setTimeout(r, 5000));
    const ticks = handled.filter((h) => h.key === 'tick' && h.at >= start);
    // 2-second slots over 5 s: 2–3 runs in total, never one per process per slot
    expect(ticks.length).toBeGreaterThanOrEqual(1);
    expect(ticks.length).toBeLessThanOrEqual(4);
  }, 20_000);
});

/**
 * A worker process for the SLA timer benchmark / multi-process test: runs the sla module's jobs (the
 * wake-ups and the periodic sweep) against DATABASE_URL until SIGTERM. Prints "ready" when started.
 */
import { systemClock } from '../../src/platform/clock.js';
import { openPostgres } from '../../src/platform/db/postgres.js';
import { JobQueue, setActiveJobQueue } from '../../src/platform/jobs/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { SLA_JOBS } from '../../src/worker/jobs/sla.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const db = await openPostgres(url, 4);
const q = new JobQueue(db, systemClock, createLogger('silent'), { pollingIntervalSeconds: Number(process.env.SLA_POLL_SECONDS ?? 0.5) });
await q.start(SLA_JOBS);
setActiveJobQueue(q);
process.stdout.write('ready\n');
const stop = async () => {
  await q.stop().catch(() => undefined);
  await db.close().catch(() => undefined);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

import type { Db } from '../platform/db/index.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { Dispatcher } from '../platform/events/index.js';
import { JobQueue, setActiveJobQueue, type AnyJobDef } from '../platform/jobs/index.js';
import { JOBS } from './jobs/index.js';
import { REALTIME_SUBSCRIBERS, WORKER_SUBSCRIBERS } from './subscribers/index.js';

export interface Worker {
  /** The realtime lane (live updates, chat relay) and the bulk lane: two consumer groups (ADR 0003). */
  dispatchers: Dispatcher[];
  jobs: JobQueue;
  stop(): Promise<void>;
}

/**
 * Start the event dispatchers and the job queue (all safe to run in several processes against one
 * PostgreSQL: deliveries and jobs are claimed with SKIP LOCKED). Two dispatchers, two consumer groups: what a
 * person watches live never queues behind the other modules' work.
 */
export async function startWorker(db: Db, clock: Clock, log: Logger, opts: { jobs?: AnyJobDef[]; pollingIntervalSeconds?: number } = {}): Promise<Worker> {
  const wlog = log.child({ component: 'worker' });
  const dispatchers = [
    new Dispatcher(db, REALTIME_SUBSCRIBERS, clock, wlog, 500, { group: 'realtime' }),
    new Dispatcher(db, WORKER_SUBSCRIBERS, clock, wlog, 500, { group: 'worker' }),
  ];
  for (const d of dispatchers) await d.start();
  const jobs = new JobQueue(db, clock, wlog, { pollingIntervalSeconds: opts.pollingIntervalSeconds });
  await jobs.start(opts.jobs ?? JOBS);
  setActiveJobQueue(jobs);
  return {
    dispatchers,
    jobs,
    async stop() {
      setActiveJobQueue(null);
      await jobs.stop();
      for (const d of dispatchers) await d.stop();
    },
  };
}

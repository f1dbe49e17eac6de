import type { Db } from '../platform/db/index.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { Dispatcher } from '../platform/events/index.js';
import { JobQueue, setActiveJobQueue, type AnyJobDef } from '../platform/jobs/index.js';
import { JOBS } from './jobs/index.js';
import { SUBSCRIBERS } from './subscribers/index.js';

export interface Worker {
  dispatcher: Dispatcher;
  jobs: JobQueue;
  stop(): Promise<void>;
}

/**
 * Start the event dispatcher and the job queue (both safe to run in several processes against one
 * PostgreSQL: deliveries and jobs are claimed with SKIP LOCKED).
 */
export async function startWorker(db: Db, clock: Clock, log: Logger, opts: { jobs?: AnyJobDef[]; pollingIntervalSeconds?: number } = {}): Promise<Worker> {
  const wlog = log.child({ component: 'worker' });
  const dispatcher = new Dispatcher(db, SUBSCRIBERS, clock, wlog);
  await dispatcher.start();
  const jobs = new JobQueue(db, clock, wlog, { pollingIntervalSeconds: opts.pollingIntervalSeconds });
  await jobs.start(opts.jobs ?? JOBS);
  setActiveJobQueue(jobs);
  return {
    dispatcher,
    jobs,
    async stop() {
      setActiveJobQueue(null);
      await jobs.stop();
      await dispatcher.stop();
    },
  };
}

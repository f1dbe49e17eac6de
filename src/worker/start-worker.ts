import type { Db } from '../platform/db/index.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { Dispatcher } from '../platform/events/index.js';
import { SUBSCRIBERS } from './subscribers/index.js';

/** Start the event dispatcher (safe to run in several processes against one PostgreSQL). */
export async function startWorker(db: Db, clock: Clock, log: Logger): Promise<Dispatcher> {
  const d = new Dispatcher(db, SUBSCRIBERS, clock, log.child({ component: 'worker' }));
  await d.start();
  return d;
}

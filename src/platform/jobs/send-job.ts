import type { Tx } from '../db/index.js';
import type { JobQueue } from './job-queue.js';

/**
 * Domain code schedules wake-ups without knowing whether a queue runs in this process (a CLI, a
 * test, a server started without the worker). Design rule: jobs are WAKE-UPS; the durable state is
 * in the module's own rows (e.g. an SLA target's due_at), and every module that schedules jobs also
 * has a periodic catch-up job that sweeps its rows. So a job not sent is a little late, never lost.
 */
let active: JobQueue | null = null;

export function setActiveJobQueue(q: JobQueue | null): void {
  active = q;
}

export async function sendJob(tx: Tx, name: string, data: object, opts: { startAfter?: Date; singletonKey?: string } = {}): Promise<string | null> {
  if (!active) return null;
  return active.send(name, data, { ...opts, tx });
}

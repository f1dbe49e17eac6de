import type { Tx } from '../../../platform/db/index.js';
import { sendJob } from '../../../platform/jobs/index.js';

/** The job that fires due SLA timers (registered by the worker in src/worker/jobs/sla.ts). */
export const SLA_FIRE_JOB = 'sla.fire-due-timers';
/** Wake-ups are grouped per bucket: one queued job per 250 ms, however many targets fall due in it. */
export const WAKEUP_BUCKET_MS = 250;

/**
 * Ask the job queue to wake a worker when these instants arrive. Jobs are only wake-ups: the due targets
 * are found in sla_targets by fireDueSlaTimers, and a periodic sweep catches anything whose wake-up was
 * lost (no queue in this process, a crash between commit and send…).
 */
export async function scheduleWakeups(tx: Tx, instants: Array<Date | null>): Promise<void> {
  const buckets = [...new Set(instants.filter((d): d is Date => d !== null).map((d) => Math.ceil(d.getTime() / WAKEUP_BUCKET_MS) * WAKEUP_BUCKET_MS))];
  if (buckets.length === 0) return;
  const fresh = await tx.query<{ at: Date }>(
    'INSERT INTO sla_wakeups (at) SELECT to_timestamp(b / 1000.0) FROM unnest($1::float8[]) AS b ON CONFLICT DO NOTHING RETURNING at',
    [buckets],
  );
  const unsent: Date[] = [];
  for (const { at } of fresh) {
    const when = new Date(at);
    const id = await sendJob(tx, SLA_FIRE_JOB, {}, { startAfter: when });
    if (id === null) unsent.push(when);
  }
  // no queue in this process: forget the bucket so a process with a queue can schedule it
  if (unsent.length) await tx.query('DELETE FROM sla_wakeups WHERE at = ANY($1::timestamptz[])', [unsent.map((d) => d.toISOString())]);
}

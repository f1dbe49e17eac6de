import { z } from 'zod';
import { defineJob, type AnyJobDef } from '../../platform/jobs/index.js';
import { fireDueSlaTimers, SLA_FIRE_JOB } from '../../domain/sla/index.js';

/** Wake-up at a due time (queued per 250 ms bucket when a target gets a due/warn time). */
export const slaFireDueTimers = defineJob({
  name: SLA_FIRE_JOB,
  schema: z.object({}).passthrough(),
  retryLimit: 3,
  retryDelaySec: 1,
  batchSize: 20,
  handler: async (_data, env) => {
    await fireDueSlaTimers({ db: env.db, clock: env.clock, log: env.log });
  },
});

/** Catch-up sweep: whatever wake-up was lost (process down, sent from a process without a queue). */
export const slaSweep = defineJob({
  name: 'sla.sweep-due-timers',
  schema: z.object({}).passthrough(),
  everySeconds: 5,
  retryLimit: 0,
  handler: async (_data, env) => {
    const r = await fireDueSlaTimers({ db: env.db, clock: env.clock, log: env.log });
    if (r.breaches || r.warnings) env.log.info(r, 'SLA sweep fired late timers');
  },
});

/** Background jobs of the sla module (see src/platform/jobs). */
export const SLA_JOBS: AnyJobDef[] = [slaFireDueTimers, slaSweep];

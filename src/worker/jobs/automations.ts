import { z } from 'zod';
import { defineJob, type AnyJobDef } from '../../platform/jobs/index.js';
import { DELIVER_JOB, deliverDueWebhooks, runAutomations } from '../../domain/automations/index.js';

/** Time-based automations every 2 minutes; webhook deliveries every 5 s and whenever one is enqueued. */
export const AUTOMATIONS_JOBS: AnyJobDef[] = [
  defineJob({
    name: 'automations.run-time-rules',
    schema: z.object({}),
    everySeconds: 120,
    async handler(_data, { db, clock, log }) {
      const r = await runAutomations(db, clock);
      if (r.applied || r.failed) log.info(r, 'time-based automations ran');
    },
  }),
  defineJob({
    name: DELIVER_JOB,
    schema: z.object({}),
    everySeconds: 5,
    retryLimit: 2,
    async handler(_data, { db, clock, log }) {
      for (let i = 0; i < 20; i++) {
        const r = await deliverDueWebhooks({ db, clock, log });
        if (r.sent + r.failed + r.dead < 50) break;
      }
    },
  }),
];

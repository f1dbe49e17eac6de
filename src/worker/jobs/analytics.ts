import { z } from 'zod';
import { sendDueSurveys } from '../../domain/analytics/index.js';
import { defineJob, type AnyJobDef } from '../../platform/jobs/index.js';

/** CSAT surveys go out once their delay has passed (checked every minute). */
export const ANALYTICS_JOBS: AnyJobDef[] = [
  defineJob({
    name: 'analytics.send-csat-surveys',
    schema: z.object({}),
    everySeconds: 60,
    async handler(_data, { db, clock, log }) {
      const base = process.env.PUBLIC_URL ?? `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? '3000'}`;
      const n = await sendDueSurveys(db, clock, base);
      if (n) log.info({ sent: n }, 'CSAT surveys sent');
    },
  }),
];

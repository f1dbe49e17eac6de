import { z } from 'zod';
import { runReportSchedules, sendDueSurveys } from '../../domain/analytics/index.js';
import { sendMail } from '../../platform/mail/smtp-outbound.js';
import { defineJob, type AnyJobDef } from '../../platform/jobs/index.js';

/** CSAT surveys go out once their delay has passed (checked every minute); scheduled reports every 5 min. */
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
  defineJob({
    name: 'analytics.send-scheduled-reports',
    schema: z.object({}),
    everySeconds: 300,
    async handler(_data, { db, clock, log }) {
      const url = process.env.SMTP_OUTBOUND_URL;
      const r = await runReportSchedules(db, clock, url ? (m) => sendMail(url, m) : null);
      if (r.sent + r.failed + r.skipped) log.info(r, 'scheduled reports');
    },
  }),
];

import { z } from 'zod';
import { deliverBreachNotices, deliverRecipientNotifications, runAllRetention, sealAuditChain, warnDueCases } from '../../domain/compliance/index.js';
import { loadConfig } from '../../platform/config.js';
import { defineJob, type AnyJobDef } from '../../platform/jobs/index.js';
import { sendMail } from '../../platform/mail/smtp-outbound.js';
import { removeStoredFile } from '../../platform/storage/regions.js';

/** Background jobs of the compliance module (see src/platform/jobs). */
export const COMPLIANCE_JOBS: AnyJobDef[] = [
  defineJob({
    name: 'compliance.seal-audit-chain',
    schema: z.object({}),
    everySeconds: 2,
    // Links committed audit entries onto the hash chain (ADR 0004); inserts never wait for the chain head.
    async handler(_data, { db, log }) {
      const n = await sealAuditChain(db);
      if (n) log.debug({ sealed: n }, 'audit entries sealed');
    },
  }),
  defineJob({
    name: 'compliance.warn-due-cases',
    schema: z.object({}),
    everySeconds: 60,
    async handler(_data, { db, clock }) {
      await warnDueCases(db, clock.now());
    },
  }),
  defineJob({
    name: 'compliance.run-retention',
    schema: z.object({}),
    cron: '17 3 * * *',
    async handler(_data, { db, clock, log }) {
      const filesDir = loadConfig().filesDir;
      for (const r of await runAllRetention(db, clock.now())) {
        for (const b of r.blobs) await removeStoredFile(filesDir, b).catch(() => false);
        log.info({ workspace: r.workspace_id, run: r.run_id }, 'retention run');
      }
    },
  }),
  defineJob({
    name: 'compliance.deliver-notices',
    schema: z.object({}),
    everySeconds: 300,
    // Retries recipient notifications (Art. 19) and breach notices (Art. 34) whose first send failed.
    async handler(_data, { db, clock, log }) {
      const url = loadConfig().SMTP_OUTBOUND_URL;
      if (!url) return;
      const send = async (m: { to: string; subject: string; text: string; messageId: string }) => {
        await sendMail(url, { from: { name: 'Switchboard', address: 'no-reply@switchboard.local' }, to: [m.to], subject: m.subject, text: m.text, messageId: m.messageId });
      };
      const r = await deliverRecipientNotifications(db, clock, send);
      const b = await deliverBreachNotices(db, clock, send);
      if (r.sent + r.failed + b.sent + b.failed) log.info({ recipients: r, breach_notices: b }, 'compliance notices delivered');
    },
  }),
];

import { z } from 'zod';
import { runAllRetention, warnDueCases } from '../../domain/compliance/index.js';
import { loadConfig } from '../../platform/config.js';
import { defineJob, type AnyJobDef } from '../../platform/jobs/index.js';
import { removeStoredFile } from '../../platform/storage/regions.js';

/** Background jobs of the compliance module (see src/platform/jobs). */
export const COMPLIANCE_JOBS: AnyJobDef[] = [
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
];

import { z } from 'zod';
import { defineJob, type AnyJobDef } from '../../platform/jobs/index.js';
import { systemActor } from '../../domain/kernel/index.js';
import { publishDueVersions, sendReviewReminders } from '../../domain/kb/index.js';

/** Background jobs of the kb module (see src/platform/jobs): scheduled publishing and review reminders. */
export const KB_JOBS: AnyJobDef[] = [
  defineJob({
    name: 'kb.publish-due-versions',
    schema: z.object({}).passthrough(),
    everySeconds: 60,
    async handler(_data, { db, clock }) {
      // The sweep acts per version as the system actor of that version's workspace.
      await db.transaction((tx) => publishDueVersions({ actor: systemActor(''), tx, clock, meta: { channel: 'system' } }));
    },
  }),
  defineJob({
    name: 'kb.send-review-reminders',
    schema: z.object({}).passthrough(),
    cron: '15 6 * * *',
    async handler(_data, { db, clock }) {
      const workspaces = await db.query<{ id: string }>('SELECT id FROM workspaces ORDER BY id');
      for (const w of workspaces) {
        await db.transaction((tx) => sendReviewReminders({ actor: systemActor(w.id), tx, clock, meta: { channel: 'system' } }));
      }
    },
  }),
];

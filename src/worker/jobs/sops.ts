import { z } from 'zod';
import { defineJob, type AnyJobDef } from '../../platform/jobs/index.js';
import { resumeDueSopRuns } from '../../domain/sops/index.js';

/** Background jobs of the sops module (see src/platform/jobs). */
export const SOPS_JOBS: AnyJobDef[] = [
  defineJob({
    name: 'sops.resume-due-runs',
    schema: z.object({}).passthrough(),
    // SOP "wait for a time" steps: the durable state is sop_runs.wait_until; this sweep resumes what is due.
    everySeconds: 15,
    async handler(_data, { db, clock }) {
      await resumeDueSopRuns(db, clock);
    },
  }),
];

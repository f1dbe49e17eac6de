import { z } from 'zod';
import { warnDueCases } from '../../domain/compliance/index.js';
import { defineJob, type AnyJobDef } from '../../platform/jobs/index.js';

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
];

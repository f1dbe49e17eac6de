import { z } from 'zod';
import { runTraining } from '../../domain/assistant/index.js';
import { defineJob, type AnyJobDef } from '../../platform/jobs/index.js';

/** Background jobs of the assistant module (see src/platform/jobs). */
export const ASSISTANT_JOBS: AnyJobDef[] = [
  defineJob({
    name: 'assistant.train-model',
    schema: z.object({ modelId: z.string() }),
    retryLimit: 1,
    async handler(data, { db, clock }) {
      await runTraining({ db, clock }, data.modelId);
    },
  }),
];

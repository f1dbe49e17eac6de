import { z } from 'zod';
import { resumePendingTrainings, runTraining } from '../../domain/assistant/index.js';
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
  defineJob({
    // the demo seed queues its model this way: trained in the background on the first start
    name: 'assistant.resume-training',
    schema: z.object({}).default({}),
    everySeconds: 30,
    async handler(_data, { db, clock }) {
      await resumePendingTrainings({ db, clock });
    },
  }),
];

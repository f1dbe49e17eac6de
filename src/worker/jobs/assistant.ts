import type { AnyJobDef } from '../../platform/jobs/index.js';

/** Background jobs of the assistant module (see src/platform/jobs). */
export const ASSISTANT_JOBS: AnyJobDef[] = [];

import type { AnyJobDef } from '../../platform/jobs/index.js';

/** Background jobs of the kb module (see src/platform/jobs). */
export const KB_JOBS: AnyJobDef[] = [];

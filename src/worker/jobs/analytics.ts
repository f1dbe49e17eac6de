import type { AnyJobDef } from '../../platform/jobs/index.js';

/** Background jobs of the analytics module (see src/platform/jobs). */
export const ANALYTICS_JOBS: AnyJobDef[] = [];

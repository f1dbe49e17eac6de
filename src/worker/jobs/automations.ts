import type { AnyJobDef } from '../../platform/jobs/index.js';

/** Background jobs of the automations module (see src/platform/jobs). */
export const AUTOMATIONS_JOBS: AnyJobDef[] = [];

import type { AnyJobDef } from '../../platform/jobs/index.js';

/** Background jobs of the compliance module (see src/platform/jobs). */
export const COMPLIANCE_JOBS: AnyJobDef[] = [];

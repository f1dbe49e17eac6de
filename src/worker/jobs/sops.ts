import type { AnyJobDef } from '../../platform/jobs/index.js';

/** Background jobs of the sops module (see src/platform/jobs). */
export const SOPS_JOBS: AnyJobDef[] = [];

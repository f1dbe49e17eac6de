import type { AnyJobDef } from '../../platform/jobs/index.js';

/** Background jobs of the sla module (see src/platform/jobs). */
export const SLA_JOBS: AnyJobDef[] = [];

import type { AnyJobDef } from '../../platform/jobs/index.js';

/** Background jobs of the routing module (see src/platform/jobs). */
export const ROUTING_JOBS: AnyJobDef[] = [];

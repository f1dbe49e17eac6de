import type { AnyJobDef } from '../../platform/jobs/index.js';

/** Background jobs of the channels module (see src/platform/jobs). */
export const CHANNELS_JOBS: AnyJobDef[] = [];

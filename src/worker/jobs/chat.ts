import type { AnyJobDef } from '../../platform/jobs/index.js';

/** Background jobs of the chat module (see src/platform/jobs). */
export const CHAT_JOBS: AnyJobDef[] = [];

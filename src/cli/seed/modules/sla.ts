import type { SeedModuleCtx } from './types.js';

/** Demo-workspace content of the sla module (runs after the core demo is inserted). */
export async function seedSla(_s: SeedModuleCtx): Promise<void> {}

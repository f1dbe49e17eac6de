import type { SeedModuleCtx } from './types.js';

/** Demo-workspace content of the analytics module (runs after the core demo is inserted). */
export async function seedAnalytics(_s: SeedModuleCtx): Promise<void> {}

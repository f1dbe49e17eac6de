import type { SeedModuleCtx } from './types.js';

/** Demo-workspace content of the compliance module (runs after the core demo is inserted). */
export async function seedCompliance(_s: SeedModuleCtx): Promise<void> {}

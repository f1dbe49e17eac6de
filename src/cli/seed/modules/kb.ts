import type { SeedModuleCtx } from './types.js';

/** Demo-workspace content of the kb module (runs after the core demo is inserted). */
export async function seedKb(_s: SeedModuleCtx): Promise<void> {}

import type { SeedModuleCtx } from './types.js';

/** Demo-workspace content of the sops module (runs after the core demo is inserted). */
export async function seedSops(_s: SeedModuleCtx): Promise<void> {}

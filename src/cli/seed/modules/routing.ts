import type { SeedModuleCtx } from './types.js';

/** Demo-workspace content of the routing module (runs after the core demo is inserted). */
export async function seedRouting(_s: SeedModuleCtx): Promise<void> {}

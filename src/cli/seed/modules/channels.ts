import type { SeedModuleCtx } from './types.js';

/** Demo-workspace content of the channels module (runs after the core demo is inserted). */
export async function seedChannels(_s: SeedModuleCtx): Promise<void> {}

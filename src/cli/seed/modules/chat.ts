import type { SeedModuleCtx } from './types.js';

/** Demo-workspace content of the chat module (runs after the core demo is inserted). */
export async function seedChat(_s: SeedModuleCtx): Promise<void> {}

import type { SeedModuleCtx } from './types.js';

/** Demo-workspace content of the assistant module (runs after the core demo is inserted). */
export async function seedAssistant(_s: SeedModuleCtx): Promise<void> {}

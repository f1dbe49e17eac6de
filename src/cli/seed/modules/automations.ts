import type { SeedModuleCtx } from './types.js';

/** Demo-workspace content of the automations module (runs after the core demo is inserted). */
export async function seedAutomations(_s: SeedModuleCtx): Promise<void> {}

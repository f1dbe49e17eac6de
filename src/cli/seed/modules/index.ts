import type { SeedModuleCtx } from './types.js';
import { seedChannels } from './channels.js';
import { seedChat } from './chat.js';
import { seedSla } from './sla.js';
import { seedRouting } from './routing.js';
import { seedSops } from './sops.js';
import { seedAutomations } from './automations.js';
import { seedKb } from './kb.js';
import { seedAssistant } from './assistant.js';
import { seedCompliance } from './compliance.js';
import { seedAnalytics } from './analytics.js';

export type { SeedModuleCtx } from './types.js';

/** Module demo content, in dependency order (calendars and SLAs before SOPs, KB before the assistant). */
export const SEED_MODULES: Array<(s: SeedModuleCtx) => Promise<void>> = [
  seedSla,
  seedRouting,
  seedChannels,
  seedChat,
  seedKb,
  seedSops,
  seedAutomations,
  seedAssistant,
  seedCompliance,
  seedAnalytics,
];

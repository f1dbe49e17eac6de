import type { WebModule } from './web-module.js';
import { channelsModule } from '../features/channels/module.js';
import { chatModule } from '../features/chat/module.js';
import { slaModule } from '../features/sla/module.js';
import { routingModule } from '../features/routing/module.js';
import { sopsModule } from '../features/sops/module.js';
import { automationsModule } from '../features/automations/module.js';
import { kbModule } from '../features/kb/module.js';
import { assistantModule } from '../features/assistant/module.js';
import { complianceModule } from '../features/compliance/module.js';
import { analyticsModule } from '../features/analytics/module.js';

/** The capability modules' contributions, in display order. */
export const WEB_MODULES: WebModule[] = [
  channelsModule,
  chatModule,
  slaModule,
  routingModule,
  sopsModule,
  automationsModule,
  kbModule,
  assistantModule,
  complianceModule,
  analyticsModule,
];

import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from './deps.js';
import { registerChannelsRoutes } from './routes/channels.js';
import { registerChatRoutes } from './routes/chat.js';
import { registerSlaRoutes } from './routes/sla.js';
import { registerRoutingRoutes } from './routes/routing.js';
import { registerSopsRoutes } from './routes/sops.js';
import { registerAutomationsRoutes } from './routes/automations.js';
import { registerKbRoutes } from './routes/kb.js';
import { registerAssistantRoutes } from './routes/assistant.js';
import { registerComplianceRoutes } from './routes/compliance.js';
import { registerAnalyticsRoutes } from './routes/analytics.js';

/** Route registrations of the capability modules, in order. Each module owns its file in routes/. */
export const MODULE_ROUTES: Array<(app: FastifyInstance, deps: ServerDeps) => void | Promise<void>> = [
  registerChannelsRoutes,
  registerChatRoutes,
  registerSlaRoutes,
  registerRoutingRoutes,
  registerSopsRoutes,
  registerAutomationsRoutes,
  registerKbRoutes,
  registerAssistantRoutes,
  registerComplianceRoutes,
  registerAnalyticsRoutes,
];

import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.js';
import { registerKbAdminRoutes } from './kb-api-admin.js';
import { registerKbApiRoutes } from './kb-api.js';
import { registerHelpCenterRoutes } from './kb-hc.js';

/** HTTP routes of the kb module: the public Help Center (/hc/…) and the API (/api/v1/kb/…). */
export function registerKbRoutes(app: FastifyInstance, deps: ServerDeps): void {
  registerHelpCenterRoutes(app, deps);
  registerKbApiRoutes(app, deps);
  registerKbAdminRoutes(app, deps);
}

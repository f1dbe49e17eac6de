import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.js';

/** HTTP routes of the routing module. */
export function registerRoutingRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}

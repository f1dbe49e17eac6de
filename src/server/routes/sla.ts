import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.js';

/** HTTP routes of the sla module. */
export function registerSlaRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}

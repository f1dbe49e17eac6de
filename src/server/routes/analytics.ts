import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.js';

/** HTTP routes of the analytics module. */
export function registerAnalyticsRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}

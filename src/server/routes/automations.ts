import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.js';

/** HTTP routes of the automations module. */
export function registerAutomationsRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}

import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.js';

/** HTTP routes of the assistant module. */
export function registerAssistantRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}

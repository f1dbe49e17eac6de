import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.js';

/** HTTP routes of the kb module. */
export function registerKbRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}

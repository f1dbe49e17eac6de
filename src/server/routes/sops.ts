import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.js';

/** HTTP routes of the sops module. */
export function registerSopsRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}

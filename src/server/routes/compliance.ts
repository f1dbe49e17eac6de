import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.js';

/** HTTP routes of the compliance module. */
export function registerComplianceRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}

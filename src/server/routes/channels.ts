import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.js';

/** HTTP routes of the channels module. */
export function registerChannelsRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}

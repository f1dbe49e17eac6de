import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.js';

/** HTTP routes of the chat module. */
export function registerChatRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}

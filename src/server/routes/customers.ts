import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.js';

/** Customers and organisations: see docs/domain/customers.md. */
export function registerCustomerRoutes(_app: FastifyInstance, _deps: ServerDeps): void {}

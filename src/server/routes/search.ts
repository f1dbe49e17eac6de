import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchTickets } from '../../domain/tickets/index.js';
import { ZProblem, list } from '../../shared/contracts/common.js';
import { ZSearchHit } from '../../shared/contracts/tickets.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';

export function registerSearchRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/search', {
    schema: {
      tags: ['Search'],
      summary: 'Full-text search over ticket subjects and messages (web-search syntax: "phrase", -exclude, or)',
      querystring: z.strictObject({ q: z.string().max(500), limit: z.coerce.number().int().min(1).max(100).optional() }),
      response: { 200: list(ZSearchHit), 400: ZProblem, 401: ZProblem, 422: ZProblem },
    },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => searchTickets(ctx, req.query.q, req.query.limit))) }) as never);
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSavedView, deleteSavedView, listSavedViews } from '../../domain/views/index.js';
import { ZId, ZIso, ZProblem, list } from '../../shared/contracts/common.js';
import { ZTicketQuery } from '../../shared/contracts/tickets.js';
import { inTx, type ServerDeps } from '../deps.js';
import { idempotent } from '../idempotency.js';
import { toWire } from '../present.js';

const ZView = z.object({ id: z.string(), name: z.string(), filters: z.record(z.string(), z.string()), created_at: ZIso }).meta({ id: 'SavedView' });
// Filters are the ticket-list query string; validated with the same schema as GET /api/v1/tickets.
const ZFilters = z.record(z.string(), z.string().max(500)).superRefine((v, ctx) => {
  const { cursor: _c, ...rest } = v;
  const r = ZTicketQuery.safeParse(rest);
  if (!r.success) for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path });
});
const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 422: ZProblem };

export function registerViewRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Saved views'];
  app.get('/api/v1/views', { schema: { tags, summary: 'Your saved ticket views', response: { 200: list(ZView), ...errors } } }, async (req) =>
    ({ data: toWire(await inTx(deps, req, (ctx) => listSavedViews(ctx))) }) as never);
  app.post('/api/v1/views', {
    schema: { tags, summary: 'Save a ticket filter as a view', body: z.strictObject({ name: z.string().trim().min(1).max(100), filters: ZFilters }), response: { 201: ZView, ...errors } },
  }, (req, reply) => idempotent(deps, req, reply, async (ctx) => ({ status: 201, body: toWire(await createSavedView(ctx, req.body)) })) as never);
  app.delete('/api/v1/views/:id', { schema: { tags, summary: 'Delete a saved view', params: z.object({ id: ZId }), response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await inTx(deps, req, (ctx) => deleteSavedView(ctx, req.params.id));
    return reply.code(204).send(null);
  });
}

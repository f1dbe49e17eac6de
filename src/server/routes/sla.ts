import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  backfillSlas, createSlaPolicy, deleteSlaPolicy, getSlaPolicy, getVisibleSlaBadges, getTicketSla, listSlaPolicies, reorderSlaPolicies, updateSlaPolicy,
} from '../../domain/sla/index.js';
import { ZId, ZProblem, csv, list } from '../../shared/contracts/common.js';
import { ZCreateSlaPolicy, ZReorderSlaPolicies, ZSlaBadge, ZSlaPolicy, ZTicketSla, ZUpdateSlaPolicy } from '../../shared/contracts/sla.js';
import { inTx, type ServerDeps } from '../deps.js';
import { idempotent } from '../idempotency.js';
import { toWire } from '../present.js';
import { registerCalendarRoutes } from './sla-calendars.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 412: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });

/** HTTP routes of the sla module. */
export function registerSlaRoutes(root: FastifyInstance, deps: ServerDeps): void {
  registerCalendarRoutes(root, deps);
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['SLA'];

  app.get('/api/v1/sla/policies', { schema: { tags, summary: 'List SLA policies in evaluation order', response: { 200: list(ZSlaPolicy), ...errors } } }, async (req) =>
    ({ data: toWire(await inTx(deps, req, (ctx) => listSlaPolicies(ctx))) }) as never);

  app.post('/api/v1/sla/policies', {
    schema: { tags, summary: 'Create an SLA policy', body: ZCreateSlaPolicy, response: { 201: ZSlaPolicy, ...errors } },
  }, (req, reply) => idempotent(deps, req, reply, async (ctx) => ({ status: 201, body: toWire(await createSlaPolicy(ctx, req.body)) })) as never);

  app.post('/api/v1/sla/policies/reorder', {
    schema: { tags, summary: 'Set the evaluation order (every policy id once)', body: ZReorderSlaPolicies, response: { 200: list(ZSlaPolicy), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => reorderSlaPolicies(ctx, req.body.ids))) }) as never);

  app.get('/api/v1/sla/policies/:id', { schema: { tags, summary: 'Get an SLA policy', params: Params, response: { 200: ZSlaPolicy, ...errors } } }, async (req) =>
    toWire(await inTx(deps, req, (ctx) => getSlaPolicy(ctx, req.params.id))) as never);

  app.patch('/api/v1/sla/policies/:id', {
    schema: { tags, summary: 'Update an SLA policy (version goes up; tickets re-evaluate on their next change)', params: Params, body: ZUpdateSlaPolicy, response: { 200: ZSlaPolicy, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => updateSlaPolicy(ctx, req.params.id, req.body))) as never);

  app.delete('/api/v1/sla/policies/:id', { schema: { tags, summary: 'Delete an SLA policy', params: Params, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await inTx(deps, req, (ctx) => deleteSlaPolicy(ctx, req.params.id));
    return reply.code(204).send(null);
  });

  app.post('/api/v1/sla/backfill', {
    schema: {
      tags, summary: 'Apply the policies to open tickets without an SLA (clocks from creation), newest first',
      body: z.object({ limit: z.number().int().min(1).max(100_000).optional() }).strict(), response: { 200: z.object({ applied: z.number() }), ...errors },
    },
  }, async (req) => ({ applied: await inTx(deps, req, (ctx) => backfillSlas(ctx, { limit: req.body.limit })) }));

  app.get('/api/v1/tickets/:id/sla', {
    schema: { tags, summary: "A ticket's applied SLA: targets with business time left, and the policy history", params: Params, response: { 200: ZTicketSla, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => getTicketSla(ctx, req.params.id))) as never);

  app.get('/api/v1/sla/badges', {
    schema: {
      tags, summary: 'SLA badges (next live target, time left) of up to 100 tickets you can see',
      querystring: z.object({ ticket_ids: csv(ZId).pipe(z.array(ZId).min(1).max(100)) }),
      response: { 200: z.object({ data: z.record(z.string(), ZSlaBadge) }), ...errors },
    },
  }, async (req) =>
    inTx(deps, req, async (ctx) => ({ data: Object.fromEntries(await getVisibleSlaBadges(ctx, req.query.ticket_ids)) })) as never);
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customerActivity, dismissMergeSuggestion, splitMessage, suggestMerges } from '../../domain/channels/index.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import { ZCustomerActivity, ZMergeSuggestion, ZSplitMessage } from '../../shared/contracts/channels.js';
import { ZTicket } from '../../shared/contracts/tickets.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';
import { presentTicket } from '../presenters.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });

/** One customer case across channels: their other conversations, merge suggestions, split. */
export function registerCaseRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Tickets'];

  app.get('/api/v1/tickets/:id/customer_activity', {
    schema: { tags, summary: "The requester's other conversations on every channel", params: Params, response: { 200: ZCustomerActivity, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => customerActivity(ctx, req.params.id))) as never);

  app.get('/api/v1/tickets/:id/merge_suggestions', {
    schema: { tags, summary: 'Tickets of the same customer about the same thing within the merge window, each with why', params: Params, response: { 200: list(ZMergeSuggestion), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => suggestMerges(ctx, req.params.id))) }) as never);

  app.post('/api/v1/tickets/:id/merge_suggestions/:other_id/dismiss', {
    schema: { tags, summary: 'Stop suggesting this pair', params: z.object({ id: ZId, other_id: ZId }), response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await inTx(deps, req, (ctx) => dismissMergeSuggestion(ctx, req.params.id, req.params.other_id));
    return reply.code(204).send(null);
  });

  app.post('/api/v1/tickets/:id/messages/:message_id/split', {
    schema: { tags, summary: 'Split a customer message out into a new ticket (reason recorded on both)', params: z.object({ id: ZId, message_id: ZId }), body: ZSplitMessage, response: { 201: ZTicket, ...errors } },
  }, async (req, reply) => {
    const out = await inTx(deps, req, (ctx) => splitMessage(ctx, req.params.id, req.params.message_id, req.body));
    reply.code(201);
    return presentTicket(out.ticket) as never;
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closeEscalation, escalateTicket, listEscalationTargets, listEscalations, setEscalationTarget } from '../../domain/escalations/index.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import { ZCloseEscalation, ZEscalate, ZEscalation, ZEscalationQuery, ZEscalationTarget, ZSetEscalationTarget } from '../../shared/contracts/routing.js';
import { inTx, type ServerDeps } from '../deps.js';
import { idempotent } from '../idempotency.js';
import { toWire } from '../present.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });

/** Cross-functional escalation routes (part of the routing module). */
export function registerEscalationRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Escalations'];

  app.get('/api/v1/escalation_targets', {
    schema: { tags, summary: 'Teams one can escalate to, with their required fields and targets', response: { 200: list(ZEscalationTarget), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listEscalationTargets(ctx))) }) as never);

  app.put('/api/v1/escalation_targets/:id', {
    schema: { tags, summary: 'Make a team (id) an escalation target: kind, required fields, own response/resolution targets', params: Params, body: ZSetEscalationTarget, response: { 200: ZEscalationTarget, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, async (ctx) => {
    await setEscalationTarget(ctx, req.params.id, req.body);
    return (await listEscalationTargets(ctx)).find((x) => x.team_id === req.params.id);
  })) as never);

  app.get('/api/v1/escalations', {
    schema: { tags, summary: 'Escalations on tickets you can see (collaborators: only shared cases)', querystring: ZEscalationQuery, response: { 200: list(ZEscalation), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listEscalations(ctx, req.query))) }) as never);

  app.post('/api/v1/tickets/:id/escalations', {
    schema: { tags, summary: 'Escalate a ticket to another team (the owner keeps it)', params: Params, body: ZEscalate, response: { 201: ZEscalation, ...errors } },
  }, (req, reply) => idempotent(deps, req, reply, async (ctx) => ({ status: 201, body: toWire(await escalateTicket(ctx, req.params.id, req.body)) })) as never);

  app.post('/api/v1/escalations/:id/close', {
    schema: { tags, summary: 'Resolve or cancel an escalation', params: Params, body: ZCloseEscalation, response: { 200: ZEscalation, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => closeEscalation(ctx, req.params.id, req.body.outcome, req.body.note))) as never);
}

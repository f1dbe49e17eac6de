import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actOnSopStep, getTicketSopRuns, listHttpActions, saveHttpAction, startSopRun } from '../../domain/sops/index.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import { ZHttpAction, ZHttpActionInput, ZSopRun, ZStepAction, ZTicketSopRun } from '../../shared/contracts/sops.js';
import { inTx, type ServerDeps } from '../deps.js';
import { idempotent } from '../idempotency.js';
import { toWire } from '../present.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });

/** SOP runs on tickets (guided execution) and the configured HTTP actions. */
export function registerSopRunRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['SOPs'];
  const w = <T>(v: T) => toWire(v) as never;

  app.get('/api/v1/tickets/:id/sop_runs', {
    schema: { tags, summary: 'The SOP runs of a ticket, with the definition each follows', params: Params, response: { 200: list(ZTicketSopRun), ...errors } },
  }, async (req) => ({ data: w(await inTx(deps, req, (ctx) => getTicketSopRuns(ctx, req.params.id))) }));

  app.post('/api/v1/tickets/:id/sop_runs', {
    schema: { tags, summary: 'Start the SOP that applies to this ticket (idempotent; null when none applies)', params: Params, response: { 200: ZSopRun.nullable(), ...errors } },
  }, async (req) => w(await inTx(deps, req, (ctx) => startSopRun(ctx, req.params.id))));

  app.post('/api/v1/sop_runs/:id/actions', {
    schema: { tags, summary: 'Complete, skip (reason), override (supervisors, reason) the current step, or retry a failed one', params: Params, body: ZStepAction, response: { 200: ZSopRun, ...errors } },
  }, (req, reply) => idempotent(deps, req, reply, async (ctx) => ({ status: 200, body: w(await actOnSopStep(ctx, req.params.id, req.body)) })) as never);

  app.get('/api/v1/sop_http_actions', { schema: { tags, summary: 'Configured HTTP actions (secrets are never returned)', response: { 200: list(ZHttpAction), ...errors } } },
    async (req) => ({ data: await inTx(deps, req, (ctx) => listHttpActions(ctx)) }));

  app.put('/api/v1/sop_http_actions/:key', {
    schema: { tags, summary: 'Create or replace an HTTP action by key', params: z.object({ key: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/) }), body: ZHttpActionInput, response: { 200: ZHttpAction, ...errors } },
  }, async (req) => inTx(deps, req, (ctx) => saveHttpAction(ctx, { key: req.params.key, ...req.body })));
}

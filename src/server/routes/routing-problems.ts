import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applyTrackerWebhook, createProblem, createTrackerIntegration, getProblem, linkTickets, linkTracker, listProblems, listTrackerIntegrations,
  postProblemUpdate, problemOfTicket, solveProblem, unlinkTicket,
} from '../../domain/problems/index.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import {
  ZCreateProblem, ZCreateTracker, ZFanOut, ZLinkTickets, ZLinkTracker, ZProblemDetail, ZProblemMessage, ZProblemRecord, ZSolveProblem, ZTrackerIntegration,
  ZTrackerLink,
} from '../../shared/contracts/routing.js';
import { inTx, type ServerDeps } from '../deps.js';
import { idempotent } from '../idempotency.js';
import { toWire } from '../present.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });
export const TRACKER_WEBHOOK_PATH = '/webhooks/trackers/:id';

/** Problems / incidents, tracker integrations, and the tracker webhook (part of the routing module). */
export function registerProblemRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Problems'];

  app.get('/api/v1/problems', {
    schema: { tags, summary: 'Problems / incidents', querystring: z.object({ status: z.enum(['open', 'solved']).optional() }), response: { 200: list(ZProblemRecord), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listProblems(ctx, req.query))) }) as never);

  app.post('/api/v1/problems', {
    schema: { tags, summary: 'Open a problem (optionally linking tickets)', body: ZCreateProblem, response: { 201: ZProblemDetail, ...errors } },
  }, (req, reply) => idempotent(deps, req, reply, async (ctx) => {
    const p = await createProblem(ctx, req.body);
    return { status: 201, body: toWire(await getProblem(ctx, p.id)) };
  }) as never);

  app.get('/api/v1/problems/:id', {
    schema: { tags, summary: 'A problem with its linked tickets and tracker links', params: Params, response: { 200: ZProblemDetail, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => getProblem(ctx, req.params.id))) as never);

  app.post('/api/v1/problems/:id/tickets', {
    schema: { tags, summary: 'Link tickets to the problem', params: Params, body: ZLinkTickets, response: { 200: ZProblemDetail, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, async (ctx) => {
    await linkTickets(ctx, req.params.id, req.body.ticket_ids);
    return getProblem(ctx, req.params.id);
  })) as never);

  app.delete('/api/v1/problems/:id/tickets/:ticket_id', {
    schema: { tags, summary: 'Unlink a ticket', params: z.object({ id: ZId, ticket_id: ZId }), response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await inTx(deps, req, (ctx) => unlinkTicket(ctx, req.params.id, req.params.ticket_id));
    return reply.code(204).send(null);
  });

  app.post('/api/v1/problems/:id/updates', {
    schema: { tags, summary: 'Post an update to every linked customer (a public reply on each open linked ticket)', params: Params, body: ZProblemMessage, response: { 200: ZFanOut, ...errors } },
  }, (req, reply) => idempotent(deps, req, reply, async (ctx) => ({ status: 200, body: toWire(await postProblemUpdate(ctx, req.params.id, req.body)) })) as never);

  app.post('/api/v1/problems/:id/solve', {
    schema: { tags, summary: 'Solve the problem and, with one message, every linked open ticket', params: Params, body: ZSolveProblem, response: { 200: ZFanOut, ...errors } },
  }, (req, reply) => idempotent(deps, req, reply, async (ctx) => ({ status: 200, body: toWire(await solveProblem(ctx, req.params.id, req.body)) })) as never);

  app.get('/api/v1/tickets/:id/problem', {
    schema: { tags, summary: 'The problem a ticket is linked to (null when none)', params: Params, response: { 200: ZProblemRecord.nullable(), ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => problemOfTicket(ctx, req.params.id))) as never);

  app.post('/api/v1/problems/:id/trackers', {
    schema: { tags, summary: 'Link the problem to an external tracker issue (URL + key + status)', params: Params, body: ZLinkTracker, response: { 201: ZTrackerLink, ...errors } },
  }, async (req, reply) => {
    const link = await inTx(deps, req, (ctx) => linkTracker(ctx, req.params.id, req.body));
    return reply.code(201).send(toWire(link) as never);
  });

  app.get('/api/v1/tracker_integrations', {
    schema: { tags, summary: 'External tracker integrations (secrets are never shown again)', response: { 200: list(ZTrackerIntegration), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listTrackerIntegrations(ctx))) }) as never);

  app.post('/api/v1/tracker_integrations', {
    schema: { tags, summary: 'Register a tracker; the HMAC secret is in this response only', body: ZCreateTracker, response: { 201: ZTrackerIntegration, ...errors } },
  }, async (req, reply) => {
    const row = await inTx(deps, req, (ctx) => createTrackerIntegration(ctx, req.body));
    return reply.code(201).send(toWire({ ...row, webhook_url: TRACKER_WEBHOOK_PATH.replace(':id', row.id) }) as never);
  });

  // The webhook is authenticated by its HMAC signature, not a session or token: it lives outside /api/v1
  // (no bearer auth there) and reads the raw body (the signature covers the exact bytes).
  void root.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.post(TRACKER_WEBHOOK_PATH, { schema: { hide: true } }, async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const header = (h: string) => (typeof req.headers[h] === 'string' ? (req.headers[h] as string) : undefined);
      const out = await applyTrackerWebhook(deps.db, deps.clock, {
        integrationId: id, signature: header('x-switchboard-signature'), deliveryId: header('x-switchboard-delivery'), rawBody: String(req.body ?? ''),
      });
      return reply.code(200).send(out);
    });
  });
}

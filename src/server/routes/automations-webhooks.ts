import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createWebhook, deleteWebhook, getWebhook, listWebhookDeliveries, listWebhooks, replayWebhookDelivery, updateWebhook } from '../../domain/automations/index.js';
import { ZWebhook, ZWebhookDelivery, ZWebhookInput } from '../../shared/contracts/automations.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import { EVENT_NAMES } from '../../shared/events.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const ZIdParams = z.object({ id: ZId });

/** Outbound webhooks (Standard Webhooks signatures), their delivery log, dead letters and replay. */
export function registerWebhookRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const a = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Webhooks'];
  a.get('/api/v1/events/names', { schema: { tags, summary: 'Every event name a webhook can subscribe to', response: { 200: z.object({ data: z.array(z.string()) }) } } },
    async () => ({ data: [...EVENT_NAMES] }));
  a.get('/api/v1/webhooks', { schema: { tags, summary: 'Webhook endpoints', response: { 200: list(ZWebhook), ...errors } } },
    async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listWebhooks(ctx))) }) as never);
  a.post('/api/v1/webhooks', { schema: { tags, summary: 'Create an endpoint (the signing secret is returned once)', body: ZWebhookInput, response: { 201: ZWebhook, ...errors } } },
    async (req, reply) => reply.code(201).send(toWire(await inTx(deps, req, (ctx) => createWebhook(ctx, req.body))) as never));
  a.get('/api/v1/webhooks/:id', { schema: { tags, summary: 'One endpoint', params: ZIdParams, response: { 200: ZWebhook, ...errors } } },
    async (req) => toWire(await inTx(deps, req, (ctx) => getWebhook(ctx, req.params.id))) as never);
  a.patch('/api/v1/webhooks/:id', {
    schema: { tags, summary: 'Change an endpoint; rotate_secret: true returns a new secret', params: ZIdParams, body: ZWebhookInput.partial().extend({ rotate_secret: z.boolean().optional() }), response: { 200: ZWebhook, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => updateWebhook(ctx, req.params.id, req.body))) as never);
  a.delete('/api/v1/webhooks/:id', { schema: { tags, summary: 'Delete an endpoint and its log', params: ZIdParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await inTx(deps, req, (ctx) => deleteWebhook(ctx, req.params.id));
    return reply.code(204).send(null);
  });
  a.get('/api/v1/webhooks/:id/deliveries', {
    schema: {
      tags, summary: 'Delivery log, newest first (status=dead: the dead-letter list)', params: ZIdParams,
      querystring: z.object({ status: z.enum(['pending', 'succeeded', 'dead']).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
      response: { 200: list(ZWebhookDelivery), ...errors },
    },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listWebhookDeliveries(ctx, req.params.id, req.query))) }) as never);
  a.post('/api/v1/webhooks/:id/deliveries/:deliveryId/replay', {
    schema: { tags, summary: 'Send a dead (or delivered) message again', params: z.object({ id: ZId, deliveryId: ZId }), response: { 200: ZWebhookDelivery, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => replayWebhookDelivery(ctx, req.params.id, req.params.deliveryId))) as never);
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  customerNotices, deliverBreachNotices, listBatches, listBreaches, listBreachTemplates, loadBatch, loadBreach, recordBreach, reviewBreachTemplate,
  saveBreachTemplate, sendBreachNotices, type ComplianceMailSender,
} from '../../domain/compliance/index.js';
import { ZId, ZProblem } from '../../shared/contracts/common.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });
const ZBreachInput = z.strictObject({
  title: z.string().min(1).max(300), description: z.string().min(1).max(10_000), aware_at: z.string().max(40), occurred_at: z.string().max(40).nullable().optional(),
  data_categories: z.array(z.string().max(80)).max(50).optional(), approx_subjects: z.number().int().min(0).nullable().optional(),
  risk: z.enum(['unlikely', 'risk', 'high']), consequences: z.string().max(5000).optional(), measures: z.string().max(5000).optional(),
});
const ZBreach = z.object({
  id: z.string(), case_id: z.string().nullable(), title: z.string(), description: z.string(), aware_at: z.string(), occurred_at: z.string().nullable(),
  data_categories: z.array(z.string()), approx_subjects: z.number().nullable(), risk: z.string(), consequences: z.string(), measures: z.string(),
  sa_notification_required: z.boolean(), created_at: z.string(),
});
const ZTemplate = z.object({
  id: z.string(), breach_id: z.string(), language: z.string(), subject: z.string(), body: z.string(), status: z.string(),
  written_by: z.string().nullable(), reviewed_by: z.string().nullable(), reviewed_at: z.string().nullable(), updated_at: z.string(),
});
const ZBatchBase = {
  id: z.string(), breach_id: z.string(), template_id: z.string(), channels: z.array(z.string()), recipients: z.number(), sent: z.number(), failed: z.number(),
  created_at: z.string(), finished_at: z.string().nullable(),
};
const ZBatch = z.object({ ...ZBatchBase, by_status: z.record(z.string(), z.number()) });

/** Art. 33(5) register and Art. 34 notices to data subjects (reviewed template, batch log, e-mail + in-app). */
export function registerComplianceBreachRoutes(root: FastifyInstance, deps: ServerDeps, mailSender: (d: ServerDeps) => ComplianceMailSender | null): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Compliance: breaches'];

  app.post('/api/v1/compliance/breaches', {
    schema: { tags, summary: 'Record a breach (every breach, Art. 33(5)); unless unlikely to cause a risk it opens the 72 h SA clock', body: ZBreachInput, response: { 201: ZBreach, ...errors } },
  }, async (req, reply) => {
    const b = await inTx(deps, req, (ctx) => recordBreach(ctx, req.body));
    reply.code(201);
    return toWire(b) as never;
  });

  app.get('/api/v1/compliance/breaches', {
    schema: { tags, summary: 'The breach register', response: { 200: z.object({ data: z.array(ZBreach) }), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listBreaches(ctx))) as never }));

  app.get('/api/v1/compliance/breaches/:id', {
    schema: { tags, summary: 'One breach with its notice templates and batches', params: Params, response: { 200: ZBreach.extend({ templates: z.array(ZTemplate), batches: z.array(z.object(ZBatchBase)) }), ...errors } },
  }, async (req) => toWire(await inTx(deps, req, async (ctx) => ({
    ...(await loadBreach(ctx, req.params.id)), templates: await listBreachTemplates(ctx, req.params.id), batches: await listBatches(ctx, req.params.id),
  }))) as never);

  app.put('/api/v1/compliance/breaches/:id/templates/:language', {
    schema: {
      tags, summary: 'Write the data-subject notice in one language ({{name}} = the person’s name); any change needs a new review',
      params: z.object({ id: ZId, language: z.string().max(5) }), body: z.strictObject({ subject: z.string().min(1).max(300), body: z.string().min(1).max(20_000) }),
      response: { 200: ZTemplate, ...errors },
    },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => saveBreachTemplate(ctx, req.params.id, { language: req.params.language, ...req.body }))) as never);

  app.post('/api/v1/compliance/breach-templates/:id/review', {
    schema: { tags, summary: 'Mark a notice template as reviewed (required before sending)', params: Params, response: { 200: ZTemplate, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => reviewBreachTemplate(ctx, req.params.id))) as never);

  app.post('/api/v1/compliance/breaches/:id/notices', {
    schema: {
      tags, summary: 'Notify the affected customers in one batch (reviewed template; e-mail through the outbound relay and in-app)',
      params: Params, body: z.strictObject({ template_id: z.string().max(64), customer_ids: z.array(z.string().max(64)).min(1).max(10_000), channels: z.array(z.enum(['email', 'in_app'])).min(1).optional() }),
      response: { 201: ZBatch, ...errors },
    },
  }, async (req, reply) => {
    const batch = await inTx(deps, req, (ctx) => sendBreachNotices(ctx, req.params.id, req.body));
    const send = mailSender(deps);
    if (send) await deliverBreachNotices(deps.db, deps.clock, send).catch((e: unknown) => req.log.error({ err: e }, 'breach notices not sent'));
    reply.code(201);
    return toWire(await inTx(deps, req, (ctx) => loadBatch(ctx, batch.id))) as never;
  });

  app.get('/api/v1/compliance/breach-batches/:id', {
    schema: { tags, summary: 'The log of one notice batch (counts per channel and status)', params: Params, response: { 200: ZBatch, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => loadBatch(ctx, req.params.id))) as never);

  app.get('/api/v1/compliance/customers/:id/notices', {
    schema: {
      tags, summary: 'In-app breach notices of a customer (what their app shows)', params: Params,
      response: { 200: z.object({ data: z.array(z.object({ id: z.string(), breach_id: z.string(), channel: z.string(), subject: z.string(), body: z.string(), status: z.string(), sent_at: z.string().nullable(), read_at: z.string().nullable() })) }), ...errors },
    },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => customerNotices(ctx, req.params.id))) as never }));
}

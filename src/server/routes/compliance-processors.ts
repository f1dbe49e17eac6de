import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checkOutboundTransfer, deliverRecipientNotifications, getProcessor, listProcessors, listRecipientNotifications, notifyRecipients, saveProcessor,
  setAgentLocation, setProcessorPolicy, setStoreLocation, transferMap, type ComplianceMailSender,
} from '../../domain/compliance/index.js';
import { authorize } from '../../domain/kernel/index.js';
import { sendMail } from '../../platform/mail/smtp-outbound.js';
import { ZId, ZProblem } from '../../shared/contracts/common.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';
import { registerComplianceBreachRoutes } from './compliance-processors-breaches.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });
const ZSub = z.strictObject({ name: z.string().min(1).max(200), region: z.string().max(8), purpose: z.string().max(500).optional() });
const ZProcessorInput = z.strictObject({
  name: z.string().min(1).max(200), purpose: z.string().min(1).max(1000), data_categories: z.array(z.string().max(80)).max(50).optional(),
  region: z.string().max(8), transfer_mechanism: z.enum(['none', 'adequacy', 'dpf', 'scc', 'bcr', 'derogation']).optional(),
  dpa_signed: z.boolean().optional(), subproc_authorised: z.boolean().optional(), sub_processors: z.array(ZSub).max(100).optional(),
  endpoints: z.array(z.string().max(253)).max(50).optional(), is_recipient: z.boolean().optional(), notify_email: z.string().max(320).nullable().optional(),
});
const ZProcessor = z.object({
  id: z.string(), name: z.string(), purpose: z.string(), data_categories: z.array(z.string()), region: z.string(), transfer_mechanism: z.string(),
  dpa_signed: z.boolean(), subproc_authorised: z.boolean(), sub_processors: z.array(z.object({ name: z.string(), region: z.string(), purpose: z.string() })),
  endpoints: z.array(z.string()), is_recipient: z.boolean(), notify_email: z.string().nullable(), created_at: z.string(), updated_at: z.string(),
});
const ZVerdict = z.object({ allowed: z.boolean(), host: z.string().nullable(), processor_id: z.string().nullable(), code: z.string().nullable(), message: z.string().nullable() });
const ZNotification = z.object({
  id: z.string(), request_id: z.string(), processor_id: z.string(), processor_name: z.string(), kind: z.string(), address: z.string().nullable(),
  status: z.string(), error: z.string().nullable(), attempts: z.number(), sent_at: z.string().nullable(), created_at: z.string(),
});
const ZEntry = z.object({
  store: z.string(), name: z.string(), region: z.string().nullable(), in_eea: z.boolean(), basis: z.string(), transfer: z.boolean(),
  safeguard: z.string().nullable(), status: z.string(),
});

/** Compliance e-mail (recipient notifications, breach notices) through SMTP_OUTBOUND_URL; null when not configured. */
export function complianceMailSender(deps: ServerDeps): ComplianceMailSender | null {
  const url = deps.config.SMTP_OUTBOUND_URL;
  if (!url) return null;
  return async (m) => {
    await sendMail(url, { from: { name: 'Switchboard', address: 'no-reply@switchboard.local' }, to: [m.to], subject: m.subject, text: m.text, messageId: m.messageId });
  };
}

/** Processor registry (Art. 28), outbound gate, recipient notifications (Art. 19), transfer map (Art. 44–49), breaches. */
export function registerComplianceProcessorRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Compliance: processors and transfers'];

  app.get('/api/v1/compliance/processors', {
    schema: { tags, summary: 'The processor registry', response: { 200: z.object({ data: z.array(ZProcessor) }), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listProcessors(ctx))) as never }));

  app.post('/api/v1/compliance/processors', {
    schema: { tags, summary: 'Register a processor (purpose, data categories, region, DPA, sub-processors, endpoints)', body: ZProcessorInput, response: { 201: ZProcessor, ...errors } },
  }, async (req, reply) => {
    const p = await inTx(deps, req, (ctx) => saveProcessor(ctx, req.body));
    reply.code(201);
    return toWire(p) as never;
  });

  app.get('/api/v1/compliance/processors/:id', {
    schema: { tags, summary: 'One processor', params: Params, response: { 200: ZProcessor, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => getProcessor(ctx, req.params.id))) as never);

  app.put('/api/v1/compliance/processors/:id', {
    schema: { tags, summary: 'Replace a processor entry (e.g. DPA signed)', params: Params, body: ZProcessorInput, response: { 200: ZProcessor, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => saveProcessor(ctx, req.body, req.params.id))) as never);

  app.put('/api/v1/compliance/processors/policy', {
    schema: { tags, summary: 'Strict mode: block integrations to hosts no processor entry covers', body: z.strictObject({ require_registered: z.boolean() }), response: { 200: z.object({ require_registered: z.boolean() }), ...errors } },
  }, (req) => inTx(deps, req, (ctx) => setProcessorPolicy(ctx, req.body)) as never);

  app.post('/api/v1/compliance/processors/check', {
    schema: { tags, summary: 'Would an integration to this URL be allowed to send personal data? (same check as webhooks and the LLM)', body: z.strictObject({ url: z.string().max(2000) }), response: { 200: ZVerdict, ...errors } },
  }, (req) => inTx(deps, req, (ctx) => {
    authorize(ctx.actor, 'compliance.manage');
    return checkOutboundTransfer(ctx.tx, ctx.actor.workspaceId, req.body.url);
  }) as never);

  app.put('/api/v1/compliance/store-locations/:store', {
    schema: { tags, summary: 'Declare where the database or the backups live', params: z.object({ store: z.enum(['database', 'backups']) }), body: z.strictObject({ region: z.string().max(8), provider: z.string().max(200).optional() }), response: { 200: z.object({ store: z.string(), region: z.string() }), ...errors } },
  }, (req) => inTx(deps, req, (ctx) => setStoreLocation(ctx, { store: req.params.store, ...req.body })) as never);

  app.put('/api/v1/compliance/agent-locations', {
    schema: { tags, summary: 'Where an agent (user_id) or sessions from an IP prefix work from (ISO country)', body: z.strictObject({ user_id: z.string().max(64).optional(), ip_prefix: z.string().max(45).optional(), country: z.string().max(2) }), response: { 200: z.object({ country: z.string() }), ...errors } },
  }, (req) => inTx(deps, req, (ctx) => setAgentLocation(ctx, req.body)) as never);

  app.get('/api/v1/compliance/transfer-map', {
    schema: { tags, summary: 'Where each store lives, by region; processors, LLM calls and remote access from outside the EEA', response: { 200: z.object({ workspace_region: z.string().nullable(), home_in_eea: z.boolean(), issues: z.number(), entries: z.array(ZEntry) }), ...errors } },
  }, async (req) => {
    const llm = deps.config.LLM_BASE_URL && deps.config.LLM_MODEL && deps.config.LLM_API_KEY ? deps.config.LLM_BASE_URL : null;
    return toWire(await inTx(deps, req, (ctx) => transferMap(ctx, { llmUrl: llm }))) as never;
  });

  app.post('/api/v1/compliance/requests/:id/recipients/notify', {
    schema: {
      tags, summary: 'Tell every recorded recipient (processor registry) about a rectification / objection / erasure / restriction; one logged notification each',
      params: Params, body: z.strictObject({ changes: z.record(z.string().max(80), z.string().max(500)).optional(), note: z.string().max(2000).optional() }),
      response: { 200: z.object({ data: z.array(ZNotification) }), ...errors },
    },
  }, async (req) => {
    await inTx(deps, req, (ctx) => notifyRecipients(ctx, req.params.id, req.body));
    const send = complianceMailSender(deps);
    if (send) await deliverRecipientNotifications(deps.db, deps.clock, send).catch((e: unknown) => req.log.error({ err: e }, 'recipient notifications not sent'));
    return { data: toWire(await inTx(deps, req, (ctx) => listRecipientNotifications(ctx, req.params.id))) as never };
  });

  app.get('/api/v1/compliance/requests/:id/recipients', {
    schema: { tags, summary: 'The recipient log of a request', params: Params, response: { 200: z.object({ data: z.array(ZNotification) }), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listRecipientNotifications(ctx, req.params.id))) as never }));

  registerComplianceBreachRoutes(root, deps, complianceMailSender);
}

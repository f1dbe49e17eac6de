import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applyMacro, createMacro, createRule, deleteMacro, deleteRule, getMacro, getRule, listMacros, listRules, PLACEHOLDERS, previewMacro,
  updateMacro, updateRule, type RuleKind,
} from '../../domain/automations/index.js';
import { CONDITION_FIELDS, CONDITION_OPS, ZMacro, ZMacroInput, ZRule, ZRuleInput } from '../../shared/contracts/automations.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';
import { registerWebhookRoutes } from './automations-webhooks.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const ZIdParams = z.object({ id: ZId });

/** Macros, event triggers, time-based automations (and, in automations-webhooks.ts, outbound webhooks). */
export function registerAutomationsRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Macros'];
  app.get('/api/v1/macros', { schema: { tags, summary: 'Shared macros and your personal ones', querystring: z.object({ active: z.enum(['true', 'false']).optional() }), response: { 200: list(ZMacro), ...errors } } },
    async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listMacros(ctx, { active: req.query.active === undefined ? undefined : req.query.active === 'true' }))) }) as never);
  app.post('/api/v1/macros', { schema: { tags, summary: 'Create a macro (personal: true for your own)', body: ZMacroInput, response: { 201: ZMacro, ...errors } } },
    async (req, reply) => reply.code(201).send(toWire(await inTx(deps, req, (ctx) => createMacro(ctx, req.body))) as never));
  app.get('/api/v1/macros/:id', { schema: { tags, summary: 'One macro', params: ZIdParams, response: { 200: ZMacro, ...errors } } },
    async (req) => toWire(await inTx(deps, req, (ctx) => getMacro(ctx, req.params.id))) as never);
  app.patch('/api/v1/macros/:id', { schema: { tags, summary: 'Change a macro', params: ZIdParams, body: ZMacroInput.partial(), response: { 200: ZMacro, ...errors } } },
    async (req) => toWire(await inTx(deps, req, (ctx) => updateMacro(ctx, req.params.id, req.body))) as never);
  app.delete('/api/v1/macros/:id', { schema: { tags, summary: 'Delete a macro', params: ZIdParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await inTx(deps, req, (ctx) => deleteMacro(ctx, req.params.id));
    return reply.code(204).send(null);
  });
  const ZTicketMacro = z.object({ id: ZId, macroId: ZId });
  const ZPreview = z.object({ macro_id: z.string(), language: z.string().nullable(), reply: z.object({ body: z.string(), public: z.boolean() }).nullable(), changes: z.record(z.string(), z.unknown()) });
  app.get('/api/v1/tickets/:id/macros/:macroId/preview', { schema: { tags, summary: 'What a macro would do on this ticket', params: ZTicketMacro, response: { 200: ZPreview, ...errors } } },
    async (req) => toWire(await inTx(deps, req, (ctx) => previewMacro(ctx, req.params.macroId, req.params.id))) as never);
  app.post('/api/v1/tickets/:id/macros/:macroId/apply', {
    schema: {
      tags, summary: 'Apply a macro: its reply (optionally edited) and field changes, in one transaction', params: ZTicketMacro,
      body: z.strictObject({ body: z.string().max(20_000).optional(), expected_version: z.number().int().optional() }).default({}),
      response: { 200: z.object({ ticket: z.record(z.string(), z.unknown()), message_id: z.string().nullable() }), ...errors },
    },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => applyMacro(ctx, req.params.macroId, req.params.id, req.body))) as never);

  app.get('/api/v1/automation_schema', {
    schema: { tags: ['Triggers and automations'], summary: 'Condition fields, operators and reply placeholders', response: { 200: z.object({ fields: z.array(z.string()), ops: z.array(z.string()), placeholders: z.array(z.string()) }) } },
  }, async () => ({ fields: [...CONDITION_FIELDS, 'custom_fields.<key>'], ops: [...CONDITION_OPS], placeholders: [...PLACEHOLDERS] }));

  for (const [kind, base, label] of [['trigger', '/api/v1/triggers', 'trigger'], ['automation', '/api/v1/automations', 'time-based automation']] as Array<[RuleKind, string, string]>) {
    const rtags = ['Triggers and automations'];
    app.get(base, { schema: { tags: rtags, summary: `Every ${label}, in run order`, response: { 200: list(ZRule), ...errors } } },
      async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listRules(ctx, kind))) }) as never);
    app.post(base, { schema: { tags: rtags, summary: `Create a ${label}`, body: ZRuleInput, response: { 201: ZRule, ...errors } } },
      async (req, reply) => reply.code(201).send(toWire(await inTx(deps, req, (ctx) => createRule(ctx, kind, req.body))) as never));
    app.get(`${base}/:id`, { schema: { tags: rtags, summary: `One ${label}`, params: ZIdParams, response: { 200: ZRule, ...errors } } },
      async (req) => toWire(await inTx(deps, req, (ctx) => getRule(ctx, kind, req.params.id))) as never);
    app.patch(`${base}/:id`, { schema: { tags: rtags, summary: `Change a ${label}`, params: ZIdParams, body: ZRuleInput.partial(), response: { 200: ZRule, ...errors } } },
      async (req) => toWire(await inTx(deps, req, (ctx) => updateRule(ctx, kind, req.params.id, req.body))) as never);
    app.delete(`${base}/:id`, { schema: { tags: rtags, summary: `Delete a ${label}`, params: ZIdParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      await inTx(deps, req, (ctx) => deleteRule(ctx, kind, req.params.id));
      return reply.code(204).send(null);
    });
  }
  registerWebhookRoutes(root, deps);
}

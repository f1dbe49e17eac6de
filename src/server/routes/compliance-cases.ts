import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  caseTimeline, COUNTRY_HOLIDAYS, extendCase, listCases, listRules, loadCase, loadHolidayOverrides, openCase, pauseCase, publishRule, recordHoldingReply,
  respondCase, resumeCase, setHolidayOverride, SUPPORTED_COUNTRIES, type ComplianceCase,
} from '../../domain/compliance/index.js';
import { authorize, type Ctx } from '../../domain/kernel/index.js';
import { AppError } from '../../platform/errors.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import { ZHolidayOverride, ZOpenCase, ZPublishRule, ZReason, ZRespondCase } from '../../shared/contracts/compliance.js';
import { ZCaseFilter, ZCaseWithDetails } from '../../shared/contracts/compliance-psd2-dsa.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });

export function presentCase(c: ComplianceCase, now: Date): Record<string, unknown> {
  const open = c.status === 'open' || c.status === 'paused';
  return toWire({
    id: c.id, type: c.type, ticket_id: c.ticket_id, customer_id: c.customer_id, country: c.country, channel: c.channel,
    rule_key: c.rule_key, rule_version: c.rule_version, regime: c.rule.regime, rule_label: c.rule.label,
    received_at: c.received_at, start_at: c.start_at, original_due_at: c.original_due_at, due_at: c.due_at, due_date: c.due_date, warn_at: c.warn_at,
    clocks: c.clocks, extension_allowed: open && !!c.rule.extension && !c.extended_at && now < c.original_due_at,
    holding_reply_allowed: open && !!c.rule.holding_reply && !c.holding_reply_at && now < c.original_due_at,
    pause_allowed: open && !!c.rule.pause_allowed,
    extended_at: c.extended_at, extension_reason: c.extension_reason, holding_reply_at: c.holding_reply_at, holding_reason: c.holding_reason,
    paused_days: c.paused_days, status: c.status, responded_at: c.responded_at, responder_type: c.responder_type, responder_id: c.responder_id,
    outcome: c.outcome, reason_code: c.reason_code, due_soon: open && c.warn_at <= now, overdue: open && c.due_at <= now, details: c.details ?? {},
  }) as Record<string, unknown>;
}

export function registerComplianceCaseRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Compliance'];
  const one = (fn: (ctx: Ctx) => Promise<ComplianceCase>) => async (req: Parameters<typeof inTx>[1]) =>
    presentCase(await inTx(deps, req, fn), deps.clock.now()) as never;

  app.post('/api/v1/compliance/cases', {
    schema: { tags, summary: 'Open a regulatory case (clock computed from receipt by the rule in force)', body: ZOpenCase, response: { 201: ZCaseWithDetails, ...errors } },
  }, async (req, reply) => {
    const b = req.body;
    const c = await inTx(deps, req, (ctx) => openCase(ctx, {
      ...b, received_at: b.received_at ? new Date(b.received_at) : undefined, start_at: b.start_at ? new Date(b.start_at) : undefined,
    }));
    reply.code(201);
    return presentCase(c, deps.clock.now()) as never;
  });

  app.get('/api/v1/compliance/cases', {
    schema: { tags, summary: 'Regulatory cases, soonest due first (filters: status, type, regime, due=soon|overdue, ticket, customer)', querystring: ZCaseFilter, response: { 200: list(ZCaseWithDetails), ...errors } },
  }, async (req) => ({ data: (await inTx(deps, req, (ctx) => listCases(ctx, req.query))).map((c) => presentCase(c, deps.clock.now())) }) as never);

  app.get('/api/v1/compliance/cases/:id', {
    schema: { tags, summary: 'One regulatory case with its clocks', params: Params, response: { 200: ZCaseWithDetails, ...errors } },
  }, (req) => one(async (ctx) => {
    authorize(ctx.actor, 'tickets.read');
    return loadCase(ctx, req.params.id);
  })(req));

  app.get('/api/v1/compliance/cases/:id/timeline', {
    schema: { tags, summary: 'The case history: clock changes with reasons, and the events of its complaint / request / appeal', params: Params, response: { ...errors } },
  }, async (req) => ({ data: (await inTx(deps, req, async (ctx) => { await loadCase(ctx, req.params.id); return caseTimeline(ctx, req.params.id); })).map((e) => toWire(e)) }) as never);

  app.post('/api/v1/compliance/cases/:id/extend', {
    schema: { tags, summary: 'Extend once, with reasons, inside the first period (GDPR Art. 12(3))', params: Params, body: ZReason, response: { 200: ZCaseWithDetails, ...errors } },
  }, (req) => one((ctx) => extendCase(ctx, req.params.id, req.body))(req));

  app.post('/api/v1/compliance/cases/:id/holding-reply', {
    schema: { tags, summary: 'Record a holding reply with reasons (PSD2 Art. 101: final by 35 business days)', params: Params, body: ZReason, response: { 200: ZCaseWithDetails, ...errors } },
  }, (req) => one((ctx) => recordHoldingReply(ctx, req.params.id, req.body))(req));

  app.post('/api/v1/compliance/cases/:id/pause', {
    schema: { tags, summary: 'Pause the clock (UK GDPR clarification / identity)', params: Params, body: ZReason, response: { 200: ZCaseWithDetails, ...errors } },
  }, (req) => one((ctx) => pauseCase(ctx, req.params.id, req.body))(req));

  app.post('/api/v1/compliance/cases/:id/resume', {
    schema: { tags, summary: 'Resume a paused clock (due dates shift by the days paused)', params: Params, response: { 200: ZCaseWithDetails, ...errors } },
  }, (req) => one((ctx) => resumeCase(ctx, req.params.id))(req));

  app.post('/api/v1/compliance/cases/:id/respond', {
    schema: { tags, summary: 'Record the response (outcome, reason code; a reason when late)', params: Params, body: ZRespondCase, response: { 200: ZCaseWithDetails, ...errors } },
  }, (req) => one((ctx) => respondCase(ctx, req.params.id, req.body))(req));

  app.get('/api/v1/compliance/rules', {
    schema: { tags, summary: 'Deadline rules in force (data, versioned)', response: { 200: list(z.record(z.string(), z.unknown())), ...errors } },
  }, async (req) => ({ data: await inTx(deps, req, (ctx) => listRules(ctx)) }) as never);

  app.put('/api/v1/compliance/rules/:key', {
    schema: { tags, summary: 'Publish a new version of a rule (open cases keep theirs)', params: z.object({ key: z.string().max(80) }), body: ZPublishRule, response: { 200: z.record(z.string(), z.unknown()), ...errors } },
  }, (req) => inTx(deps, req, (ctx) => publishRule(ctx, req.params.key, req.body)) as never);

  app.get('/api/v1/compliance/calendars/:country', {
    schema: { tags, summary: 'Shipped public holidays of a country and this workspace’s overrides', params: z.object({ country: z.string().max(8) }), response: { 200: z.object({ country: z.string(), holidays: z.array(z.object({ date: z.string(), name: z.string() })), overrides: z.array(z.object({ date: z.string(), name: z.string(), kind: z.string() })) }), ...errors } },
  }, (req) => inTx(deps, req, async (ctx) => {
    const c = req.params.country.toUpperCase();
    if (!SUPPORTED_COUNTRIES.includes(c)) throw new AppError('UNKNOWN_COUNTRY', `No business calendar for "${c}"`, 'not_found');
    return { country: c, holidays: (COUNTRY_HOLIDAYS[c] ?? []).map(([date, name]) => ({ date, name })), overrides: await loadHolidayOverrides(ctx, c) };
  }) as never);

  app.put('/api/v1/compliance/calendars/:country/overrides/:date', {
    schema: { tags, summary: 'Add a non-working day or remove a shipped holiday for this workspace', params: z.object({ country: z.string().max(8), date: z.string().max(10) }), body: ZHolidayOverride, response: { 200: z.object({ country: z.string(), date: z.string(), name: z.string(), kind: z.string() }), ...errors } },
  }, (req) => inTx(deps, req, (ctx) => setHolidayOverride(ctx, { country: req.params.country.toUpperCase(), date: req.params.date, name: req.body.name, kind: req.body.kind })) as never);
}

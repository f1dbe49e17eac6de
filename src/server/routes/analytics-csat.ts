import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createRubric, getCsatSettings, listCsatResponses, listRubrics, listTicketReviews, openSurvey, rateSurvey, REASONS, submitReview, updateCsatSettings,
} from '../../domain/analytics/index.js';
import { AppError } from '../../platform/errors.js';
import { ZMetricQuery } from '../../shared/contracts/analytics.js';
import { ZId, ZProblem } from '../../shared/contracts/common.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';
import { renderCsatPage } from './csat-page.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const ZAny = z.record(z.string(), z.unknown());
const ZSettings = z.strictObject({
  enabled: z.boolean(), delay_minutes: z.number().int().min(0).max(10_080), scale: z.enum(['binary', 'five']), ask_reason: z.boolean(), ask_effort: z.boolean(),
  questions: z.record(z.string().regex(/^[a-z]{2}$/), z.string().min(3).max(300)), change_window_hours: z.number().int().min(0).max(24 * 90),
}).partial();
const ZRate = z.object({
  score: z.coerce.number().int().min(1).max(5),
  comment: z.string().max(2000).optional(),
  reason: z.union([z.enum(REASONS), z.literal('')]).optional(),
  effort: z.union([z.coerce.number().int().min(1).max(7), z.literal('')]).optional(),
});
const ZToken = z.object({ token: z.string().min(5).max(200) });

/** CSAT (settings, answers, the public rating page and JSON endpoint for the widget) and QA reviews. */
export function registerCsatRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['CSAT and QA'];
  app.get('/api/v1/csat/settings/:brandId', { schema: { tags, summary: 'CSAT settings of a brand', params: z.object({ brandId: ZId }), response: { 200: ZAny, ...errors } } },
    async (req) => toWire(await inTx(deps, req, (ctx) => getCsatSettings(ctx, req.params.brandId))) as never);
  app.put('/api/v1/csat/settings/:brandId', { schema: { tags, summary: 'Change CSAT settings (delay, scale, questions per language, change window)', params: z.object({ brandId: ZId }), body: ZSettings, response: { 200: ZAny, ...errors } } },
    async (req) => toWire(await inTx(deps, req, (ctx) => updateCsatSettings(ctx, req.params.brandId, req.body))) as never);
  app.get('/api/v1/csat/responses', { schema: { tags, summary: 'CSAT answers in a range, with the response rate', querystring: ZMetricQuery, response: { 200: ZAny, ...errors } } },
    async (req) => toWire(await inTx(deps, req, (ctx) => listCsatResponses(ctx, req.query))) as never);

  root.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const pub = scope.withTypeProvider<ZodTypeProvider>();
    // Public: the link from the survey message. GET never records anything (mail scanners prefetch links).
    pub.get('/csat/:token', { schema: { hide: true, params: ZToken, querystring: z.object({ score: z.coerce.number().int().min(1).max(5).optional() }) } }, async (req, reply) => {
      try {
        const v = await deps.db.transaction((tx) => openSurvey(tx, deps.clock, req.params.token));
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderCsatPage(v, { preselect: req.query.score }));
      } catch (err) {
        if (err instanceof AppError && err.kind === 'not_found') return reply.code(404).type('text/html; charset=utf-8').send('<!doctype html><html lang="en"><title>Not found</title><main><h1>This rating link is not valid</h1></main></html>');
        throw err;
      }
    });
    pub.post('/csat/:token', { schema: { hide: true, params: ZToken, body: ZRate.extend({ channel: z.enum(['widget', 'link', 'api']).optional() }) } }, async (req, reply) => {
      const b = req.body;
      try {
        // JSON in → JSON out (the chat widget's in-widget rating); a form post gets the page back
        const json = String(req.headers['content-type'] ?? '').includes('json');
        const v = await rateSurvey(deps.db, deps.clock, req.params.token, { score: b.score, comment: b.comment || undefined, reason: b.reason || undefined, effort: b.effort === '' ? undefined : b.effort, channel: json ? (b.channel ?? 'widget') : 'link' });
        if (json) return reply.send({ id: v.id, score: v.score, changeable: v.changeable });
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderCsatPage(v, { saved: true }));
      } catch (err) {
        if (err instanceof AppError && err.kind === 'not_found' && !String(req.headers['content-type'] ?? '').includes('json')) return reply.code(404).type('text/html; charset=utf-8').send('<!doctype html><html lang="en"><title>Not found</title><main><h1>This rating link is not valid</h1></main></html>');
        throw err;
      }
    });
  });

  app.get('/api/v1/qa/rubrics', { schema: { tags, summary: 'QA rubrics', response: { 200: z.object({ data: z.array(ZAny) }), ...errors } } },
    async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listRubrics(ctx))) }) as never);
  app.post('/api/v1/qa/rubrics', {
    schema: { tags, summary: 'Create a weighted rubric', body: z.strictObject({ name: z.string().trim().min(1).max(120), criteria: z.array(z.strictObject({ key: z.string(), label: z.string().min(1).max(120), weight: z.number() })).min(1).max(30) }), response: { 201: ZAny, ...errors } },
  }, async (req, reply) => reply.code(201).send(toWire(await inTx(deps, req, (ctx) => createRubric(ctx, req.body))) as never));
  app.post('/api/v1/qa/reviews', {
    schema: { tags, summary: 'Review a ticket (0–4 per criterion)', body: z.strictObject({ rubric_id: ZId, ticket_id: ZId, scores: z.record(z.string(), z.number()), comment: z.string().max(5000).optional() }), response: { 201: ZAny, ...errors } },
  }, async (req, reply) => reply.code(201).send(toWire(await inTx(deps, req, (ctx) => submitReview(ctx, req.body))) as never));
  app.get('/api/v1/tickets/:id/qa', { schema: { tags, summary: 'QA reviews of a ticket, calibration spread and automatic flags', params: z.object({ id: ZId }), response: { 200: ZAny, ...errors } } },
    async (req) => toWire(await inTx(deps, req, (ctx) => listTicketReviews(ctx, req.params.id))) as never);
}

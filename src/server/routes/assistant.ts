import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activateModel, configureIntent, converse, getAssistantMetrics, getConversation, importExamples, listIntentConfigs, listModels,
  rateConversation, replayConversation, runTraining, startTraining, activeModel,
} from '../../domain/assistant/index.js';
import { authorize } from '../../domain/kernel/index.js';
import { detectLanguage } from '../../domain/intents/index.js';
import { sendJob } from '../../platform/jobs/index.js';
import { ZProblem } from '../../shared/contracts/common.js';
import { ZActivateModel, ZClassify, ZConverse, ZConverseResult, ZImportExamples, ZImportResult, ZIntentConfig, ZMetricsQuery, ZModelVersion, ZRating, ZTrainModel } from '../../shared/contracts/assistant.js';
import { inTx, type ServerDeps } from '../deps.js';
import { registerAssistantAdminRoutes } from './assistant-admin.js';
import { assistantEnv, registerAssistantChat } from './assistant-env.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const wireModel = (m: Awaited<ReturnType<typeof listModels>>[number]) => ({ ...m, created_at: iso(m.created_at)!, finished_at: iso(m.finished_at) });

/** HTTP routes of the assistant module. */
export function registerAssistantRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Assistant'];
  const env = assistantEnv(deps);
  registerAssistantChat(deps, env);
  registerAssistantAdminRoutes(root, deps);

  app.post('/api/v1/assistant/examples', {
    schema: { tags, summary: 'Import labelled intent examples (duplicates skipped)', body: ZImportExamples, response: { 200: ZImportResult, ...errors } },
  }, (req) => inTx(deps, req, (ctx) => importExamples(ctx, req.body.examples)));

  app.get('/api/v1/assistant/models', {
    schema: { tags, summary: 'Intent model versions (newest first)', response: { 200: z.object({ data: z.array(ZModelVersion) }), ...errors } },
  }, async (req) => ({ data: (await inTx(deps, req, (ctx) => listModels(ctx))).map(wireModel) }));

  app.post('/api/v1/assistant/models', {
    schema: { tags, summary: 'Train a new model version in the background (becomes active when ready)', body: ZTrainModel, response: { 202: ZModelVersion, ...errors } },
  }, async (req, reply) => {
    const { row, queued } = await inTx(deps, req, async (ctx) => {
      const r = await startTraining(ctx, { seed: req.body.seed });
      return { row: r, queued: await sendJob(ctx.tx, 'assistant.train-model', { modelId: r.id }) };
    });
    // no worker in this process: train here, after the response (the row is the source of truth)
    if (!queued) setImmediate(() => void runTraining(deps, row.id).catch((e: unknown) => deps.log.error({ err: e }, 'assistant training failed')));
    reply.code(202);
    return wireModel(row);
  });

  app.post('/api/v1/assistant/models/:version/activate', {
    schema: { tags, summary: 'Activate (or roll back to) a ready model version', params: z.object({ version: z.coerce.number().int().min(1) }), body: ZActivateModel, response: { 200: ZModelVersion, ...errors } },
  }, async (req) => wireModel(await inTx(deps, req, (ctx) => activateModel(ctx, { version: req.params.version }))));

  app.post('/api/v1/assistant/classify', {
    schema: { tags, summary: 'Classify a text with the active model (intent, confidence, decision, language)', body: ZClassify, response: { 200: z.record(z.string(), z.unknown()), ...errors } },
  }, (req) => inTx(deps, req, async (ctx) => {
    authorize(ctx.actor, 'tickets.read');
    const m = await activeModel(ctx.tx, ctx.actor.workspaceId);
    return { model_id: m?.id ?? null, language: detectLanguage(req.body.text), ...(m ? m.model.classify(req.body.text) : { decision: 'out_of_scope', intent: null, confidence: 0, top: [] }) };
  }));

  app.get('/api/v1/assistant/intents', {
    schema: { tags, summary: 'Intent → articles / flow configuration', response: { 200: z.object({ data: z.array(z.record(z.string(), z.unknown())) }), ...errors } },
  }, async (req) => ({ data: await inTx(deps, req, (ctx) => listIntentConfigs(ctx)) }));

  app.put('/api/v1/assistant/intents/:intent', {
    schema: { tags, summary: 'Configure an intent: Help Center articles and the SOP flow the assistant runs', params: z.object({ intent: z.string().min(1).max(120) }), body: ZIntentConfig, response: { 200: z.record(z.string(), z.unknown()), ...errors } },
  }, (req) => inTx(deps, req, (ctx) => configureIntent(ctx, { ...req.body, intent: req.params.intent })));

  app.post('/api/v1/assistant/conversations/messages', {
    schema: { tags, summary: 'Send a customer message to the assistant (starts or continues a conversation)', body: ZConverse, response: { 200: ZConverseResult, ...errors } },
  }, (req) => inTx(deps, req, async (ctx) => {
    const r = await converse(ctx, req.body, env);
    const c = r.conversation;
    return {
      conversation_id: c.id, status: c.status, intent: c.intent, confidence: c.confidence, replies: r.replies, citations: r.citations, actions: r.actions,
      handoff: r.handoff ? { reason: r.handoff.reason, ticket_id: c.ticket_id, summary: r.handoff.summary, expected_wait_minutes: r.handoff.expectedWaitMinutes, agents_online: r.handoff.agentsOnline } : null,
    };
  }));

  app.get('/api/v1/assistant/conversations/:id', {
    schema: { tags, summary: 'A conversation with its (redacted) turns', params: z.object({ id: z.string().max(64) }), response: { 200: z.record(z.string(), z.unknown()), ...errors } },
  }, (req) => inTx(deps, req, async (ctx) => {
    authorize(ctx.actor, 'tickets.read');
    return getConversation(ctx, req.params.id);
  }));

  app.post('/api/v1/assistant/conversations/:id/rating', {
    schema: { tags, summary: 'Rate a conversation 1–5', params: z.object({ id: z.string().max(64) }), body: ZRating, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await inTx(deps, req, (ctx) => rateConversation(ctx, req.params.id, req.body.rating));
    reply.code(204);
    return null;
  });

  app.get('/api/v1/assistant/conversations/:id/replay', {
    schema: { tags, summary: 'Replay a conversation with the model and SOP versions it ran on', params: z.object({ id: z.string().max(64) }), response: { 200: z.record(z.string(), z.unknown()), ...errors } },
  }, (req) => inTx(deps, req, (ctx) => replayConversation(ctx, req.params.id, env.supportedLanguages)));

  app.get('/api/v1/assistant/metrics', {
    schema: { tags, summary: 'Contained / handed off / returned / abandoned per intent, SOP and language; CSAT assistant vs human', querystring: ZMetricsQuery, response: { 200: z.record(z.string(), z.unknown()), ...errors } },
  }, (req) => inTx(deps, req, (ctx) => {
    const to = req.query.to ? new Date(req.query.to) : ctx.clock.now();
    const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 30 * 86400_000);
    return getAssistantMetrics(ctx, { from, to });
  }));
}

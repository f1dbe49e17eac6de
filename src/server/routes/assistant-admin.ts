/** Admin-page routes of the assistant: example counts per intent, one intent's examples, conversation test runs. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listIntentExamples, listTestRuns, runTestScripts, summarizeExamples, type TestRun } from '../../domain/assistant/index.js';
import { ZProblem } from '../../shared/contracts/common.js';
import { inTx, type ServerDeps } from '../deps.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const wireRun = (r: TestRun) => ({ ...r, created_at: new Date(r.created_at).toISOString() });
const ZRun = z.record(z.string(), z.unknown());

export function registerAssistantAdminRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Assistant'];

  app.get('/api/v1/assistant/examples', {
    schema: { tags, summary: 'Example counts per intent and source', response: { 200: z.object({ data: z.array(z.object({ label: z.string(), examples: z.number(), by_source: z.record(z.string(), z.number()) })) }), ...errors } },
  }, async (req) => ({ data: await inTx(deps, req, (ctx) => summarizeExamples(ctx)) }));

  app.get('/api/v1/assistant/intents/:intent/examples', {
    schema: {
      tags, summary: "One intent's examples (newest first)", params: z.object({ intent: z.string().min(1).max(120) }),
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      response: { 200: z.object({ data: z.array(z.object({ id: z.string(), text: z.string(), source: z.string(), created_at: z.string() })) }), ...errors },
    },
  }, async (req) => ({
    data: (await inTx(deps, req, (ctx) => listIntentExamples(ctx, req.params.intent, req.query.limit))).map((e) => ({ ...e, created_at: new Date(e.created_at).toISOString() })),
  }));

  app.post('/api/v1/assistant/test-runs', {
    schema: {
      tags, summary: 'Run the conversation test scripts against the active model (actions and SCA simulated)',
      body: z.object({ include_demo: z.boolean().default(true), scripts: z.array(z.record(z.string(), z.unknown())).max(500).optional() }).default({ include_demo: true }),
      response: { 201: ZRun, ...errors },
    },
  }, async (req, reply) => {
    const run = await inTx(deps, req, (ctx) => runTestScripts(ctx, { include_demo: req.body.include_demo, scripts: req.body.scripts as never }));
    reply.code(201);
    return wireRun(run);
  });

  app.get('/api/v1/assistant/test-runs', {
    schema: { tags, summary: 'Latest conversation test runs', response: { 200: z.object({ data: z.array(ZRun) }), ...errors } },
  }, async (req) => ({ data: (await inTx(deps, req, (ctx) => listTestRuns(ctx))).map(wireRun) }));
}

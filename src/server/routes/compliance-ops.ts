import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  decideAppeal, exportStatementsForTransparencyDb, fileAppeal, issueStatement, loadRetentionPolicies, receiveNotice, recordOdsDispute, recordOfProcessing,
  runRetention, setRetentionPolicy, transparencyFigures,
} from '../../domain/compliance/index.js';
import { authorize, systemActor } from '../../domain/kernel/index.js';
import { removeStoredFile } from '../../platform/storage/regions.js';
import { ZId, ZProblem } from '../../shared/contracts/common.js';
import { ZAppeal, ZDecideAppeal, ZNotice, ZOds, ZRange, ZRetentionPolicy, ZStatement } from '../../shared/contracts/compliance.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const w = (x: unknown) => toWire(x) as never;
const range = (q: { from: string; to: string }) => ({ from: new Date(q.from), to: new Date(q.to) });

/** Retention schedules, record of processing, DSA notices / statements / appeals / ODS / transparency. */
export function registerComplianceOpsRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Compliance: retention & DSA'];

  app.get('/api/v1/compliance/retention/policies', { schema: { tags, summary: 'Retention schedules per data category and brand', response: { ...errors } } },
    async (req) => w({ data: await inTx(deps, req, async (ctx) => { authorize(ctx.actor, 'compliance.manage'); return loadRetentionPolicies(ctx.tx, ctx.actor.workspaceId); }) }));
  app.put('/api/v1/compliance/retention/policies', { schema: { tags, summary: 'Set a retention schedule (enabled: false = dry-run only)', body: ZRetentionPolicy, response: { ...errors } } },
    async (req) => w(await inTx(deps, req, (ctx) => setRetentionPolicy(ctx, req.body))));
  app.post('/api/v1/compliance/retention/dry-run', { schema: { tags, summary: 'What the retention job would purge now (nothing is changed)', response: { ...errors } } },
    async (req) => {
      const ws = await inTx(deps, req, async (ctx) => { authorize(ctx.actor, 'compliance.manage'); return ctx.actor.workspaceId; });
      return w(await runRetention(deps.db, deps.clock.now(), ws, { dryRun: true }));
    });
  app.post('/api/v1/compliance/retention/run', { schema: { tags, summary: 'Run the enabled retention schedules now (batches; logged)', response: { ...errors } } },
    async (req) => {
      const ws = await inTx(deps, req, async (ctx) => { authorize(ctx.actor, 'compliance.manage'); return ctx.actor.workspaceId; });
      const r = await runRetention(deps.db, deps.clock.now(), ws);
      for (const b of r.blobs) await removeStoredFile(deps.config.filesDir, b).catch(() => false);
      return w(r);
    });
  app.get('/api/v1/compliance/record-of-processing', { schema: { tags, summary: 'Art. 30 record of processing, generated from the configured schedules', response: { ...errors } } },
    async (req) => w(await inTx(deps, req, (ctx) => recordOfProcessing(ctx))));

  app.post('/api/v1/compliance/dsa/notices', { schema: { tags, summary: 'Receive a DSA notice (Art. 16) through the API', body: ZNotice, response: { ...errors } } },
    async (req, reply) => { const out = await inTx(deps, req, (ctx) => receiveNotice(ctx, req.body)); reply.code(201); return w(out); });
  app.post('/public/v1/compliance/dsa/notices', { schema: { tags, summary: 'Public DSA notice form (receipt confirmed)', body: ZNotice.extend({ brand_id: z.string().max(64) }), response: { ...errors } } },
    async (req, reply) => {
      const brand = await deps.db.maybeOne<{ workspace_id: string }>('SELECT workspace_id FROM brands WHERE id = $1', [req.body.brand_id]);
      if (!brand) return reply.code(404).send({ type: 'about:blank', title: 'Not Found', status: 404, code: 'BRAND_NOT_FOUND' });
      const { brand_id: _b, ...notice } = req.body;
      const out = await deps.db.transaction((tx) => receiveNotice({ actor: systemActor(brand.workspace_id), tx, clock: deps.clock, meta: { channel: 'web_form', ip: req.ip } }, notice));
      reply.code(201);
      return w({ id: out.id, receipt_sent_at: out.receipt_sent_at });
    });
  app.post('/api/v1/compliance/dsa/statements', { schema: { tags, summary: 'Issue a statement of reasons (Art. 17)', body: ZStatement, response: { ...errors } } },
    async (req, reply) => { const out = await inTx(deps, req, (ctx) => issueStatement(ctx, req.body)); reply.code(201); return w(out); });
  app.get('/api/v1/compliance/dsa/statements/export', { schema: { tags, summary: 'Statements for the Transparency Database, stripped of personal data', querystring: ZRange, response: { ...errors } } },
    async (req) => w({ data: await inTx(deps, req, (ctx) => exportStatementsForTransparencyDb(ctx, range(req.query))) }));
  app.post('/api/v1/compliance/dsa/appeals', { schema: { tags, summary: 'File an appeal (Art. 20; ≥ 6-month window)', body: ZAppeal, response: { ...errors } } },
    async (req, reply) => { const out = await inTx(deps, req, (ctx) => fileAppeal(ctx, req.body)); reply.code(201); return w(out); });
  app.post('/api/v1/compliance/dsa/appeals/:id/decide', { schema: { tags, summary: 'Decide an appeal (human reviewer required; reply includes ODS information)', params: z.object({ id: ZId }), body: ZDecideAppeal, response: { ...errors } } },
    async (req) => w(await inTx(deps, req, (ctx) => decideAppeal(ctx, req.params.id, req.body))));
  app.post('/api/v1/compliance/dsa/ods', { schema: { tags, summary: 'Record an out-of-court dispute (Art. 21)', body: ZOds, response: { ...errors } } },
    async (req, reply) => {
      const b = req.body;
      const out = await inTx(deps, req, (ctx) => recordOdsDispute(ctx, { ...b, referred_at: new Date(b.referred_at), decided_at: b.decided_at ? new Date(b.decided_at) : undefined }));
      reply.code(201);
      return w(out);
    });
  app.get('/api/v1/compliance/dsa/transparency', { schema: { tags, summary: 'Transparency figures recomputed from the event log', querystring: ZRange, response: { ...errors } } },
    async (req) => w(await inTx(deps, req, (ctx) => transparencyFigures(ctx, range(req.query)))));
}

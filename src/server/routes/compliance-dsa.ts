import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  imposeSuspension, issueWarning, listDsaAppeals, listDsaNotices, listDsaStatements, listDsrRequests, listMeasures, listTermsVersions, publishedTerms, publishedTermsHistory,
  publishTerms, saveTermsDraft, termsHtml, termsJson, termsPath, type TermsVersion,
} from '../../domain/compliance/index.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import { ZMeasure, ZSuspension, ZTermsDraft, ZTermsSlug, ZTermsVersion, ZWarning } from '../../shared/contracts/compliance-psd2-dsa.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const w = (x: unknown) => toWire(x) as never;
const Limit = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).optional() });

/** DSA Art. 23 warnings/suspensions, Art. 14 versioned terms (admin + public JSON/HTML), admin lists of notices, statements, appeals, DSRs. */
export function registerComplianceDsaRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Compliance: retention & DSA'];

  app.post('/api/v1/compliance/dsa/warnings', { schema: { tags, summary: 'Give an Art. 23 prior warning (manifestly illegal content, unfounded notices or complaints)', body: ZWarning, response: { 201: ZMeasure, ...errors } } },
    async (req, reply) => { const out = await inTx(deps, req, (ctx) => issueWarning(ctx, req.body)); reply.code(201); return w(out); });
  app.post('/api/v1/compliance/dsa/suspensions', { schema: { tags, summary: 'Suspend for a reasonable period (Art. 23); refused without a linked prior warning', body: ZSuspension, response: { 201: ZMeasure, ...errors } } },
    async (req, reply) => { const out = await inTx(deps, req, (ctx) => imposeSuspension(ctx, req.body)); reply.code(201); return w(out); });
  app.get('/api/v1/compliance/dsa/measures', { schema: { tags, summary: 'Warnings and suspensions, newest first', querystring: Limit.extend({ customer_id: z.string().max(64).optional() }), response: { 200: list(ZMeasure), ...errors } } },
    async (req) => w({ data: await inTx(deps, req, (ctx) => listMeasures(ctx, req.query)) }));

  app.get('/api/v1/compliance/dsa/notices', { schema: { tags, summary: 'DSA notices, newest first', querystring: Limit, response: { ...errors } } },
    async (req) => w({ data: await inTx(deps, req, (ctx) => listDsaNotices(ctx, req.query)) }));
  app.get('/api/v1/compliance/dsa/statements', { schema: { tags, summary: 'Statements of reasons, newest first (with the appeal-rules version linked)', querystring: Limit, response: { ...errors } } },
    async (req) => w({ data: await inTx(deps, req, (ctx) => listDsaStatements(ctx, req.query)) }));
  app.get('/api/v1/compliance/dsa/appeals', { schema: { tags, summary: 'Appeals: undecided first (the human-review queue)', querystring: Limit.extend({ pending: z.enum(['true', 'false']).optional() }), response: { ...errors } } },
    async (req) => w({ data: await inTx(deps, req, (ctx) => listDsaAppeals(ctx, { limit: req.query.limit, pending: req.query.pending === 'true' })) }));
  app.get('/api/v1/compliance/requests', {
    schema: { tags: ['Compliance: GDPR'], summary: 'Data-subject requests, open first (with the erasure report once erased)', querystring: Limit.extend({ status: z.enum(['open', 'completed', 'rejected']).optional(), kind: z.string().max(20).optional() }), response: { ...errors } },
  }, async (req) => w({ data: await inTx(deps, req, (ctx) => listDsrRequests(ctx, req.query)) }));

  const Slug = z.object({ slug: ZTermsSlug });
  app.get('/api/v1/compliance/terms/:slug/versions', { schema: { tags, summary: 'Every version of a terms page (draft, published, superseded)', params: Slug, response: { 200: list(ZTermsVersion.extend({ public_url: z.string().nullable() })), ...errors } } },
    async (req) => w({ data: await inTx(deps, req, async (ctx) => (await listTermsVersions(ctx, req.params.slug))
      .map((v) => ({ ...v, public_url: v.status === 'draft' ? null : termsPath(ctx.actor.workspaceId, v.slug, v.version) }))) }));
  app.put('/api/v1/compliance/terms/:slug/draft', { schema: { tags, summary: 'Create or replace the draft of a terms page', params: Slug, body: ZTermsDraft, response: { 200: ZTermsVersion, ...errors } } },
    async (req) => w(await inTx(deps, req, (ctx) => saveTermsDraft(ctx, req.params.slug, req.body))));
  app.post('/api/v1/compliance/terms/:slug/publish', { schema: { tags, summary: 'Publish the draft (a significant change records a notice to users)', params: Slug, response: { 200: ZTermsVersion, ...errors } } },
    async (req) => w(await inTx(deps, req, (ctx) => publishTerms(ctx, req.params.slug))));

  // Public, no session: the version in force or an exact version, as HTML or machine-readable JSON (Art. 14(1)).
  const wantsJson = (format: string | undefined, accept: string | undefined) => format === 'json' || (format !== 'html' && /application\/json/.test(accept ?? ''));
  const send = (req: { query: { format?: string }; headers: FastifyRequest['headers'] }, reply: FastifyReply, ws: string, t: TermsVersion | null) => {
    if (!t) return reply.code(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not Found', status: 404, code: 'TERMS_NOT_FOUND', detail: 'No published version' });
    reply.header('cache-control', 'public, max-age=300');
    if (wantsJson(req.query.format, req.headers.accept)) return reply.type('application/json; charset=utf-8').send(termsJson(ws, t));
    return reply.type('text/html; charset=utf-8').send(termsHtml(ws, t));
  };
  const Format = z.strictObject({ format: z.enum(['json', 'html']).optional() });
  const PublicParams = z.object({ workspace: ZId, slug: ZTermsSlug });
  app.get('/public/v1/compliance/terms/:workspace/:slug', { schema: { tags, summary: 'Terms page in force (HTML, or JSON with ?format=json / Accept: application/json)', params: PublicParams, querystring: Format } },
    async (req, reply) => send(req, reply, req.params.workspace, await publishedTerms(deps.db, req.params.workspace, req.params.slug)));
  app.get('/public/v1/compliance/terms/:workspace/:slug/versions/:version', {
    schema: { tags, summary: 'One published (or superseded) version of a terms page', params: PublicParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) }), querystring: Format },
  }, async (req, reply) => send(req, reply, req.params.workspace, await publishedTerms(deps.db, req.params.workspace, req.params.slug, req.params.version)));
  app.get('/public/v1/compliance/terms/:workspace/:slug/history', { schema: { tags, summary: 'Published versions of a terms page (JSON)', params: PublicParams } },
    async (req) => {
      const rows = await publishedTermsHistory(deps.db, req.params.workspace, req.params.slug);
      return { data: rows.map((t) => { const j = termsJson(req.params.workspace, t); return { version: j.version, status: j.status, published_at: j.published_at, significant_change: j.significant_change, change_summary: j.change_summary, url: j.url }; }) };
    });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approveVersion, archiveArticle, createArticle, getArticleDetail, listArticles, markReviewed, publishVersion, requestChanges, restoreVersion,
  saveDraft, searchHelpCenter, submitVersion, suggestArticlesForTicket, updateArticle, type KbPassage,
} from '../../domain/kb/index.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import {
  ZKbArticle, ZKbArticleDetail, ZKbArticleInput, ZKbArticleListItem, ZKbArticleMetaInput, ZKbArticleQuery, ZKbDraftInput, ZKbDraftResult,
  ZKbNoteInput, ZKbPassage, ZKbPublishInput, ZKbSearchQuery, ZKbSearchResult, ZKbVersion,
} from '../../shared/contracts/kb.js';
import { inTx, type ServerDeps } from '../deps.js';
import { idempotent } from '../idempotency.js';
import { toWire } from '../present.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 413: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });

export function presentPassage(p: KbPassage) {
  return { article_id: p.articleId, locale: p.locale, title: p.title, slug: p.slug, url: p.url, snippet: p.snippet, text: p.text, score: p.score,
    visibility: p.visibility, section_id: p.sectionId, labels: p.labels };
}

/** Editors' and agents' API: articles, the version workflow, search and ticket suggestions. */
export function registerKbApiRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Knowledge base'];

  app.get('/api/v1/kb/articles', { schema: { tags, summary: 'List articles (latest title, workflow state, locales, 30-day views and votes)', querystring: ZKbArticleQuery, response: { 200: list(ZKbArticleListItem), ...errors } } },
    async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listArticles(ctx, req.query))) }) as never);

  app.post('/api/v1/kb/articles', { schema: { tags, summary: 'Create an article and its first draft', body: ZKbArticleInput, response: { 201: ZKbDraftResult.extend({ article: ZKbArticle }), ...errors } } },
    (req, reply) => idempotent(deps, req, reply, async (ctx) => ({ status: 201, body: toWire(await createArticle(ctx, req.body)) })) as never);

  app.get('/api/v1/kb/articles/:id', { schema: { tags, summary: 'An article with its versions (history) and translation status', params: Params, response: { 200: ZKbArticleDetail, ...errors } } },
    async (req) => toWire(await inTx(deps, req, (ctx) => getArticleDetail(ctx, req.params.id))) as never);

  app.patch('/api/v1/kb/articles/:id', { schema: { tags, summary: 'Change section, visibility, segments, labels, owner or review interval', params: Params, body: ZKbArticleMetaInput, response: { 200: ZKbArticle, ...errors } } },
    async (req) => toWire(await inTx(deps, req, (ctx) => updateArticle(ctx, req.params.id, req.body))) as never);

  app.post('/api/v1/kb/articles/:id/archive', { schema: { tags, summary: 'Archive (unpublish) an article', params: Params, response: { 200: ZKbArticle, ...errors } } },
    async (req) => toWire(await inTx(deps, req, (ctx) => archiveArticle(ctx, req.params.id))) as never);

  app.post('/api/v1/kb/articles/:id/reviewed', { schema: { tags, summary: 'Confirm the article is still correct (resets the review date)', params: Params, response: { 200: ZKbArticle, ...errors } } },
    async (req) => toWire(await inTx(deps, req, (ctx) => markReviewed(ctx, req.params.id))) as never);

  app.post('/api/v1/kb/articles/:id/drafts', { schema: { tags, summary: 'Save a draft of one locale (source or translation)', params: Params, body: ZKbDraftInput, response: { 200: ZKbDraftResult, ...errors } } },
    async (req) => toWire(await inTx(deps, req, (ctx) => saveDraft(ctx, req.params.id, req.body))) as never);

  const step = (path: string, summary: string, run: (ctx: Parameters<typeof submitVersion>[0], id: string, body: { note?: string; publish_at?: string | null }) => Promise<unknown>, body: z.ZodTypeAny = ZKbNoteInput) =>
    app.post(`/api/v1/kb/versions/:id/${path}`, { schema: { tags, summary, params: Params, body: body.nullish(), response: { 200: ZKbVersion, ...errors } } },
      async (req) => toWire(await inTx(deps, req, (ctx) => run(ctx, req.params.id, (req.body ?? {}) as { note?: string; publish_at?: string | null }))) as never);
  step('submit', 'Submit a draft for review', (ctx, id) => submitVersion(ctx, id));
  step('approve', 'Approve a version (not your own)', (ctx, id, b) => approveVersion(ctx, id, b.note ?? null));
  step('request_changes', 'Send a version back to its author with a note', (ctx, id, b) => requestChanges(ctx, id, b.note ?? ''));
  step('publish', 'Publish an approved version now, or schedule it (publish_at)', (ctx, id, b) => publishVersion(ctx, id, { publish_at: b.publish_at ? new Date(b.publish_at) : null }), ZKbPublishInput);
  step('restore', 'Start a new draft from this (older) version', (ctx, id) => restoreVersion(ctx, id));

  app.get('/api/v1/kb/search', { schema: { tags, summary: 'Search articles (FTS, typo tolerance, synonyms); agents also see internal articles', querystring: ZKbSearchQuery, response: { 200: ZKbSearchResult, ...errors } } },
    async (req) => {
      const q = req.query;
      const r = await inTx(deps, req, (ctx) => searchHelpCenter(ctx, { brandId: q.brand_id, locale: q.locale, q: q.q, audience: q.audience, category: q.category, section: q.section, label: q.label, limit: q.limit, mode: q.mode }));
      return { data: r.hits.map(presentPassage), did_you_mean: r.didYouMean, stage: r.stage, locale: r.locale } as never;
    });

  app.get('/api/v1/kb/suggestions', { schema: { tags, summary: 'Articles that may answer a ticket (from its subject and first message)', querystring: z.strictObject({ ticket_id: ZId, limit: z.coerce.number().int().min(1).max(20).default(5) }), response: { 200: z.object({ query: z.string(), data: z.array(ZKbPassage) }), ...errors } } },
    async (req) => {
      const r = await inTx(deps, req, (ctx) => suggestArticlesForTicket(ctx, req.query.ticket_id, req.query.limit));
      return { query: r.query, data: r.hits.map(presentPassage) } as never;
    });
}

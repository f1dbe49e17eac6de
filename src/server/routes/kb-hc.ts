import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../domain/kernel/index.js';
import {
  findPublicArticle, helpCenterTree, loadHelpCenter, publicArticles, recordContactClick, recordSearch, recordView, recordVote, relatedArticles,
  searchHelpCenter, servedLocale, sitemapEntries, type HcBrand,
} from '../../domain/kb/index.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { ServerDeps } from '../deps.js';
import { HC_CSS, HC_JS } from './kb-hc-assets.js';
import { hcText } from './kb-hc-i18n.js';
import { renderArticle, renderCategory, renderHome, renderNotFound, renderSearch, renderSitemap, type PageCtx } from './kb-hc-render.js';

const CSP = ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' https: data:", "connect-src 'self'",
  "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'"].join('; ');
const VISITOR_COOKIE = 'sb_hc_v';

type Params = { brand: string; locale: string; slug: string };

function origin(deps: ServerDeps, req: FastifyRequest): string {
  return (deps.config.PUBLIC_URL ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`).replace(/\/$/, '');
}

/** Anonymous Help Center visitor: the least-privileged role, scoped to the one brand. */
function visitorCtx(deps: ServerDeps, req: FastifyRequest, hc: HcBrand, tx: Tx): Ctx {
  return {
    actor: { type: 'customer', id: null, workspaceId: hc.workspace_id, role: 'analyst', brandIds: [hc.id], name: 'Help Center visitor' },
    tx, clock: deps.clock, meta: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: String(req.id), channel: 'web' },
  };
}

function html(reply: FastifyReply, status: number, body: string, cache = 'public, max-age=60') {
  return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff').header('referrer-policy', 'strict-origin-when-cross-origin').header('cache-control', cache).send(body);
}

function pageCtx(deps: ServerDeps, req: FastifyRequest, hc: HcBrand, locale: string, suffix: (l: string) => string | null, canonical?: string): PageCtx {
  const alternates: Record<string, string> = {};
  for (const l of hc.settings.locales) {
    const s = suffix(l);
    if (s !== null) alternates[l] = `/hc/${hc.slug}/${l}${s}`;
  }
  return { hc, locale, origin: origin(deps, req), alternates, canonicalPath: canonical ?? `/hc/${hc.slug}/${locale}${suffix(locale) ?? ''}` };
}

/** Accept-Language → the best of the Help Center's locales. */
function preferredLocale(hc: HcBrand, header: string | undefined): string {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (hc.settings.locales.includes(tag)) return tag;
    if (hc.settings.locales.includes(tag.split('-')[0])) return tag.split('-')[0];
  }
  return hc.settings.default_locale;
}

export function registerHelpCenterRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const read = <T>(fn: (tx: Tx) => Promise<T>) => deps.db.transaction(fn);
  /** Look up the brand and locale; unknown locale → redirect to the default one; unknown brand → 404 page. */
  async function withHc(req: FastifyRequest<{ Params: Partial<Params> }>, reply: FastifyReply, fn: (hc: HcBrand, locale: string) => Promise<unknown>) {
    let hc: HcBrand;
    try {
      hc = await read((tx) => loadHelpCenter(tx, req.params.brand ?? ''));
    } catch (e) {
      if (e instanceof AppError && e.kind === 'not_found') return reply.code(404).header('content-type', 'text/plain; charset=utf-8').send('Help Center not found');
      throw e;
    }
    if (req.params.locale === undefined) return fn(hc, hc.settings.default_locale);
    const locale = servedLocale(hc, req.params.locale);
    if (!locale) {
      const rest = req.url.split('?')[0].split('/').slice(4).join('/');
      return reply.redirect(`/hc/${hc.slug}/${hc.settings.default_locale}${rest ? `/${rest}` : ''}`, 302);
    }
    return fn(hc, locale);
  }

  root.register(async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const hide = { schema: { hide: true } };

    app.get('/hc/assets/hc.css', hide, (_req, reply) => reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(HC_CSS));
    app.get('/hc/assets/hc.js', hide, (_req, reply) => reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(HC_JS));

    app.get<{ Params: { id: string; name: string } }>('/hc/files/:id/:name', hide, async (req, reply) => {
      const f = await read((tx) => tx.maybeOne<{ sha256: string; content_type: string; filename: string }>('SELECT sha256, content_type, filename FROM kb_files WHERE id = $1', [req.params.id]));
      if (!f) return reply.code(404).header('content-type', 'text/plain').send('Not found');
      const inline = /^image\/(png|jpeg|gif|webp|avif)$/.test(f.content_type) || f.content_type === 'application/pdf';
      return reply.header('content-type', f.content_type).header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=31536000, immutable')
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${f.filename.replace(/[^\w.-]/g, '_')}"`)
        .header('content-security-policy', "default-src 'none'; sandbox").send(await deps.files.get(f.sha256));
    });

    app.get<{ Params: { brand: string } }>('/hc/:brand', hide, (req, reply) =>
      withHc(req, reply, async (hc) => reply.redirect(`/hc/${hc.slug}/${preferredLocale(hc, req.headers['accept-language'])}`, 302)));

    app.get<{ Params: { brand: string } }>('/hc/:brand/sitemap.xml', hide, (req, reply) =>
      withHc(req, reply, async (hc) => {
        const [entries, cats] = await read(async (tx) => [await sitemapEntries(tx, hc), await helpCenterTree(tx, hc, hc.settings.default_locale)] as const);
        return reply.header('content-type', 'application/xml; charset=utf-8').send(renderSitemap(origin(deps, req), hc, entries, cats.map((c) => c.slug)));
      }));

    app.get<{ Params: { brand: string; locale: string } }>('/hc/:brand/:locale', hide, (req, reply) =>
      withHc(req, reply, async (hc, locale) => {
        const { tree, promoted } = await read(async (tx) => ({
          tree: await helpCenterTree(tx, hc, locale),
          promoted: (await publicArticles(tx, hc, locale)).filter((a) => a.is_promoted).slice(0, 8),
        }));
        return html(reply, 200, renderHome(pageCtx(deps, req, hc, locale, () => ''), tree, promoted));
      }));

    app.get<{ Params: Params }>('/hc/:brand/:locale/categories/:slug', hide, (req, reply) =>
      withHc(req, reply, async (hc, locale) => {
        const tree = await read((tx) => helpCenterTree(tx, hc, locale, req.params.slug)).catch((e: unknown) => (e instanceof AppError && e.kind === 'not_found' ? null : Promise.reject(e)));
        const p = pageCtx(deps, req, hc, locale, () => `/categories/${req.params.slug}`);
        if (!tree?.length) return html(reply, 404, renderNotFound(p), 'no-cache');
        return html(reply, 200, renderCategory(p, tree[0]));
      }));

    app.get<{ Params: Params; Querystring: { voted?: string } }>('/hc/:brand/:locale/articles/:slug', hide, (req, reply) =>
      withHc(req, reply, async (hc, locale) => {
        const found = await read((tx) => findPublicArticle(tx, hc, locale, req.params.slug.toLowerCase()));
        if (found.kind === 'redirect') return reply.redirect(`/hc/${hc.slug}/${found.locale}/articles/${found.slug}`, 301);
        if (found.kind === 'missing') return html(reply, 404, renderNotFound(pageCtx(deps, req, hc, locale, () => null, `/hc/${hc.slug}/${locale}`)), 'no-cache');
        const a = found.article;
        const related = await read(async (tx) => {
          await recordView(tx, a.id, a.locale, deps.clock.now());
          return relatedArticles(tx, hc, locale, a);
        });
        // Locales without a translation are not offered as alternates; the canonical of a fallback page is the original.
        const p = pageCtx(deps, req, hc, locale, (l) => (a.alternates[l] ? `/articles/${a.alternates[l]}` : null),
          `/hc/${hc.slug}/${a.locale}/articles/${a.slug}`);
        if (a.isFallback) p.alternates[locale] = `/hc/${hc.slug}/${locale}/articles/${a.slug}`;
        const voted = req.query.voted === 'yes' || req.query.voted === 'no' ? req.query.voted : null;
        return html(reply, 200, renderArticle(p, a, related, voted), voted ? 'no-store' : 'public, max-age=60');
      }));

    app.post<{ Params: Params; Body: Record<string, string> | undefined }>('/hc/:brand/:locale/articles/:slug/vote', hide, (req, reply) =>
      withHc(req, reply, async (hc, locale) => {
        const helpful = req.body?.helpful;
        if (helpful !== 'yes' && helpful !== 'no') throw new AppError('KB_VOTE_INVALID', 'helpful must be "yes" or "no"', 'validation');
        const found = await read((tx) => findPublicArticle(tx, hc, locale, req.params.slug.toLowerCase()));
        if (found.kind !== 'article') throw new AppError('KB_ARTICLE_NOT_FOUND', 'Article not found', 'not_found');
        let visitor = req.cookies?.[VISITOR_COOKIE];
        if (!visitor || !/^[\w-]{10,40}$/.test(visitor)) {
          visitor = randomBytes(12).toString('base64url');
          reply.setCookie(VISITOR_COOKIE, visitor, { path: '/hc', httpOnly: true, sameSite: 'lax', secure: deps.config.COOKIE_SECURE, maxAge: 365 * 86400 });
        }
        await deps.db.transaction((tx) => recordVote(visitorCtx(deps, req, hc, tx), {
          articleId: found.article.id, locale: found.article.locale, helpful: helpful === 'yes', comment: req.body?.comment ?? null, visitor,
        }));
        const target = `/hc/${hc.slug}/${locale}/articles/${found.article.slug}`;
        return reply.redirect(req.body?.comment ? `${target}?voted=${helpful}&commented=1#feedback` : `${target}?voted=${helpful}#feedback`, 303);
      }));

    app.get<{ Params: Params; Querystring: { q?: string; category?: string; label?: string } }>('/hc/:brand/:locale/search', hide, (req, reply) =>
      withHc(req, reply, async (hc, locale) => {
        const q = String(req.query.q ?? '').slice(0, 200);
        const category = req.query.category ? String(req.query.category).slice(0, 100) : null;
        const { result, tree } = await deps.db.transaction(async (tx) => {
          const ctx = visitorCtx(deps, req, hc, tx);
          const result = q.trim() ? await searchHelpCenter(ctx, { brandId: hc.id, locale, q, limit: 20, audience: 'public', category, label: req.query.label ?? null }) : { hits: [], didYouMean: null };
          if (q.trim()) await recordSearch(tx, { brandId: hc.id, locale, query: q, results: result.hits.length, topScore: result.hits[0]?.score ?? null, audience: 'public', at: deps.clock.now() });
          return { result, tree: await helpCenterTree(tx, hc, locale) };
        });
        const p = pageCtx(deps, req, hc, locale, () => `/search?${new URLSearchParams({ q }).toString()}`);
        return html(reply, 200, renderSearch(p, q, result, { categories: tree.map((c) => ({ slug: c.slug, title: c.title })), category }), 'no-store');
      }));

    app.get<{ Params: Params; Querystring: { q?: string } }>('/hc/:brand/:locale/search.json', hide, (req, reply) =>
      withHc(req, reply, async (hc, locale) => {
        const q = String(req.query.q ?? '').slice(0, 200);
        const r = await deps.db.transaction((tx) => searchHelpCenter(visitorCtx(deps, req, hc, tx), { brandId: hc.id, locale, q, limit: 6, audience: 'public' }));
        return reply.header('cache-control', 'no-store').send({
          hits: r.hits.map((h) => ({ title: h.title, url: h.url.replace(`/${h.locale}/`, `/${locale}/`), snippet: h.snippet })),
          did_you_mean: r.didYouMean, empty: hcText(locale).noResults,
        });
      }));

    app.get<{ Params: Params; Querystring: { q?: string; article?: string } }>('/hc/:brand/:locale/contact', hide, (req, reply) =>
      withHc(req, reply, async (hc) => {
        const q = req.query.q ? String(req.query.q).slice(0, 200) : null;
        const article = req.query.article && /^kba_[\w]+$/.test(req.query.article) ? req.query.article : null;
        await deps.db.transaction(async (tx) => {
          const ok = article ? await tx.maybeOne('SELECT 1 FROM kb_articles WHERE id = $1 AND brand_id = $2', [article, hc.id]) : null;
          await recordContactClick(tx, { brandId: hc.id, articleId: ok ? article : null, query: q, at: deps.clock.now() });
        });
        const qs = new URLSearchParams({ brand: hc.slug, ...(q ? { q } : {}), ...(article ? { article } : {}) });
        return reply.redirect(`/support/new?${qs.toString()}`, 302);
      }));
  });
}

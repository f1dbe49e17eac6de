import { conflict, invalid } from '../../../platform/errors.js';
import type { Queryable } from '../../../platform/db/index.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { assertBrand, authorizeManage, checkSlug } from '../kb.js';
import { normaliseLocale } from '../locales.js';

export const MAX_REDIRECT_HOPS = 5;

/** The slug is free for this article in brand+locale: no other article's published translation or open version uses it. */
export async function assertSlugFree(q: Queryable, brandId: string, locale: string, slug: string, articleId: string | null): Promise<void> {
  const taken = await q.maybeOne<{ article_id: string }>(
    `SELECT article_id FROM kb_translations WHERE brand_id = $1 AND locale = $2 AND slug = $3 AND article_id IS DISTINCT FROM $4
     UNION ALL
     SELECT v.article_id FROM kb_versions v JOIN kb_articles a ON a.id = v.article_id
      WHERE a.brand_id = $1 AND v.locale = $2 AND v.slug = $3 AND v.article_id IS DISTINCT FROM $4
        AND v.state IN ('draft','in_review','changes_requested','approved','scheduled') AND a.archived_at IS NULL
     LIMIT 1`, [brandId, locale, slug, articleId]);
  if (taken) throw conflict('KB_SLUG_TAKEN', `Slug "${slug}" is already used by another article (${taken.article_id}) in locale ${locale}`, { article_id: taken.article_id });
}

/**
 * An article moved from oldSlug to newSlug: old links answer 301 to the new one. Chains are flattened
 * (anything pointing at oldSlug now points at newSlug) and a redirect from the live slug is dropped.
 */
export async function moveSlug(q: Queryable, brandId: string, locale: string, oldSlug: string, newSlug: string, now: Date): Promise<void> {
  await q.query('DELETE FROM kb_redirects WHERE brand_id = $1 AND locale = $2 AND from_slug = $3', [brandId, locale, newSlug]);
  await q.query('UPDATE kb_redirects SET to_slug = $4 WHERE brand_id = $1 AND locale = $2 AND to_slug = $3', [brandId, locale, oldSlug, newSlug]);
  await q.query(
    `INSERT INTO kb_redirects (brand_id, locale, from_slug, to_slug, created_at) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (brand_id, locale, from_slug) DO UPDATE SET to_slug = EXCLUDED.to_slug`, [brandId, locale, oldSlug, newSlug, now]);
}

export type SlugResolution = { kind: 'article'; articleId: string } | { kind: 'redirect'; to: string } | { kind: 'missing' } | { kind: 'loop'; path: string[] };

/** A slug → the article that lives there, or where it redirects (following chains, at most 5 hops; loops reported). */
export async function resolveSlug(q: Queryable, brandId: string, locale: string, slug: string): Promise<SlugResolution> {
  const path = [slug];
  let cur = slug;
  for (let hop = 0; hop <= MAX_REDIRECT_HOPS; hop++) {
    const live = await q.maybeOne<{ article_id: string }>(
      `SELECT t.article_id FROM kb_translations t JOIN kb_articles a ON a.id = t.article_id
        WHERE t.brand_id = $1 AND t.locale = $2 AND t.slug = $3 AND a.archived_at IS NULL`, [brandId, locale, cur]);
    if (live) return hop === 0 ? { kind: 'article', articleId: live.article_id } : { kind: 'redirect', to: cur };
    const r = await q.maybeOne<{ to_slug: string }>('SELECT to_slug FROM kb_redirects WHERE brand_id = $1 AND locale = $2 AND from_slug = $3', [brandId, locale, cur]);
    if (!r) return { kind: 'missing' }; // unknown slug, or a chain that ends nowhere live
    if (path.includes(r.to_slug)) return { kind: 'loop', path: [...path, r.to_slug] };
    path.push(r.to_slug);
    cur = r.to_slug;
  }
  return { kind: 'loop', path };
}

export interface RedirectInput { brand_id: string; locale: string; from_slug: string; to_slug: string }

/** A hand-made redirect (e.g. a retired article → its replacement). Refuses loops and shadowing a live article. */
export async function createRedirect(ctx: Ctx, input: RedirectInput): Promise<RedirectInput> {
  authorizeManage(ctx.actor);
  await assertBrand(ctx, input.brand_id);
  const locale = normaliseLocale(input.locale);
  const from = checkSlug(input.from_slug);
  const to = checkSlug(input.to_slug);
  if (from === to) throw invalid('KB_REDIRECT_CYCLE', `A redirect from "${from}" to itself would loop`);
  const live = await ctx.tx.maybeOne('SELECT 1 FROM kb_translations WHERE brand_id = $1 AND locale = $2 AND slug = $3', [input.brand_id, locale, from]);
  if (live) throw conflict('KB_SLUG_TAKEN', `"${from}" is the slug of a published article; change that article's slug instead`);
  // Follow the target's chain: reaching `from` again means a loop.
  const seen = [from, to];
  let cur = to;
  for (let i = 0; i < 50; i++) {
    const r = await ctx.tx.maybeOne<{ to_slug: string }>('SELECT to_slug FROM kb_redirects WHERE brand_id = $1 AND locale = $2 AND from_slug = $3', [input.brand_id, locale, cur]);
    if (!r) break;
    if (seen.includes(r.to_slug)) throw invalid('KB_REDIRECT_CYCLE', `Redirect loop: ${[...seen, r.to_slug].join(' → ')}`, { path: [...seen, r.to_slug] });
    seen.push(r.to_slug);
    cur = r.to_slug;
  }
  await ctx.tx.query(
    `INSERT INTO kb_redirects (brand_id, locale, from_slug, to_slug, created_at) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (brand_id, locale, from_slug) DO UPDATE SET to_slug = EXCLUDED.to_slug`, [input.brand_id, locale, from, to, ctx.clock.now()]);
  await recordChange(ctx, { event: 'kb.redirect_created', aggregateType: 'brand', aggregateId: input.brand_id, payload: { locale, from_slug: from, to_slug: to } });
  return { brand_id: input.brand_id, locale, from_slug: from, to_slug: to };
}

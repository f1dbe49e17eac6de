import { notFound } from '../../../platform/errors.js';
import type { Queryable } from '../../../platform/db/index.js';
import { pickLocalised, settingsOf, type HelpCenterSettings } from '../kb.js';
import { isKnownLocale } from '../locales.js';
import { resolveSlug } from '../commands/redirects.js';

/** Public Help Center reads: anonymous, public articles only. The server renders these as HTML. */
export interface HcBrand { id: string; workspace_id: string; slug: string; name: string; settings: HelpCenterSettings }

export async function loadHelpCenter(q: Queryable, brandSlug: string): Promise<HcBrand> {
  const b = await q.maybeOne<{ id: string; workspace_id: string; slug: string; name: string }>('SELECT id, workspace_id, slug, name FROM brands WHERE slug = $1 ORDER BY created_at LIMIT 1', [brandSlug]);
  if (!b) throw notFound('KB_HELP_CENTER_NOT_FOUND', 'Help Center');
  const settings = await settingsOf(q, b.id);
  if (!settings.is_enabled) throw notFound('KB_HELP_CENTER_NOT_FOUND', 'Help Center');
  return { ...b, settings };
}

/** The locale to serve: one of the Help Center's locales, or null (→ redirect to the default). */
export function servedLocale(hc: HcBrand, raw: string): string | null {
  const l = raw.toLowerCase();
  return isKnownLocale(l) && hc.settings.locales.includes(l) ? l : null;
}

export interface HcArticleRef { id: string; locale: string; slug: string; title: string; section_id: string | null; description: string; is_promoted: boolean; position: number }

/** Public articles of a brand in a locale, falling back per article to the default locale. */
export async function publicArticles(q: Queryable, hc: HcBrand, locale: string, opts: { sectionIds?: string[]; ids?: string[]; limit?: number } = {}): Promise<HcArticleRef[]> {
  return q.query<HcArticleRef>(
    `SELECT DISTINCT ON (a.id) a.id, t.locale, t.slug, t.title, a.section_id, t.description, a.is_promoted, a.position
       FROM kb_articles a JOIN kb_translations t ON t.article_id = a.id AND t.locale IN ($2, $3)
      WHERE a.brand_id = $1 AND a.visibility = 'public' AND a.archived_at IS NULL
        AND ($4::text[] IS NULL OR a.section_id = ANY($4)) AND ($5::text[] IS NULL OR a.id = ANY($5))
      ORDER BY a.id, (t.locale = $2) DESC`, [hc.id, locale, hc.settings.default_locale, opts.sectionIds ?? null, opts.ids ?? null])
    .then((rows) => rows.sort((x, y) => Number(y.is_promoted) - Number(x.is_promoted) || x.position - y.position || x.title.localeCompare(y.title)).slice(0, opts.limit ?? 1000));
}

export interface HcCategory { id: string; slug: string; title: string; description: string; sections: Array<{ id: string; slug: string; title: string; articles: HcArticleRef[] }> }

export async function helpCenterTree(q: Queryable, hc: HcBrand, locale: string, categorySlug?: string): Promise<HcCategory[]> {
  const cats = await q.query<{ id: string; slug: string; titles: Record<string, string>; descriptions: Record<string, string> }>(
    'SELECT id, slug, titles, descriptions FROM kb_categories WHERE brand_id = $1 AND ($2::text IS NULL OR slug = $2) ORDER BY position, slug', [hc.id, categorySlug ?? null]);
  if (categorySlug && !cats.length) throw notFound('KB_CATEGORY_NOT_FOUND', 'Category');
  const secs = await q.query<{ id: string; slug: string; category_id: string; titles: Record<string, string> }>(
    'SELECT id, slug, category_id, titles FROM kb_sections WHERE category_id = ANY($1) ORDER BY position, slug', [cats.map((c) => c.id)]);
  const arts = await publicArticles(q, hc, locale, { sectionIds: secs.map((s) => s.id) });
  const d = hc.settings.default_locale;
  return cats.map((c) => ({
    id: c.id, slug: c.slug, title: pickLocalised(c.titles, locale, d), description: pickLocalised(c.descriptions, locale, d),
    sections: secs.filter((s) => s.category_id === c.id).map((s) => ({ id: s.id, slug: s.slug, title: pickLocalised(s.titles, locale, d), articles: arts.filter((a) => a.section_id === s.id) }))
      .filter((s) => s.articles.length > 0),
  })).filter((c) => categorySlug || c.sections.length > 0);
}

export interface HcArticle {
  id: string; locale: string; slug: string; title: string; description: string; body_html: string; body_text: string; published_at: Date; updated_at: Date;
  labels: string[]; section: { id: string; slug: string; title: string } | null; category: { id: string; slug: string; title: string } | null;
  /** Other locales this article is published in: locale → slug (for hreflang and the switcher). */
  alternates: Record<string, string>;
  /** True when the requested locale has no translation and the default locale's text is shown. */
  isFallback: boolean;
}

export type HcArticleLookup = { kind: 'article'; article: HcArticle } | { kind: 'redirect'; locale: string; slug: string } | { kind: 'missing' };

async function loadPublic(q: Queryable, hc: HcBrand, articleId: string, locale: string, requested: string): Promise<HcArticle | null> {
  const r = await q.maybeOne<Omit<HcArticle, 'section' | 'category' | 'alternates' | 'isFallback'> & { section_id: string | null; s_slug: string | null; s_titles: Record<string, string> | null; c_id: string | null; c_slug: string | null; c_titles: Record<string, string> | null }>(
    `SELECT a.id, t.locale, t.slug, t.title, t.description, t.body_html, t.body_text, t.published_at, t.updated_at, a.labels, a.section_id,
            s.slug AS s_slug, s.titles AS s_titles, c.id AS c_id, c.slug AS c_slug, c.titles AS c_titles
       FROM kb_articles a JOIN kb_translations t ON t.article_id = a.id AND t.locale = $3
       LEFT JOIN kb_sections s ON s.id = a.section_id LEFT JOIN kb_categories c ON c.id = s.category_id
      WHERE a.id = $1 AND a.brand_id = $2 AND a.visibility = 'public' AND a.archived_at IS NULL`, [articleId, hc.id, locale]);
  if (!r) return null;
  const alts = await q.query<{ locale: string; slug: string }>('SELECT locale, slug FROM kb_translations WHERE article_id = $1 AND locale = ANY($2)', [articleId, hc.settings.locales]);
  const d = hc.settings.default_locale;
  return {
    id: r.id, locale: r.locale, slug: r.slug, title: r.title, description: r.description, body_html: r.body_html, body_text: r.body_text,
    published_at: r.published_at, updated_at: r.updated_at, labels: r.labels,
    section: r.section_id && r.s_slug ? { id: r.section_id, slug: r.s_slug, title: pickLocalised(r.s_titles, requested, d) } : null,
    category: r.c_id && r.c_slug ? { id: r.c_id, slug: r.c_slug, title: pickLocalised(r.c_titles, requested, d) } : null,
    alternates: Object.fromEntries(alts.map((a) => [a.locale, a.slug])), isFallback: locale !== requested,
  };
}

/**
 * A public article by slug in a locale: the live slug renders; an old slug or a hand-made redirect → 301;
 * a slug of the default locale with no translation here → the default text (fallback); a translation exists → 301 to it.
 */
export async function findPublicArticle(q: Queryable, hc: HcBrand, locale: string, slug: string): Promise<HcArticleLookup> {
  const r = await resolveSlug(q, hc.id, locale, slug);
  if (r.kind === 'article') {
    const a = await loadPublic(q, hc, r.articleId, locale, locale);
    return a ? { kind: 'article', article: a } : { kind: 'missing' };
  }
  if (r.kind === 'redirect') return { kind: 'redirect', locale, slug: r.to };
  const d = hc.settings.default_locale;
  if (locale === d) return { kind: 'missing' };
  const fb = await resolveSlug(q, hc.id, d, slug);
  if (fb.kind === 'loop' || fb.kind === 'missing') return { kind: 'missing' };
  if (fb.kind === 'redirect') return { kind: 'redirect', locale, slug: fb.to };
  const own = await q.maybeOne<{ slug: string }>('SELECT slug FROM kb_translations WHERE article_id = $1 AND locale = $2', [fb.articleId, locale]);
  if (own) return { kind: 'redirect', locale, slug: own.slug };
  const a = await loadPublic(q, hc, fb.articleId, d, locale);
  return a ? { kind: 'article', article: a } : { kind: 'missing' };
}

/** Up to 5 related public articles: same section first, then shared labels. */
export async function relatedArticles(q: Queryable, hc: HcBrand, locale: string, a: HcArticle): Promise<HcArticleRef[]> {
  const ids = await q.query<{ id: string }>(
    `SELECT o.id FROM kb_articles o WHERE o.brand_id = $1 AND o.id <> $2 AND o.visibility = 'public' AND o.archived_at IS NULL
        AND (o.section_id = $3 OR o.labels && $4::text[])
      ORDER BY (o.section_id IS NOT DISTINCT FROM $3) DESC, cardinality(ARRAY(SELECT unnest(o.labels) INTERSECT SELECT unnest($4::text[]))) DESC, o.position, o.id LIMIT 5`,
    [hc.id, a.id, a.section?.id ?? null, a.labels]);
  if (!ids.length) return [];
  const refs = await publicArticles(q, hc, locale, { ids: ids.map((i) => i.id) });
  return ids.map((i) => refs.find((r) => r.id === i.id)).filter((r): r is HcArticleRef => Boolean(r));
}

/** Every public article with its published locales (sitemap.xml with hreflang alternates). */
export async function sitemapEntries(q: Queryable, hc: HcBrand): Promise<Array<{ id: string; updated_at: Date; slugs: Record<string, string> }>> {
  const rows = await q.query<{ id: string; locale: string; slug: string; updated_at: Date }>(
    `SELECT a.id, t.locale, t.slug, t.updated_at FROM kb_articles a JOIN kb_translations t ON t.article_id = a.id
      WHERE a.brand_id = $1 AND a.visibility = 'public' AND a.archived_at IS NULL AND t.locale = ANY($2) ORDER BY a.id, t.locale`, [hc.id, hc.settings.locales]);
  const by = new Map<string, { id: string; updated_at: Date; slugs: Record<string, string> }>();
  for (const r of rows) {
    const e = by.get(r.id) ?? { id: r.id, updated_at: r.updated_at, slugs: {} };
    e.slugs[r.locale] = r.slug;
    if (new Date(r.updated_at) > new Date(e.updated_at)) e.updated_at = r.updated_at;
    by.set(r.id, e);
  }
  return [...by.values()];
}

import { authorize, canSeeBrand, type Ctx } from '../../kernel/index.js';
import { ARTICLE_COLUMNS, VERSION_COLUMNS, loadArticle, settingsOf, type Article, type Version } from '../kb.js';
import { qualify } from '../../../platform/db/sql.js';

export interface TranslationStatus {
  locale: string;
  /** source = the article's original; current = translated from the latest source; outdated = the source changed since; missing. */
  status: 'source' | 'current' | 'outdated' | 'missing';
  slug: string | null;
  title: string | null;
  version_number: number | null;
  source_version: number | null;
  open_version: { id: string; number: number; state: string } | null;
}

export interface ArticleDetail {
  article: Article;
  versions: Version[];
  translations: TranslationStatus[];
}

/** Translation state of each Help Center locale: "outdated when the source changed". */
export function translationStatuses(article: Article, locales: string[], live: Array<{ locale: string; slug: string; title: string; version_number: number; source_version: number | null }>, versions: Version[]): TranslationStatus[] {
  const src = live.find((l) => l.locale === article.source_locale);
  const all = [...new Set([article.source_locale, ...locales, ...live.map((l) => l.locale)])];
  return all.map((locale) => {
    const l = live.find((x) => x.locale === locale);
    const open = versions.filter((v) => v.locale === locale && !['published', 'superseded'].includes(v.state)).sort((a, b) => b.number - a.number)[0];
    const status: TranslationStatus['status'] = locale === article.source_locale ? 'source'
      : !l ? 'missing' : src && (l.source_version ?? 0) < src.version_number ? 'outdated' : 'current';
    return {
      locale, status, slug: l?.slug ?? null, title: l?.title ?? null, version_number: l?.version_number ?? null, source_version: l?.source_version ?? null,
      open_version: open ? { id: open.id, number: open.number, state: open.state } : null,
    };
  });
}

export async function getArticleDetail(ctx: Ctx, id: string): Promise<ArticleDetail> {
  authorize(ctx.actor, 'kb.read_internal');
  const article = await loadArticle(ctx, id);
  const versions = await ctx.tx.query<Version>(`SELECT ${VERSION_COLUMNS} FROM kb_versions WHERE article_id = $1 ORDER BY locale, number DESC`, [id]);
  const live = await ctx.tx.query<{ locale: string; slug: string; title: string; version_number: number; source_version: number | null }>(
    'SELECT locale, slug, title, version_number, source_version FROM kb_translations WHERE article_id = $1', [id]);
  const settings = await settingsOf(ctx.tx, article.brand_id);
  return { article, versions, translations: translationStatuses(article, settings.locales, live, versions) };
}

export interface ArticleListItem extends Article {
  title: string;
  slug: string | null;
  state: string;
  locales: string[];
  outdated_locales: string[];
  views_30d: number;
  helpful: number;
  not_helpful: number;
}

export interface ListArticlesFilter { brand_id?: string; section_id?: string; state?: 'draft' | 'in_review' | 'approved' | 'scheduled' | 'published' | 'review_due' | 'archived'; q?: string; label?: string; limit?: number }

/** The editors' article list: latest title, workflow state, locales (with outdated ones), 30-day views and votes. */
export async function listArticles(ctx: Ctx, f: ListArticlesFilter): Promise<ArticleListItem[]> {
  authorize(ctx.actor, 'kb.read_internal');
  const since = new Date(ctx.clock.now().getTime() - 30 * 86400_000);
  const rows = await ctx.tx.query<ArticleListItem>(
    `SELECT ${qualify(ARTICLE_COLUMNS, 'a')},
       lv.title, coalesce(src.slug, lv.slug) AS slug, lv.state,
       coalesce((SELECT array_agg(t.locale ORDER BY t.locale) FROM kb_translations t WHERE t.article_id = a.id), '{}') AS locales,
       coalesce((SELECT array_agg(t.locale ORDER BY t.locale) FROM kb_translations t WHERE t.article_id = a.id AND t.locale <> a.source_locale
                   AND coalesce(t.source_version, 0) < coalesce(src.version_number, 0)), '{}') AS outdated_locales,
       coalesce((SELECT sum(views)::int FROM kb_views v WHERE v.article_id = a.id AND v.day >= $3::date), 0) AS views_30d,
       (SELECT count(*)::int FROM kb_votes v WHERE v.article_id = a.id AND v.is_helpful) AS helpful,
       (SELECT count(*)::int FROM kb_votes v WHERE v.article_id = a.id AND NOT v.is_helpful) AS not_helpful
     FROM kb_articles a
     LEFT JOIN kb_translations src ON src.article_id = a.id AND src.locale = a.source_locale
     CROSS JOIN LATERAL (SELECT v.title, v.slug, v.state FROM kb_versions v WHERE v.article_id = a.id AND v.locale = a.source_locale ORDER BY v.number DESC LIMIT 1) lv
     WHERE a.workspace_id = $1 AND ($2::text IS NULL OR a.brand_id = $2)
       AND ($4::text IS NULL OR a.section_id = $4)
       AND ($5::text IS NULL OR lv.title ILIKE '%' || $5 || '%')
       AND ($6::text IS NULL OR $6 = ANY(a.labels))
       AND (CASE WHEN $7::text = 'archived' THEN a.archived_at IS NOT NULL ELSE a.archived_at IS NULL END)
       AND ($7::text IS NULL OR $7 = 'archived' OR ($7 = 'review_due' AND a.review_due_at <= $8) OR lv.state = $7
            OR ($7 = 'published' AND src.article_id IS NOT NULL))
     ORDER BY a.updated_at DESC, a.id LIMIT $9`,
    [ctx.actor.workspaceId, f.brand_id ?? null, since, f.section_id ?? null, f.q?.replace(/[%_\\]/g, '') || null, f.label ?? null, f.state ?? null,
      ctx.clock.now(), Math.min(f.limit ?? 100, 500)]);
  return rows.filter((r) => canSeeBrand(ctx.actor, r.brand_id));
}

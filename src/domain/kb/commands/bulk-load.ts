import { invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { recordChanges, type Change, type Ctx } from '../../kernel/index.js';
import type { ImportItem } from '../import-formats.js';
import { assertBrand, authorizeManage, checkSlug, slugFromTitle } from '../kb.js';
import { normaliseLocale, regconfigOf } from '../locales.js';
import { renderMarkdown } from '../render.js';
import { normaliseLabels } from './create-article.js';
import { wordsOf } from './publish-version.js';

const json = (rows: object[]) => JSON.stringify(rows);

/**
 * Publish a whole set of articles and translations into an EMPTY brand in a handful of statements
 * (the demo seed: ~100 articles in well under a second). Same rendering, slug and translation rules as the
 * workflow; each article gets one published version (approved by the system actor) and one
 * `kb.article_published` event per locale. Use importArticle() for anything that may already exist.
 */
export async function bulkLoadArticles(ctx: Ctx, brandId: string, items: ImportItem[], sectionIds: Record<string, string>): Promise<Map<string, string>> {
  authorizeManage(ctx.actor);
  if (ctx.actor.type !== 'system') throw invalid('KB_BULK_SYSTEM_ONLY', 'Bulk loading publishes without review; only the system actor may do it');
  await assertBrand(ctx, brandId);
  const existing = await ctx.tx.maybeOne('SELECT 1 FROM kb_articles WHERE brand_id = $1 LIMIT 1', [brandId]);
  if (existing) throw invalid('KB_BULK_NOT_EMPTY', 'Bulk loading needs a brand without articles; use import instead');
  const now = ctx.clock.now();
  const ws = ctx.actor.workspaceId;
  const idOf = new Map<string, string>();
  const sourceLocale = new Map<string, string>();
  const articles: object[] = [];
  const versions: object[] = [];
  const translations: object[] = [];
  const words = new Set<string>();
  const slugs = new Set<string>();
  const changes: Change[] = [];
  for (const item of [...items.filter((i) => !i.sourceKey), ...items.filter((i) => i.sourceKey)]) {
    const locale = normaliseLocale(item.locale);
    const slug = checkSlug(item.slug ?? slugFromTitle(item.title));
    if (slugs.has(`${locale}/${slug}`)) throw invalid('KB_SLUG_TAKEN', `${item.origin}: slug "${slug}" is used twice in ${locale}`);
    slugs.add(`${locale}/${slug}`);
    const r = renderMarkdown(item.body);
    let articleId: string;
    if (item.sourceKey) {
      const src = idOf.get(item.sourceKey);
      if (!src) throw invalid('KB_TRANSLATION_WITHOUT_SOURCE', `${item.origin}: translation without a source ("${item.sourceKey}")`);
      if (sourceLocale.get(src) === locale) throw invalid('KB_TRANSLATION_SAME_LOCALE', `${item.origin}: same locale as its source`);
      articleId = src;
    } else {
      if (idOf.has(item.key)) throw invalid('KB_DUPLICATE_ARTICLE', `${item.origin}: "${item.key}" appears twice`);
      articleId = newId('kba', now);
      idOf.set(item.key, articleId);
      sourceLocale.set(articleId, locale);
      const sectionId = item.section ? sectionIds[item.section] : null;
      if (item.section && !sectionId) throw invalid('KB_SECTION_NOT_FOUND', `${item.origin}: unknown section "${item.section}"`);
      if (item.visibility === 'restricted' && !item.segments.length) throw invalid('KB_SEGMENTS_REQUIRED', `${item.origin}: restricted without segments`);
      articles.push({ id: articleId, workspace_id: ws, brand_id: brandId, section_id: sectionId, source_locale: locale, visibility: item.visibility,
        segments: item.segments.map((x) => x.toLowerCase()), labels: normaliseLabels(item.labels) ?? [], is_promoted: item.promoted, external_id: item.key,
        review_due_at: new Date(now.getTime() + 90 * 86400_000).toISOString(), created_at: now.toISOString(), updated_at: now.toISOString() });
      changes.push({ event: 'kb.article_created', aggregateType: 'kb_article', aggregateId: articleId, payload: { brand_id: brandId, locale, visibility: item.visibility, title: item.title } });
    }
    const versionId = newId('kbv', now);
    const isSource = !item.sourceKey;
    versions.push({ id: versionId, workspace_id: ws, article_id: articleId, locale, title: item.title, slug, description: item.description, body_md: item.body,
      source_version: isSource ? null : 1, reviewer_id: null, created_at: now.toISOString() });
    translations.push({ article_id: articleId, locale, workspace_id: ws, brand_id: brandId, version_id: versionId, source_version: isSource ? null : 1, slug,
      title: item.title, description: item.description, body_html: r.html, body_text: r.text, headings: r.headings, regconfig: regconfigOf(locale), published_at: now.toISOString() });
    for (const w of wordsOf(`${item.title}\n${r.headings}\n${r.text}`)) words.add(`${locale}\u0000${w}`);
    changes.push({ event: 'kb.article_published', aggregateType: 'kb_article', aggregateId: articleId, payload: { version_id: versionId, locale, number: 1, slug, title: item.title, previous_slug: null } });
  }
  await ctx.tx.query(
    `INSERT INTO kb_articles (id, workspace_id, brand_id, section_id, source_locale, visibility, segments, labels, is_promoted, external_id, review_due_at, created_at, updated_at)
     SELECT id, workspace_id, brand_id, section_id, source_locale, visibility, segments, labels, is_promoted, external_id, review_due_at, created_at, updated_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, workspace_id text, brand_id text, section_id text, source_locale text, visibility text, segments text[],
         labels text[], is_promoted boolean, external_id text, review_due_at timestamptz, created_at timestamptz, updated_at timestamptz)`, [json(articles)]);
  await ctx.tx.query(
    `INSERT INTO kb_versions (id, workspace_id, article_id, locale, number, state, title, slug, description, body_md, source_version, reviewer_id, review_note, published_at, created_at, updated_at)
     SELECT id, workspace_id, article_id, locale, 1, 'published', title, slug, description, body_md, source_version, reviewer_id, 'imported', created_at, created_at, created_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, workspace_id text, article_id text, locale text, title text, slug text, description text, body_md text,
         source_version integer, reviewer_id text, created_at timestamptz)`, [json(versions)]);
  await ctx.tx.query(
    `INSERT INTO kb_translations (article_id, locale, workspace_id, brand_id, version_id, version_number, source_version, slug, title, description, body_html, body_text, headings, regconfig, published_at, updated_at)
     SELECT article_id, locale, workspace_id, brand_id, version_id, 1, source_version, slug, title, description, body_html, body_text, headings, regconfig::regconfig, published_at, published_at
       FROM jsonb_to_recordset($1::jsonb) AS r(article_id text, locale text, workspace_id text, brand_id text, version_id text, source_version integer, slug text,
         title text, description text, body_html text, body_text text, headings text, regconfig text, published_at timestamptz)`, [json(translations)]);
  const wl = [...words].map((w) => w.split('\u0000'));
  await ctx.tx.query(`INSERT INTO kb_words (brand_id, locale, word) SELECT $1, l, w FROM unnest($2::text[], $3::text[]) AS u(l, w) ON CONFLICT DO NOTHING`,
    [brandId, wl.map((x) => x[0]), wl.map((x) => x[1])]);
  await recordChanges(ctx, changes);
  return idOf;
}

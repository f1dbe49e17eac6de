import { invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { recordChange, systemActor, type Ctx } from '../../kernel/index.js';
import { VERSION_COLUMNS, authorizeManage, loadVersion, type Article, type Version } from '../kb.js';
import { regconfigOf } from '../locales.js';
import { renderMarkdown } from '../render.js';
import { assertSlugFree, moveSlug } from './redirects.js';
import { publishedSourceVersion } from './save-draft.js';

/** Distinct words (3–30 letters) of a text: the typo-correction dictionary. */
export function wordsOf(text: string, max = 3000): string[] {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]{3,30}/gu) ?? []) {
    out.add(w);
    if (out.size >= max) break;
  }
  return [...out];
}

/** Make this version the live one for its locale (rendering, search row, slug redirects, review date). */
async function goLive(ctx: Ctx, article: Article, version: Version): Promise<Version> {
  const rendered = renderMarkdown(version.body_md);
  if (version.locale !== article.source_locale && (await publishedSourceVersion(ctx, article)) === null) {
    throw invalid('KB_TRANSLATION_WITHOUT_SOURCE', `The ${article.source_locale} source of this article is not published`);
  }
  await assertSlugFree(ctx.tx, article.brand_id, version.locale, version.slug, article.id);
  const now = ctx.clock.now();
  const prev = await ctx.tx.maybeOne<{ slug: string }>('SELECT slug FROM kb_translations WHERE article_id = $1 AND locale = $2', [article.id, version.locale]);
  await ctx.tx.query(`UPDATE kb_versions SET state = 'superseded', updated_at = $3 WHERE article_id = $1 AND locale = $2 AND state = 'published'`, [article.id, version.locale, now]);
  const live = await ctx.tx.one<Version>(
    `UPDATE kb_versions SET state = 'published', published_at = $2, publish_at = NULL, updated_at = $2 WHERE id = $1 RETURNING ${VERSION_COLUMNS}`, [version.id, now]);
  await ctx.tx.query(
    `INSERT INTO kb_translations (article_id, locale, workspace_id, brand_id, version_id, version_number, source_version, slug, title, description,
       body_html, body_text, headings, regconfig, published_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14::regconfig,$15,$15)
     ON CONFLICT (article_id, locale) DO UPDATE SET version_id = EXCLUDED.version_id, version_number = EXCLUDED.version_number,
       source_version = EXCLUDED.source_version, slug = EXCLUDED.slug, title = EXCLUDED.title, description = EXCLUDED.description,
       body_html = EXCLUDED.body_html, body_text = EXCLUDED.body_text, headings = EXCLUDED.headings, regconfig = EXCLUDED.regconfig,
       published_at = EXCLUDED.published_at, updated_at = EXCLUDED.updated_at`,
    [article.id, version.locale, article.workspace_id, article.brand_id, version.id, version.number,
      version.locale === article.source_locale ? null : version.source_version, version.slug, version.title, version.description,
      rendered.html, rendered.text, rendered.headings, regconfigOf(version.locale), now]);
  if (prev && prev.slug !== version.slug) await moveSlug(ctx.tx, article.brand_id, version.locale, prev.slug, version.slug, now);
  else await ctx.tx.query('DELETE FROM kb_redirects WHERE brand_id = $1 AND locale = $2 AND from_slug = $3', [article.brand_id, version.locale, version.slug]);
  await ctx.tx.query('INSERT INTO kb_words (brand_id, locale, word) SELECT $1, $2, w FROM unnest($3::text[]) AS w ON CONFLICT DO NOTHING',
    [article.brand_id, version.locale, wordsOf(`${version.title}\n${rendered.headings}\n${rendered.text}`)]);
  if (version.locale === article.source_locale) {
    await ctx.tx.query(`UPDATE kb_articles SET review_due_at = $2::timestamptz + make_interval(days => review_interval_days), review_reminded_at = NULL, updated_at = $2 WHERE id = $1`, [article.id, now]);
  }
  await recordChange(ctx, {
    event: 'kb.article_published', aggregateType: 'kb_article', aggregateId: article.id,
    payload: { version_id: version.id, locale: version.locale, number: version.number, slug: version.slug, title: version.title, previous_slug: prev?.slug ?? null },
  });
  return live;
}

/** Publish an approved version now, or schedule it (publish_at in the future). */
export async function publishVersion(ctx: Ctx, versionId: string, opts: { publish_at?: Date | null } = {}): Promise<Version> {
  authorizeManage(ctx.actor);
  const { version, article } = await loadVersion(ctx, versionId);
  if (article.archived_at) throw invalid('KB_ARTICLE_ARCHIVED', 'The article is archived');
  if (version.state !== 'approved' && version.state !== 'scheduled') {
    throw invalid('KB_VERSION_NOT_APPROVED', `Version ${version.number} (${version.locale}) is ${version.state}; only approved versions can be published`, { state: version.state });
  }
  const at = opts.publish_at ?? null;
  if (at && at.getTime() > ctx.clock.now().getTime()) {
    renderMarkdown(version.body_md);
    const v = await ctx.tx.one<Version>(`UPDATE kb_versions SET state = 'scheduled', publish_at = $2, updated_at = $3 WHERE id = $1 RETURNING ${VERSION_COLUMNS}`, [versionId, at, ctx.clock.now()]);
    await recordChange(ctx, { event: 'kb.version_scheduled', aggregateType: 'kb_article', aggregateId: article.id, payload: { version_id: v.id, locale: v.locale, number: v.number, publish_at: at.toISOString() } });
    return v;
  }
  return goLive(ctx, article, version);
}

/**
 * Sweep: publish every scheduled version whose time has come (by ctx.clock). Idempotent; run it from the
 * job queue every minute (or call it with a ManualClock in tests). Returns the versions published.
 */
export async function publishDueVersions(ctx: Ctx): Promise<Version[]> {
  const due = await ctx.tx.query<{ id: string; workspace_id: string }>(
    `SELECT id, workspace_id FROM kb_versions WHERE state = 'scheduled' AND publish_at <= $1 ORDER BY publish_at, id LIMIT 200`, [ctx.clock.now()]);
  const out: Version[] = [];
  for (const d of due) {
    const sys: Ctx = { ...ctx, actor: systemActor(d.workspace_id), meta: { ...ctx.meta, channel: 'system' } };
    const { version, article } = await loadVersion(sys, d.id);
    out.push(await goLive(sys, article, version));
  }
  return out;
}

/** Start a new draft from an old version's content (history → restore); it goes through review again. */
export async function restoreVersion(ctx: Ctx, versionId: string): Promise<Version> {
  authorizeManage(ctx.actor);
  const { version, article } = await loadVersion(ctx, versionId);
  const now = ctx.clock.now();
  const open = await ctx.tx.maybeOne<{ id: string }>(
    `SELECT id FROM kb_versions WHERE article_id = $1 AND locale = $2 AND state IN ('draft','changes_requested','in_review') LIMIT 1`, [article.id, version.locale]);
  if (open) throw invalid('KB_DRAFT_EXISTS', 'Finish or discard the open draft of this locale before restoring an old version');
  const max = await ctx.tx.one<{ n: number }>('SELECT max(number)::int AS n FROM kb_versions WHERE article_id = $1 AND locale = $2', [article.id, version.locale]);
  const source = version.locale === article.source_locale ? null : await publishedSourceVersion(ctx, article);
  const v = await ctx.tx.one<Version>(
    `INSERT INTO kb_versions (id, workspace_id, article_id, locale, number, state, title, slug, description, body_md, source_version, restored_from, author_id, created_at, updated_at)
     SELECT $2, workspace_id, article_id, locale, $3, 'draft', title, slug, description, body_md, $4, number, $5, $6, $6 FROM kb_versions WHERE id = $1
     RETURNING ${VERSION_COLUMNS}`, [versionId, newId('kbv', now), max.n + 1, source, ctx.actor.id, now]);
  await recordChange(ctx, { event: 'kb.version_restored', aggregateType: 'kb_article', aggregateId: article.id, payload: { version_id: v.id, locale: v.locale, number: v.number, restored_from: version.number } });
  return v;
}

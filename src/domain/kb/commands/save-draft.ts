import { forbidden, invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { can, recordChange, type Ctx } from '../../kernel/index.js';
import { VERSION_COLUMNS, authorizeManage, checkSlug, loadArticle, slugFromTitle, type Article, type Version } from '../kb.js';
import { normaliseLocale } from '../locales.js';
import { MAX_TITLE_CHARS, renderMarkdown } from '../render.js';
import { assertSlugFree } from './redirects.js';

export interface DraftInput {
  locale?: string;
  title?: string;
  body?: string;
  description?: string;
  slug?: string;
}

export interface DraftResult { version: Version; warnings: string[] }

export const OPEN_STATES = ['draft', 'changes_requested'] as const;

/** The published version number of the article's source locale (null if the source was never published). */
export async function publishedSourceVersion(ctx: Ctx, article: Article): Promise<number | null> {
  const r = await ctx.tx.maybeOne<{ version_number: number }>('SELECT version_number FROM kb_translations WHERE article_id = $1 AND locale = $2', [article.id, article.source_locale]);
  return r?.version_number ?? null;
}

export function checkTitle(title: string): string {
  const t = title.replace(/\s+/g, ' ').trim();
  if (!t) throw invalid('KB_TITLE_REQUIRED', 'An article needs a title');
  if (t.length > MAX_TITLE_CHARS) throw invalid('KB_TITLE_TOO_LONG', `Titles are limited to ${MAX_TITLE_CHARS} characters`);
  return t;
}

/**
 * Save an edit of one locale of an article. An open draft (draft / changes requested) is updated in place;
 * otherwise a new version is started from the latest one. Translations need a published source.
 */
export async function saveDraft(ctx: Ctx, articleId: string, input: DraftInput): Promise<DraftResult> {
  authorizeManage(ctx.actor);
  const article = await loadArticle(ctx, articleId, { forUpdate: true });
  if (article.archived_at) throw invalid('KB_ARTICLE_ARCHIVED', 'The article is archived');
  const locale = normaliseLocale(input.locale ?? article.source_locale);
  let sourceVersion: number | null = null;
  if (locale !== article.source_locale) {
    sourceVersion = await publishedSourceVersion(ctx, article);
    if (sourceVersion === null) {
      throw invalid('KB_TRANSLATION_WITHOUT_SOURCE', `Publish the ${article.source_locale} source of this article before translating it into ${locale}`);
    }
  }
  const latest = await ctx.tx.maybeOne<Version>(
    `SELECT ${VERSION_COLUMNS} FROM kb_versions WHERE article_id = $1 AND locale = $2 ORDER BY number DESC LIMIT 1`, [articleId, locale]);
  const title = checkTitle(input.title ?? latest?.title ?? '');
  const body = input.body ?? latest?.body_md ?? '';
  const { warnings } = renderMarkdown(body);
  const slug = checkSlug(input.slug ?? latest?.slug ?? slugFromTitle(title));
  await assertSlugFree(ctx.tx, article.brand_id, locale, slug, articleId);
  const description = (input.description ?? latest?.description ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
  const now = ctx.clock.now();
  let version: Version;
  if (latest && (OPEN_STATES as readonly string[]).includes(latest.state)) {
    if (latest.author_id && latest.author_id !== ctx.actor.id && !can(ctx.actor, 'brands.manage') && ctx.actor.type !== 'system') {
      throw forbidden('This draft belongs to another author; an admin may edit it', 'KB_DRAFT_NOT_YOURS');
    }
    version = await ctx.tx.one<Version>(
      `UPDATE kb_versions SET title = $2, body_md = $3, slug = $4, description = $5, source_version = coalesce($6, source_version), state = 'draft',
         updated_at = $7 WHERE id = $1 RETURNING ${VERSION_COLUMNS}`, [latest.id, title, body, slug, description, sourceVersion, now]);
  } else {
    version = await ctx.tx.one<Version>(
      `INSERT INTO kb_versions (id, workspace_id, article_id, locale, number, state, title, slug, description, body_md, source_version, author_id, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,'draft',$6,$7,$8,$9,$10,$11,$12,$12) RETURNING ${VERSION_COLUMNS}`,
      [newId('kbv', now), ctx.actor.workspaceId, articleId, locale, (latest?.number ?? 0) + 1, title, slug, description, body, sourceVersion, ctx.actor.id, now]);
  }
  await ctx.tx.query('UPDATE kb_articles SET updated_at = $2 WHERE id = $1', [articleId, now]);
  await recordChange(ctx, {
    event: 'kb.version_saved', aggregateType: 'kb_article', aggregateId: articleId,
    payload: { version_id: version.id, locale, number: version.number, title, slug },
  });
  return { version, warnings };
}

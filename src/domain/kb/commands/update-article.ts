import { invalid } from '../../../platform/errors.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { ARTICLE_COLUMNS, authorizeManage, loadArticle, type Article } from '../kb.js';
import { checkMeta, type ArticleMetaInput } from './create-article.js';

/** Article metadata (section, visibility, segments, labels, owner, review interval) — not versioned, applies at once. */
export async function updateArticle(ctx: Ctx, id: string, input: ArticleMetaInput): Promise<Article> {
  authorizeManage(ctx.actor);
  const cur = await loadArticle(ctx, id, { forUpdate: true });
  const m = await checkMeta(ctx, cur.brand_id, input);
  const visibility = m.visibility ?? cur.visibility;
  const segments = m.segments ?? cur.segments;
  if (visibility === 'restricted' && segments.length === 0) throw invalid('KB_SEGMENTS_REQUIRED', 'A restricted article needs at least one segment (e.g. "vip", "creator")');
  const interval = m.review_interval_days ?? cur.review_interval_days;
  const a = await ctx.tx.one<Article>(
    `UPDATE kb_articles SET section_id = $2, visibility = $3, segments = $4, labels = $5, owner_id = $6, review_interval_days = $7,
       position = $8, is_promoted = $9, updated_at = $10,
       review_due_at = CASE WHEN $7 <> review_interval_days AND review_due_at IS NOT NULL
         THEN review_due_at + make_interval(days => $7 - review_interval_days) ELSE review_due_at END
     WHERE id = $1 RETURNING ${ARTICLE_COLUMNS}`,
    [id, m.section_id === undefined ? cur.section_id : m.section_id, visibility, segments, m.labels ?? cur.labels,
      m.owner_id === undefined ? cur.owner_id : m.owner_id, interval, m.position ?? cur.position, m.is_promoted ?? cur.is_promoted, ctx.clock.now()]);
  await recordChange(ctx, { event: 'kb.article_updated', aggregateType: 'kb_article', aggregateId: id, payload: { ...input } });
  return a;
}

/** Take an article off the Help Center and out of search (its history stays). */
export async function archiveArticle(ctx: Ctx, id: string): Promise<Article> {
  authorizeManage(ctx.actor);
  await loadArticle(ctx, id, { forUpdate: true });
  const a = await ctx.tx.one<Article>(`UPDATE kb_articles SET archived_at = $2, updated_at = $2 WHERE id = $1 RETURNING ${ARTICLE_COLUMNS}`, [id, ctx.clock.now()]);
  await recordChange(ctx, { event: 'kb.article_archived', aggregateType: 'kb_article', aggregateId: id, payload: {} });
  return a;
}

/** The owner confirms the article is still right: the next review is due after the article's interval. */
export async function markReviewed(ctx: Ctx, id: string): Promise<Article> {
  authorizeManage(ctx.actor);
  await loadArticle(ctx, id, { forUpdate: true });
  const now = ctx.clock.now();
  const a = await ctx.tx.one<Article>(
    `UPDATE kb_articles SET review_due_at = $2::timestamptz + make_interval(days => review_interval_days), review_reminded_at = NULL, updated_at = $2
      WHERE id = $1 RETURNING ${ARTICLE_COLUMNS}`, [id, now]);
  await recordChange(ctx, { event: 'kb.article_reviewed', aggregateType: 'kb_article', aggregateId: id, payload: { next_review_at: a.review_due_at } });
  return a;
}

/**
 * Sweep: articles whose review date has passed get one `kb.article_review_due` event each (payload: owner),
 * which notifications pick up; they are not reminded again until reviewed. Run daily from the job queue.
 */
export async function sendReviewReminders(ctx: Ctx): Promise<string[]> {
  const now = ctx.clock.now();
  const due = await ctx.tx.query<{ id: string; owner_id: string | null; review_due_at: Date; brand_id: string }>(
    `UPDATE kb_articles SET review_reminded_at = $2 WHERE workspace_id = $1 AND archived_at IS NULL AND review_due_at <= $2
       AND (review_reminded_at IS NULL OR review_reminded_at < review_due_at) RETURNING id, owner_id, review_due_at, brand_id`, [ctx.actor.workspaceId, now]);
  for (const a of due) {
    await recordChange(ctx, {
      event: 'kb.article_review_due', aggregateType: 'kb_article', aggregateId: a.id,
      payload: { owner_id: a.owner_id, brand_id: a.brand_id, review_due_at: new Date(a.review_due_at).toISOString() }, audit: false,
    });
  }
  return due.map((a) => a.id);
}

import { invalid, notFound } from '../../../platform/errors.js';
import type { Queryable } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { recordChange, type Ctx } from '../../kernel/index.js';

/**
 * Measurement rows (views, searches, contact clicks) are counters, not business changes: they write no event.
 * Votes carry a customer's words, so they also append `kb.feedback_received` (no audit row: anonymous).
 */
export async function recordView(q: Queryable, articleId: string, locale: string, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO kb_views (article_id, locale, day, views) VALUES ($1, $2, $3::date, 1)
     ON CONFLICT (article_id, locale, day) DO UPDATE SET views = kb_views.views + 1`, [articleId, locale, at.toISOString().slice(0, 10)]);
}

export async function recordSearch(q: Queryable, s: { brandId: string; locale: string; query: string; results: number; topScore: number | null; audience: string; at: Date }): Promise<void> {
  const query = s.query.toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 200);
  if (!query) return;
  await q.query('INSERT INTO kb_searches (id, brand_id, locale, query, results, top_score, audience, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
    [newId('kbq', s.at), s.brandId, s.locale, query, s.results, s.topScore, s.audience, s.at]);
}

export interface VoteInput { articleId: string; locale: string; helpful: boolean; comment?: string | null; visitor?: string | null }

/** A helpful yes/no vote (one per visitor and article: voting again replaces it), with an optional comment. */
export async function recordVote(ctx: Ctx, v: VoteInput): Promise<{ id: string }> {
  const a = await ctx.tx.maybeOne<{ brand_id: string }>(`SELECT brand_id FROM kb_articles WHERE id = $1 AND workspace_id = $2 AND archived_at IS NULL`, [v.articleId, ctx.actor.workspaceId]);
  if (!a) throw notFound('KB_ARTICLE_NOT_FOUND', 'Article');
  const comment = v.comment?.replace(/\s+/g, ' ').trim() || null;
  if (comment && comment.length > 2000) throw invalid('KB_COMMENT_TOO_LONG', 'Comments are limited to 2,000 characters');
  const now = ctx.clock.now();
  if (v.visitor) await ctx.tx.query('DELETE FROM kb_votes WHERE article_id = $1 AND visitor = $2', [v.articleId, v.visitor]);
  const id = newId('kbr', now);
  await ctx.tx.query('INSERT INTO kb_votes (id, article_id, brand_id, locale, is_helpful, comment, visitor, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
    [id, v.articleId, a.brand_id, v.locale, v.helpful, comment, v.visitor ?? null, now]);
  await recordChange(ctx, { event: 'kb.feedback_received', aggregateType: 'kb_article', aggregateId: v.articleId, payload: { locale: v.locale, helpful: v.helpful, has_comment: Boolean(comment) }, audit: false });
  return { id };
}

/** "Contact us" pressed on the Help Center (with the article being read and the search typed). */
export async function recordContactClick(q: Queryable, c: { brandId: string; articleId: string | null; query: string | null; at: Date }): Promise<void> {
  await q.query(`INSERT INTO kb_contacts (id, brand_id, article_id, query, kind, created_at) VALUES ($1,$2,$3,$4,'contact_click',$5)`,
    [newId('kbk', c.at), c.brandId, c.articleId, c.query?.slice(0, 200) ?? null, c.at]);
}

/**
 * A ticket was created right after its requester read an article (deflection failed). Called by the web form
 * (module chat) or by the kb subscriber when ticket.created carries `kb_article_id`. Idempotent per ticket.
 */
export async function recordTicketAfterArticle(ctx: Ctx, input: { ticketId: string; articleId?: string | null; query?: string | null }): Promise<void> {
  const brand = input.articleId
    ? await ctx.tx.maybeOne<{ brand_id: string }>('SELECT brand_id FROM kb_articles WHERE id = $1 AND workspace_id = $2', [input.articleId, ctx.actor.workspaceId])
    : undefined;
  if (!brand) return;
  const exists = await ctx.tx.maybeOne(`SELECT 1 FROM kb_contacts WHERE ticket_id = $1 AND kind = 'ticket_created'`, [input.ticketId]);
  if (exists) return;
  const now = ctx.clock.now();
  await ctx.tx.query(`INSERT INTO kb_contacts (id, brand_id, article_id, query, ticket_id, kind, created_at) VALUES ($1,$2,$3,$4,$5,'ticket_created',$6)`,
    [newId('kbk', now), brand.brand_id, input.articleId, input.query?.slice(0, 200) ?? null, input.ticketId, now]);
  await recordChange(ctx, { event: 'kb.ticket_after_article', aggregateType: 'kb_article', aggregateId: input.articleId!, ticketId: input.ticketId, payload: { query: input.query ?? null }, audit: false });
}

import { authorize, type Ctx } from '../../kernel/index.js';
import { assertBrand } from '../kb.js';
import { searchArticles } from './search-articles.js';

export interface KbAnalytics {
  days: number;
  totals: { views: number; helpful: number; not_helpful: number; searches: number; zero_result_searches: number; contact_clicks: number; tickets_after_article: number };
  top_articles: Array<{ article_id: string; title: string; views: number; helpful: number; not_helpful: number; contacts: number; contact_rate: number }>;
  zero_result_queries: Array<{ query: string; count: number }>;
  poor_result_queries: Array<{ query: string; count: number; avg_results: number }>;
  falling_helpfulness: Array<{ article_id: string; title: string; before: number; recent: number; votes_recent: number }>;
  content_gaps: Array<{ topic: string; tickets: number; source: 'ticket_tags' | 'searches' }>;
  recent_comments: Array<{ article_id: string; title: string; is_helpful: boolean; comment: string; created_at: Date }>;
}

/** Views, votes, searches, deflection and content gaps for one brand over the last `days` days (the KB admin page). */
export async function kbAnalytics(ctx: Ctx, brandId: string, days = 30): Promise<KbAnalytics> {
  authorize(ctx.actor, 'kb.manage');
  await assertBrand(ctx, brandId);
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - days * 86400_000);
  const before = new Date(since.getTime() - days * 86400_000);
  const q = ctx.tx;
  const totals = await q.one<KbAnalytics['totals']>(
    `SELECT (SELECT coalesce(sum(v.views), 0)::int FROM kb_views v JOIN kb_articles a ON a.id = v.article_id WHERE a.brand_id = $1 AND v.day >= $2::date) AS views,
            (SELECT count(*)::int FROM kb_votes WHERE brand_id = $1 AND created_at >= $2 AND is_helpful) AS helpful,
            (SELECT count(*)::int FROM kb_votes WHERE brand_id = $1 AND created_at >= $2 AND NOT is_helpful) AS not_helpful,
            (SELECT count(*)::int FROM kb_searches WHERE brand_id = $1 AND created_at >= $2) AS searches,
            (SELECT count(*)::int FROM kb_searches WHERE brand_id = $1 AND created_at >= $2 AND results = 0) AS zero_result_searches,
            (SELECT count(*)::int FROM kb_contacts WHERE brand_id = $1 AND created_at >= $2 AND kind = 'contact_click') AS contact_clicks,
            (SELECT count(*)::int FROM kb_contacts WHERE brand_id = $1 AND created_at >= $2 AND kind = 'ticket_created') AS tickets_after_article`, [brandId, since]);
  const top = await q.query<Omit<KbAnalytics['top_articles'][number], 'contact_rate'>>(
    `SELECT a.id AS article_id, t.title,
            coalesce((SELECT sum(views)::int FROM kb_views v WHERE v.article_id = a.id AND v.day >= $2::date), 0) AS views,
            (SELECT count(*)::int FROM kb_votes v WHERE v.article_id = a.id AND v.created_at >= $2 AND v.is_helpful) AS helpful,
            (SELECT count(*)::int FROM kb_votes v WHERE v.article_id = a.id AND v.created_at >= $2 AND NOT v.is_helpful) AS not_helpful,
            (SELECT count(*)::int FROM kb_contacts c WHERE c.article_id = a.id AND c.created_at >= $2) AS contacts
       FROM kb_articles a JOIN kb_translations t ON t.article_id = a.id AND t.locale = a.source_locale
      WHERE a.brand_id = $1 AND a.archived_at IS NULL ORDER BY views DESC, a.id LIMIT 15`, [brandId, since]);
  const zero = await q.query<{ query: string; count: number }>(
    `SELECT query, count(*)::int AS count FROM kb_searches WHERE brand_id = $1 AND created_at >= $2 AND results = 0 GROUP BY query ORDER BY count DESC, query LIMIT 20`, [brandId, since]);
  const poor = await q.query<{ query: string; count: number; avg_results: number }>(
    `SELECT query, count(*)::int AS count, round(avg(results), 1)::float8 AS avg_results FROM kb_searches
      WHERE brand_id = $1 AND created_at >= $2 AND results > 0 AND (results <= 2 OR top_score < 0.1) GROUP BY query ORDER BY count DESC, query LIMIT 20`, [brandId, since]);
  const falling = await q.query<KbAnalytics['falling_helpfulness'][number]>(
    `WITH r AS (SELECT article_id, avg(is_helpful::int) FILTER (WHERE created_at >= $2)::float8 AS recent, count(*) FILTER (WHERE created_at >= $2)::int AS n_recent,
                       avg(is_helpful::int) FILTER (WHERE created_at < $2 AND created_at >= $3)::float8 AS before, count(*) FILTER (WHERE created_at < $2 AND created_at >= $3)::int AS n_before
                  FROM kb_votes WHERE brand_id = $1 AND created_at >= $3 GROUP BY article_id)
     SELECT r.article_id, t.title, round(r.before::numeric, 2)::float8 AS before, round(r.recent::numeric, 2)::float8 AS recent, r.n_recent AS votes_recent
       FROM r JOIN kb_articles a ON a.id = r.article_id JOIN kb_translations t ON t.article_id = a.id AND t.locale = a.source_locale
      WHERE r.n_recent >= 3 AND r.n_before >= 3 AND r.recent <= r.before - 0.2 ORDER BY r.before - r.recent DESC LIMIT 10`, [brandId, since, before]);
  // Content gaps: frequent ticket topics (tags of this brand's recent tickets) that no article answers, plus repeated searches without results.
  const tags = await q.query<{ tag: string; n: number }>(
    `SELECT tag, count(*)::int AS n FROM tickets, unnest(tags) AS tag WHERE brand_id = $1 AND created_at >= $2 GROUP BY tag ORDER BY n DESC, tag LIMIT 15`, [brandId, since]);
  const gaps: KbAnalytics['content_gaps'] = [];
  for (const t of tags) {
    const hits = await searchArticles(ctx, { brandId, locale: 'en', q: t.tag.replace(/[_-]+/g, ' '), limit: 1, audience: 'agent', mode: 'all' });
    if (!hits.length) gaps.push({ topic: t.tag, tickets: t.n, source: 'ticket_tags' });
  }
  for (const z of zero.filter((x) => x.count >= 2)) gaps.push({ topic: z.query, tickets: z.count, source: 'searches' });
  const comments = await q.query<KbAnalytics['recent_comments'][number]>(
    `SELECT v.article_id, t.title, v.is_helpful, v.comment, v.created_at FROM kb_votes v JOIN kb_articles a ON a.id = v.article_id
       JOIN kb_translations t ON t.article_id = a.id AND t.locale = a.source_locale
      WHERE v.brand_id = $1 AND v.comment IS NOT NULL AND v.created_at >= $2 ORDER BY v.created_at DESC LIMIT 20`, [brandId, since]);
  return {
    days, totals, zero_result_queries: zero, poor_result_queries: poor, falling_helpfulness: falling, content_gaps: gaps, recent_comments: comments,
    top_articles: top.map((a) => ({ ...a, contact_rate: a.views ? Math.round((a.contacts / a.views) * 1000) / 1000 : 0 })),
  };
}

import { LIMITS } from '../../../shared/enums.js';
import { invalid } from '../../../platform/errors.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import { ticketScope } from '../ticket.policy.js';
import { withRequesters, type RequesterSummary } from './requester-summaries.js';

export interface SearchHit {
  ticket_id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  requester_id: string;
  updated_at: Date;
  rank: number;
  /** Highlighted excerpt, `<mark>` around matches (the only markup; everything else is escaped). */
  snippet: string;
  matched_in: 'subject' | 'message';
  requester: RequesterSummary;
}

/**
 * Full-text search over ticket subjects and message bodies (PostgreSQL FTS, English stemming plus
 * a language-neutral 'simple' config). `#1234` finds a ticket by number.
 */
export async function searchTickets(ctx: Ctx, q: string, limit = 25): Promise<SearchHit[]> {
  const hits = await findHits(ctx, q, limit);
  return withRequesters(ctx.tx, ctx.actor.workspaceId, hits);
}

async function findHits(ctx: Ctx, q: string, limit: number): Promise<Array<Omit<SearchHit, 'requester'>>> {
  authorize(ctx.actor, 'tickets.read');
  const query = q.trim();
  if (!query) throw invalid('QUERY_REQUIRED', 'Give a search query (?q=…)');
  if (query.length > 500) throw invalid('QUERY_TOO_LONG', 'Search queries are limited to 500 characters');
  const p: unknown[] = [];
  const scope = ticketScope(ctx.actor, 't', p);
  p.push(query);
  const qn = `$${p.length}`;
  const num = /^#?(\d{1,12})$/.exec(query);
  p.push(num ? Number(num[1]) : -1);
  const numN = `$${p.length}`;
  p.push(Math.min(Math.max(limit, 1), LIMITS.pageSize));
  const tsq = `(websearch_to_tsquery('english', ${qn}) || websearch_to_tsquery('simple', ${qn}))`;
  // Only messages the actor may read: collaborators see notes and replies of shared tickets alike.
  return ctx.tx.query<Omit<SearchHit, 'requester'>>(
    `WITH q AS (SELECT ${tsq} AS tsq),
     by_subject AS (
       SELECT t.id, ts_rank_cd(t.search, q.tsq) * 2 + CASE WHEN t.number = ${numN} THEN 100 ELSE 0 END AS rank,
              NULL::text AS msg, 'subject' AS matched_in
         FROM tickets t, q WHERE ${scope} AND (t.search @@ q.tsq OR t.number = ${numN})
     ),
     by_message AS (
       SELECT DISTINCT ON (m.ticket_id) m.ticket_id AS id, ts_rank_cd(m.search, q.tsq) AS rank, m.body_text AS msg, 'message' AS matched_in
         FROM messages m JOIN tickets t ON t.id = m.ticket_id, q
        WHERE ${scope} AND m.search @@ q.tsq
        ORDER BY m.ticket_id, ts_rank_cd(m.search, q.tsq) DESC
     ),
     best AS (
       SELECT DISTINCT ON (id) * FROM (SELECT * FROM by_subject UNION ALL SELECT * FROM by_message) u ORDER BY id, rank DESC
     )
     SELECT t.id AS ticket_id, t.number, t.subject, t.status, t.priority, t.requester_id, t.updated_at, b.rank::float8 AS rank, b.matched_in,
            ts_headline('english', replace(replace(replace(coalesce(b.msg, t.subject), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), q.tsq,
              'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
       FROM best b JOIN tickets t ON t.id = b.id, q
      ORDER BY b.rank DESC, t.updated_at DESC
      LIMIT $${p.length}`,
    p,
  );
}

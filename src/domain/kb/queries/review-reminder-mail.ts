import type { Queryable } from '../../../platform/db/index.js';

/** The e-mail that reminds an article's owner that its review date has passed. */
export interface ReviewReminderMail {
  to: string;
  from: { name: string; address: string };
  subject: string;
  text: string;
}

/**
 * Compose the review reminder for `articleId` (from a `kb.article_review_due` event): to the owner, in the
 * brand's name, with the article's title in the brand's default locale (else its source locale). Null when the
 * article has no active owner with an e-mail address, or was reviewed/archived since the event was written.
 */
export async function reviewReminderMail(q: Queryable, workspaceId: string, articleId: string, now: Date): Promise<ReviewReminderMail | null> {
  const row = await q.maybeOne<{ email: string; owner_name: string; brand_name: string; support_email: string | null; title: string | null; review_due_at: Date; interval: number }>(
    `SELECT u.email, u.name AS owner_name, b.name AS brand_name, b.support_email, a.review_due_at, a.review_interval_days AS interval,
            (SELECT t.title FROM kb_translations t WHERE t.article_id = a.id
              ORDER BY (t.locale = coalesce(s.default_locale, 'en')) DESC, (t.locale = a.source_locale) DESC, t.locale LIMIT 1) AS title
       FROM kb_articles a JOIN users u ON u.id = a.owner_id AND u.is_active JOIN brands b ON b.id = a.brand_id
       LEFT JOIN kb_brand_settings s ON s.brand_id = a.brand_id
      WHERE a.id = $1 AND a.workspace_id = $2 AND a.archived_at IS NULL AND a.review_due_at <= $3`,
    [articleId, workspaceId, now],
  );
  if (!row?.email) return null;
  const title = row.title ?? articleId;
  const due = new Date(row.review_due_at).toISOString().slice(0, 10);
  return {
    to: row.email,
    from: { name: `${row.brand_name} Help Center`, address: row.support_email ?? 'no-reply@switchboard.local' },
    subject: `Review due: "${title}"`,
    text: [
      `Hello ${row.owner_name},`,
      '',
      `The Help Center article "${title}" (${row.brand_name}) was due for review on ${due}.`,
      `Please check it is still correct, then mark it reviewed in Switchboard (Knowledge base → Articles → "Review due").`,
      `Marking it reviewed sets the next review date ${row.interval} days ahead.`,
    ].join('\n'),
  };
}

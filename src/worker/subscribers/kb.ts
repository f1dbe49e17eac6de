import type { Subscriber } from '../../platform/events/index.js';
import { systemActor } from '../../domain/kernel/index.js';
import { recordTicketAfterArticle, reviewReminderMail } from '../../domain/kb/index.js';
import { loadConfig } from '../../platform/config.js';
import { sendMail } from '../../platform/mail/smtp-outbound.js';

/**
 * Deflection signal: a ticket created after reading an article. The Help Center's "contact us" hands the
 * article id to the web form (`/support/new?article=`), whose `web_form.submitted` event carries
 * `kb_article_id` (and the search as `search_context`); other channels may put `kb_article_id` / `kb_query`
 * in their ticket.created payload. Counted once per ticket against the article (unknown ids are ignored).
 */
export const kbDeflection: Subscriber = {
  name: 'kb-deflection',
  events: ['ticket.created', 'web_form.submitted'],
  async handle(e, db, env) {
    const articleId = typeof e.payload.kb_article_id === 'string' ? e.payload.kb_article_id : null;
    if (!articleId || !e.workspace_id || !e.ticket_id) return;
    const ws = e.workspace_id;
    const ticketId = e.ticket_id;
    const query = typeof e.payload.kb_query === 'string' ? e.payload.kb_query : typeof e.payload.search_context === 'string' ? e.payload.search_context : null;
    await db.transaction((tx) => recordTicketAfterArticle({ actor: systemActor(ws), tx, clock: env.clock, meta: { channel: 'system' } }, { ticketId, articleId, query }));
  },
};

/**
 * Review reminders by e-mail: each `kb.article_review_due` (written once per overdue article by the daily sweep)
 * mails the article's owner through SMTP_OUTBOUND_URL. Without a relay, or without an owner, the reminder stays
 * the event and the "Review due" filter of the article list. A relay failure throws, so the dispatcher retries.
 */
export function kbReviewReminderMail(smtpUrl: () => string | null | undefined): Subscriber {
  return {
    name: 'kb-review-reminder-mail',
    events: ['kb.article_review_due'],
    async handle(e, db, env) {
      const url = smtpUrl();
      if (!url || !e.workspace_id) return;
      const mail = await reviewReminderMail(db, e.workspace_id, e.aggregate_id, env.clock.now());
      if (!mail) return;
      await sendMail(url, { ...mail, to: [mail.to], messageId: `${e.id}@switchboard.local`, headers: { 'Auto-Submitted': 'auto-generated' } });
    },
  };
}

/** Event subscribers of the kb module. */
let relay: string | null | undefined;
export const KB_SUBSCRIBERS: Subscriber[] = [kbDeflection, kbReviewReminderMail(() => (relay ??= loadConfig().SMTP_OUTBOUND_URL ?? null))];

import type { Subscriber } from '../../platform/events/index.js';
import { systemActor } from '../../domain/kernel/index.js';
import { recordTicketAfterArticle } from '../../domain/kb/index.js';

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

/** Event subscribers of the kb module. */
export const KB_SUBSCRIBERS: Subscriber[] = [kbDeflection];

import type { Subscriber } from '../../platform/events/index.js';
import { systemActor } from '../../domain/kernel/index.js';
import { recordTicketAfterArticle } from '../../domain/kb/index.js';

/**
 * Deflection signal: a ticket created from the web form after reading an article carries `kb_article_id`
 * (and `kb_query`) in its ticket.created payload; count it against the article (idempotent per ticket).
 */
export const kbDeflection: Subscriber = {
  name: 'kb-deflection',
  events: ['ticket.created'],
  async handle(e, db, env) {
    const articleId = typeof e.payload.kb_article_id === 'string' ? e.payload.kb_article_id : null;
    if (!articleId || !e.workspace_id || !e.ticket_id) return;
    const ws = e.workspace_id;
    const ticketId = e.ticket_id;
    await db.transaction((tx) => recordTicketAfterArticle({ actor: systemActor(ws), tx, clock: env.clock, meta: { channel: 'system' } },
      { ticketId, articleId, query: typeof e.payload.kb_query === 'string' ? e.payload.kb_query : null }));
  },
};

/** Event subscribers of the kb module. */
export const KB_SUBSCRIBERS: Subscriber[] = [kbDeflection];

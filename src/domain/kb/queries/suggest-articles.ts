import { authorize, type Ctx } from '../../kernel/index.js';
import { getTicket, listMessages } from '../../tickets/index.js';
import { settingsOf } from '../kb.js';
import { searchArticles, type KbPassage } from './search-articles.js';

/** Articles that may answer a ticket, from its subject and the customer's first message (agents: internal ones too). */
export async function suggestArticlesForTicket(ctx: Ctx, ticketId: string, limit = 5): Promise<{ query: string; hits: KbPassage[] }> {
  authorize(ctx.actor, 'kb.read_internal');
  const ticket = await getTicket(ctx, ticketId);
  const messages = await listMessages(ctx, ticketId);
  const first = messages.find((m) => m.author_type === 'customer') ?? messages[0];
  const text = `${ticket.subject} ${first?.body_text.slice(0, 600) ?? ''}`;
  const settings = await settingsOf(ctx.tx, ticket.brand_id);
  const locale = ticket.language && settings.locales.includes(ticket.language.toLowerCase()) ? ticket.language.toLowerCase() : settings.default_locale;
  // A ticket is a paragraph, not a query: rank by how many of its words an article covers.
  const hits = await searchArticles(ctx, { brandId: ticket.brand_id, locale, q: text, limit, audience: 'agent', mode: 'any' });
  return { query: text.slice(0, 200), hits };
}

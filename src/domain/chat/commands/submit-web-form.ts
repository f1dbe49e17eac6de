import { AppError, invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { normaliseIdentity } from '../../customers/index.js';
import { createTicket } from '../../tickets/index.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import type { BrandRow } from '../chat.repo.js';
import type { ChatSettings } from '../chat.js';

export interface WebFormInput {
  name: string;
  email: string;
  subject: string;
  description: string;
  category?: string;
  /** The Help Center search that led here ("contact us" link, ?q=). */
  search_context?: string;
  /** The Help Center article read before "contact us" (?article=): the kb module counts the ticket against it. */
  kb_article_id?: string;
  attachment_ids?: string[];
}

export const WEB_FORM_LIMITS = { name: 120, subject: 200, description: 20_000, searchContext: 500, files: 5 } as const;

/** Field-by-field problems (all at once, for the form to show next to each field). */
export function validateWebForm(input: WebFormInput, categories: string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = input.name?.trim() ?? '';
  if (!name) errors.name = 'Enter your name';
  else if (name.length > WEB_FORM_LIMITS.name) errors.name = `At most ${WEB_FORM_LIMITS.name} characters`;
  try {
    normaliseIdentity('email', input.email ?? '');
  } catch {
    errors.email = 'Enter a valid email address, like name@example.com';
  }
  const subject = input.subject?.trim() ?? '';
  if (!subject) errors.subject = 'Enter a subject';
  else if (subject.length > WEB_FORM_LIMITS.subject) errors.subject = `At most ${WEB_FORM_LIMITS.subject} characters`;
  const d = input.description?.trim() ?? '';
  if (!d) errors.description = 'Describe what you need help with';
  else if (d.length > WEB_FORM_LIMITS.description) errors.description = `At most ${WEB_FORM_LIMITS.description} characters`;
  if (input.category && categories.length && !categories.includes(input.category)) errors.category = 'Choose one of the listed categories';
  return errors;
}

/**
 * A web-form request becomes a ticket (channel 'web') from the email given. Rate limited per client IP over
 * the stored submissions (so the limit holds across server processes). The honeypot is checked by the caller
 * before anything is stored.
 */
export async function submitWebForm(
  ctx: Ctx, brand: BrandRow, settings: ChatSettings | undefined, input: WebFormInput, limit: { ip: string | null; perHour: number },
): Promise<{ ticketId: string; number: number }> {
  const categories = settings?.form_categories ?? [];
  const errors = validateWebForm(input, categories);
  if (Object.keys(errors).length) throw invalid('FORM_INVALID', 'Some fields need attention', { fields: errors });
  const now = ctx.clock.now();
  if (limit.ip) {
    const recent = await ctx.tx.one<{ n: number }>(
      'SELECT count(*)::int AS n FROM web_form_submissions WHERE ip = $1 AND created_at > $2', [limit.ip, new Date(now.getTime() - 3_600_000)],
    );
    if (Number(recent.n) >= limit.perHour) throw new AppError('FORM_RATE_LIMITED', 'Too many requests from your network; please try again in an hour or email us', 'rate_limited');
  }
  const category = input.category?.trim() || null;
  const context = input.search_context?.trim().slice(0, WEB_FORM_LIMITS.searchContext) || null;
  const tagOf = (c: string) => c.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 60);
  const { ticket } = await createTicket(ctx, {
    subject: input.subject.trim(),
    body: input.description.trim(),
    requester: { email: input.email.trim(), name: input.name.trim() },
    channel: 'web',
    brand_id: brand.id,
    tags: ['web_form', ...(category && tagOf(category) ? [`category_${tagOf(category)}`] : [])],
    attachment_ids: input.attachment_ids ?? [],
  });
  await ctx.tx.query(
    'INSERT INTO web_form_submissions (id, workspace_id, brand_id, ticket_id, category, search_context, ip, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
    [newId('wfs', now), brand.workspace_id, brand.id, ticket.id, category, context, limit.ip, now],
  );
  await recordChange(ctx, {
    event: 'web_form.submitted', aggregateType: 'ticket', aggregateId: ticket.id, ticketId: ticket.id,
    payload: { brand_id: brand.id, category, search_context: context, kb_article_id: /^kba_[0-9a-z]{10,40}$/.test(input.kb_article_id ?? '') ? input.kb_article_id : null },
  });
  return { ticketId: ticket.id, number: Number(ticket.number) };
}

import { conflict } from '../../../platform/errors.js';
import { isProcessingRestricted } from '../../compliance/index.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { addMessage, getTicket, updateTicket, type Ticket, type UpdateTicketInput } from '../../tickets/index.js';
import { templateValues, updateOf } from '../apply-actions.js';
import { pickLanguage, renderTemplate } from '../template.js';
import { getMacro } from './manage-macros.js';

export interface MacroPreview {
  macro_id: string;
  language: string | null;
  reply: { body: string; public: boolean } | null;
  changes: UpdateTicketInput;
}

/** What the macro would do on this ticket: the rendered reply in the ticket's language and the field changes. */
export async function previewMacro(ctx: Ctx, macroId: string, ticketId: string): Promise<MacroPreview> {
  const m = await getMacro(ctx, macroId);
  const t = (await getTicket(ctx, ticketId)) as Ticket;
  const lang = Object.keys(m.replies).length ? (pickLanguage(Object.fromEntries(Object.keys(m.replies).map((k) => [k, k])), t.language) ?? null) : null;
  const r = lang ? m.replies[lang] : undefined;
  return {
    macro_id: m.id,
    language: lang,
    reply: r ? { body: renderTemplate(r.body, await templateValues(ctx, t)), public: r.public } : null,
    changes: updateOf(m.actions, t),
  };
}

/**
 * Apply a macro: post its reply (as the agent, edited text allowed) and its field changes, in one
 * transaction. `body` lets the agent send an edited version of the previewed reply.
 */
export async function applyMacro(ctx: Ctx, macroId: string, ticketId: string, opts: { body?: string; expected_version?: number } = {}): Promise<{ ticket: Ticket; message_id: string | null }> {
  const m = await getMacro(ctx, macroId);
  if (!m.active) throw conflict('MACRO_INACTIVE', `Macro "${m.name}" is switched off`);
  const p = await previewMacro(ctx, macroId, ticketId);
  // GDPR Art. 18: no automated processing (macros included) for a requester under a processing restriction
  const requester = await ctx.tx.maybeOne<{ requester_id: string }>('SELECT requester_id FROM tickets WHERE id = $1', [ticketId]);
  if (requester && (await isProcessingRestricted(ctx.tx, requester.requester_id))) {
    throw conflict('PROCESSING_RESTRICTED', 'The requester has restricted the processing of their data (GDPR Art. 18): macros are not applied');
  }
  let messageId: string | null = null;
  if (p.reply) {
    const body = opts.body?.trim() ? opts.body : p.reply.body;
    const res = await addMessage(ctx, ticketId, { body, public: p.reply.public });
    messageId = res.message.id;
  }
  const ticket = Object.keys(p.changes).length
    ? await updateTicket(ctx, ticketId, p.changes, messageId ? undefined : opts.expected_version)
    : ((await getTicket(ctx, ticketId)) as Ticket);
  await ctx.tx.query('UPDATE macros SET usage_count = usage_count + 1 WHERE id = $1', [m.id]);
  await recordChange(ctx, { event: 'macro.applied', aggregateType: 'macro', aggregateId: m.id, ticketId, payload: { name: m.name, message_id: messageId, changes: p.changes } });
  return { ticket, message_id: messageId };
}

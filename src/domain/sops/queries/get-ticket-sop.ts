import { authorize, type Ctx } from '../../kernel/index.js';
import { getTicket } from '../../tickets/index.js';
import { openRequiredSteps } from '../engine.js';
import type { SopDefinition } from '../model.js';
import { definitionOf, loadTicketFacts, RUN_COLS, type SopRun } from '../repo.js';
import { pickTemplate, renderTemplate } from '../template.js';

export interface TicketSopRun extends SopRun {
  definition: SopDefinition;
  version_number: number;
  sop_name: string;
  open_required: string[];
  /** The current reply step rendered for this ticket (language, placeholders), as it would be sent. */
  reply_preview: { lang: string; text: string } | null;
}

/** The SOP runs of a ticket (normally one) with the definition they follow, for the ticket-side panel. */
export async function getTicketSopRuns(ctx: Ctx, ticketId: string): Promise<TicketSopRun[]> {
  authorize(ctx.actor, 'tickets.read');
  await getTicket(ctx, ticketId);
  const runs = await ctx.tx.query<SopRun & { version_number: number; sop_name: string }>(
    `SELECT ${RUN_COLS.split(', ').map((c) => `r.${c}`).join(', ')}, v.number AS version_number, s.name AS sop_name
       FROM sop_runs r JOIN sop_versions v ON v.id = r.version_id JOIN sops s ON s.id = r.sop_id WHERE r.ticket_id = $1 ORDER BY r.started_at`,
    [ticketId],
  );
  const out: TicketSopRun[] = [];
  for (const r of runs) {
    const definition = await definitionOf(ctx.tx, r.version_id);
    const step = definition.steps.find((s) => s.id === r.state.cursor);
    let reply_preview: TicketSopRun['reply_preview'] = null;
    if (step?.type === 'reply') {
      const f = await loadTicketFacts(ctx.tx, ticketId);
      const t = pickTemplate(step.templates, f.language);
      reply_preview = {
        lang: t.lang,
        text: renderTemplate(t.text, {
          customer: { name: f.customer_name, email: f.customer_email, tier: f.customer_tier },
          ticket: { number: f.number, subject: f.subject, channel: f.channel, country: f.country, language: f.language },
          fields: r.state.fields, agent: { name: ctx.actor.name }, brand: { name: f.brand_name },
        }),
      };
    }
    out.push({ ...r, definition, open_required: openRequiredSteps(definition, r.state).map((s) => s.id), reply_preview });
  }
  return out;
}

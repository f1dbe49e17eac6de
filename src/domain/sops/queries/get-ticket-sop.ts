import { authorize, type Ctx } from '../../kernel/index.js';
import { getTicket } from '../../tickets/index.js';
import { openRequiredSteps } from '../engine.js';
import type { SopDefinition } from '../model.js';
import { definitionOf, RUN_COLS, type SopRun } from '../repo.js';

export interface TicketSopRun extends SopRun {
  definition: SopDefinition;
  version_number: number;
  sop_name: string;
  open_required: string[];
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
    out.push({ ...r, definition, open_required: openRequiredSteps(definition, r.state).map((s) => s.id) });
  }
  return out;
}

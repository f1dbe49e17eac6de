import type { Tx } from '../../../platform/db/index.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { requiredSkills } from '../routing.js';

interface TicketForRouting {
  id: string;
  workspace_id: string;
  team_id: string | null;
  assignee_id: string | null;
  status: string;
  channel: string;
  language: string | null;
  country: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
}

export function loadTicketForRouting(tx: Tx, ticketId: string, lock = false): Promise<TicketForRouting | undefined> {
  return tx.maybeOne<TicketForRouting>(
    `SELECT id, workspace_id, team_id, assignee_id, status, channel, language, country, tags, custom_fields
       FROM tickets WHERE id = $1 AND merged_into_id IS NULL${lock ? ' FOR UPDATE' : ''}`,
    [ticketId],
  );
}

/**
 * Put the ticket in its team's routing queue when it needs an agent (auto-routed team, unassigned, new/open),
 * or take it out when it no longer does. Idempotent. Returns the team to drain, if any.
 */
export async function syncQueueEntry(ctx: Ctx, ticketId: string): Promise<string | null> {
  const t = await loadTicketForRouting(ctx.tx, ticketId);
  if (!t) {
    await ctx.tx.query('DELETE FROM routing_queue WHERE ticket_id = $1', [ticketId]);
    return null;
  }
  const team = t.team_id
    ? await ctx.tx.maybeOne<{ method: string }>('SELECT method FROM team_routing WHERE team_id = $1', [t.team_id])
    : undefined;
  const wanted = !!team && team.method !== 'manual' && !t.assignee_id && (t.status === 'new' || t.status === 'open');
  const cur = await ctx.tx.maybeOne<{ team_id: string }>('SELECT team_id FROM routing_queue WHERE ticket_id = $1', [ticketId]);
  if (!wanted) {
    if (cur) await ctx.tx.query('DELETE FROM routing_queue WHERE ticket_id = $1', [ticketId]);
    return null;
  }
  if (cur?.team_id === t.team_id) return t.team_id;
  const skills = requiredSkills(t);
  // A ticket moved to another team starts waiting afresh there.
  await ctx.tx.query(
    `INSERT INTO routing_queue (ticket_id, workspace_id, team_id, channel, skills, queued_at) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (ticket_id) DO UPDATE SET team_id = EXCLUDED.team_id, skills = EXCLUDED.skills, queued_at = EXCLUDED.queued_at`,
    [ticketId, t.workspace_id, t.team_id, t.channel, skills, ctx.clock.now()],
  );
  await recordChange(ctx, {
    event: 'routing.ticket_queued', aggregateType: 'ticket', aggregateId: ticketId, ticketId,
    payload: { team_id: t.team_id, skills }, audit: false,
  });
  return t.team_id;
}

import { recordChange, type Ctx } from '../../kernel/index.js';
import { updateTicket } from '../../tickets/index.js';
import { hasRoom, pickAgent, type Candidate } from '../routing.js';
import { loadAgents } from '../queries/agents.js';
import { loadTicketForRouting } from './queue-ticket.js';
import type { TeamRouting } from './update-team-routing.js';

export interface RoutedTicket {
  ticket_id: string;
  assignee_id: string;
  fallback: boolean;
}

interface QueueRow {
  ticket_id: string;
  channel: string;
  skills: string[];
  queued_at: Date;
  brand_id: string;
}

const BATCH = 200;

/** An agent's open load per channel, straight from the tickets table (index tickets_assignee_idx). */
async function openLoad(ctx: Ctx, userId: string): Promise<Record<string, number>> {
  const rows = await ctx.tx.query<{ channel: string; n: number }>(
    "SELECT channel, count(*)::int AS n FROM tickets WHERE assignee_id = $1 AND status IN ('new','open') GROUP BY channel",
    [userId],
  );
  return Object.fromEntries(rows.map((r) => [r.channel, r.n]));
}

/**
 * Hand the team's waiting tickets to its online agents, oldest first. Concurrency rules:
 * - the team's routing row is locked (FOR UPDATE), so one drain per team at a time (round-robin stays in order);
 * - queue rows are claimed FOR UPDATE SKIP LOCKED;
 * - the team's online agents' presence rows are locked (in user-id order, so drains of teams sharing agents
 *   serialise instead of deadlocking) and each agent's load is re-counted from the tickets table before a
 *   ticket goes to them, so nobody goes over capacity;
 * - the ticket row is locked and must still be unassigned, in this team, new/open — or it leaves the queue.
 * Assignment goes through the tickets module (`ticket.assigned` event + audit), then `routing.ticket_routed` says why.
 */
export async function drainTeamQueue(ctx: Ctx, teamId: string): Promise<RoutedTicket[]> {
  const settings = await ctx.tx.maybeOne<TeamRouting>('SELECT * FROM team_routing WHERE team_id = $1 FOR UPDATE', [teamId]);
  if (!settings || settings.method === 'manual') return [];
  const method = settings.method;
  const now = ctx.clock.now();
  const queue = await ctx.tx.query<QueueRow>(
    `SELECT q.ticket_id, q.channel, q.skills, q.queued_at, t.brand_id
       FROM routing_queue q JOIN tickets t ON t.id = q.ticket_id
      WHERE q.team_id = $1 ORDER BY q.queued_at, q.ticket_id LIMIT $2 FOR UPDATE OF q SKIP LOCKED`,
    [teamId, BATCH],
  );
  if (!queue.length) return [];
  // Lock the team's online agents in one order (user id): drains of teams that share agents then queue up
  // behind each other instead of deadlocking, and nobody else's drain can hand these agents tickets meanwhile.
  await ctx.tx.query(
    `SELECT p.user_id FROM agent_presence p JOIN team_members m ON m.user_id = p.user_id
      WHERE m.team_id = $1 AND p.status = 'online' ORDER BY p.user_id FOR UPDATE OF p`,
    [teamId],
  );
  const agents: Candidate[] = await loadAgents(ctx.tx, { workspaceId: ctx.actor.workspaceId, teamId, onlineOnly: true });
  if (!agents.length) return []; // nobody online: leave the queue (and its tickets) alone
  let last = settings.rr_last_user_id;
  const out: RoutedTicket[] = [];
  for (const q of queue) {
    const t = await loadTicketForRouting(ctx.tx, q.ticket_id, true);
    if (!t || t.assignee_id || t.team_id !== teamId || !['new', 'open'].includes(t.status)) {
      await ctx.tx.query('DELETE FROM routing_queue WHERE ticket_id = $1', [q.ticket_id]);
      continue;
    }
    const eligible = agents.filter((a) => (a.brand_ids.length === 0 || a.brand_ids.includes(q.brand_id)) && hasRoom(a, q.channel));
    const skilled = settings.use_skills && q.skills.length ? eligible.filter((a) => q.skills.every((s) => a.skills.includes(s))) : eligible;
    const waited = (now.getTime() - new Date(q.queued_at).getTime()) / 1000;
    const fallback = skilled.length === 0 && waited >= settings.skill_fallback_seconds;
    let pool = fallback ? eligible : skilled;
    let chosen: Candidate | null = null;
    while (pool.length) {
      const c = pickAgent(pool, method, q.channel, last)!;
      // Count again from the tickets table: a manual assignment may have landed since the agents were loaded.
      c.load = await openLoad(ctx, c.user_id);
      if (hasRoom(c, q.channel)) {
        chosen = c;
        break;
      }
      pool = pool.filter((a) => a.user_id !== c.user_id);
    }
    if (!chosen) continue; // stays queued: nobody (skilled) online with room
    await updateTicket(ctx, t.id, { assignee_id: chosen.user_id });
    await ctx.tx.query('DELETE FROM routing_queue WHERE ticket_id = $1', [t.id]);
    chosen.load[q.channel] = (chosen.load[q.channel] ?? 0) + 1;
    last = chosen.user_id;
    await recordChange(ctx, {
      event: 'routing.ticket_routed', aggregateType: 'ticket', aggregateId: t.id, ticketId: t.id,
      payload: { team_id: teamId, assignee_id: chosen.user_id, method, skills: q.skills, fallback, waited_seconds: Math.round(waited) },
    });
    out.push({ ticket_id: t.id, assignee_id: chosen.user_id, fallback });
  }
  if (last !== settings.rr_last_user_id) await ctx.tx.query('UPDATE team_routing SET rr_last_user_id = $2 WHERE team_id = $1', [teamId, last]);
  return out;
}

import { authorize, type Ctx } from '../../kernel/index.js';
import { ticketScope } from '../../tickets/index.js';
import { DEFAULT_TEAM_ROUTING, type TeamRouting } from '../commands/update-team-routing.js';

/** Every team with its routing settings (defaults for teams never configured) and how many tickets wait. */
export async function listTeamRouting(ctx: Ctx): Promise<Array<TeamRouting & { name: string; queued: number; online: number; members: number }>> {
  authorize(ctx.actor, 'users.read');
  return ctx.tx.query(
    `SELECT tm.id AS team_id, tm.name,
            coalesce(r.method, $2) AS method, coalesce(r.use_skills, $3) AS use_skills,
            coalesce(r.skill_fallback_seconds, $4) AS skill_fallback_seconds, r.rr_last_user_id, coalesce(r.updated_at, tm.created_at) AS updated_at,
            (SELECT count(*)::int FROM routing_queue q WHERE q.team_id = tm.id) AS queued,
            (SELECT count(*)::int FROM team_members m JOIN agent_presence p ON p.user_id = m.user_id AND p.status = 'online' WHERE m.team_id = tm.id) AS online,
            (SELECT count(*)::int FROM team_members m WHERE m.team_id = tm.id) AS members
       FROM teams tm LEFT JOIN team_routing r ON r.team_id = tm.id
      WHERE tm.workspace_id = $1 ORDER BY tm.name`,
    [ctx.actor.workspaceId, DEFAULT_TEAM_ROUTING.method, DEFAULT_TEAM_ROUTING.use_skills, DEFAULT_TEAM_ROUTING.skill_fallback_seconds],
  );
}

/** Tickets waiting for an agent, oldest first (optionally one team's). */
export async function listRoutingQueue(ctx: Ctx, teamId?: string): Promise<Array<{ ticket_id: string; number: number; subject: string; team_id: string; channel: string; skills: string[]; queued_at: Date }>> {
  authorize(ctx.actor, 'tickets.read');
  const p: unknown[] = [teamId ?? null];
  const scope = ticketScope(ctx.actor, 't', p); // brand-limited agents see their brands' tickets only
  return ctx.tx.query(
    `SELECT q.ticket_id, t.number, t.subject, q.team_id, q.channel, q.skills, q.queued_at
       FROM routing_queue q JOIN tickets t ON t.id = q.ticket_id
      WHERE ${scope} AND ($1::text IS NULL OR q.team_id = $1) ORDER BY q.queued_at, q.ticket_id LIMIT 500`,
    p,
  );
}

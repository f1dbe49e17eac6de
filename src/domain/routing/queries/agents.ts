import type { Queryable } from '../../../platform/db/index.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import { capacityFor, hasRoom, type Candidate, type Presence } from '../routing.js';

export interface AgentRow extends Candidate {
  name: string;
  email: string;
  role: string;
  presence: Presence;
  presence_changed_at: Date | null;
  team_ids: string[];
}

/**
 * Assignable users (admin/supervisor/agent, active) with presence, skills, capacity and open load per channel.
 * `teamId` limits to the team's members, `onlineOnly` to presence 'online'.
 */
export async function loadAgents(q: Queryable, opts: { workspaceId: string; teamId?: string | null; userId?: string; onlineOnly?: boolean }): Promise<AgentRow[]> {
  const p: unknown[] = [opts.workspaceId];
  const where = [`u.workspace_id = $1`, `u.is_active`, `u.role IN ('admin','supervisor','agent')`];
  if (opts.teamId) {
    p.push(opts.teamId);
    where.push(`EXISTS (SELECT 1 FROM team_members m WHERE m.user_id = u.id AND m.team_id = $${p.length})`);
  }
  if (opts.userId) {
    p.push(opts.userId);
    where.push(`u.id = $${p.length}`);
  }
  if (opts.onlineOnly) where.push(`pr.status = 'online'`);
  const rows = await q.query<AgentRow>(
    `SELECT u.id AS user_id, u.name, u.email, u.role, u.brand_ids,
        coalesce(pr.status, 'offline') AS presence, pr.changed_at AS presence_changed_at,
        coalesce((SELECT array_agg(s.skill ORDER BY s.skill) FROM agent_skills s WHERE s.user_id = u.id), '{}') AS skills,
        coalesce((SELECT jsonb_object_agg(c.channel, c.max_open) FROM agent_capacity c WHERE c.user_id = u.id), '{}'::jsonb) AS capacity,
        coalesce((SELECT jsonb_object_agg(l.channel, l.n) FROM (
           SELECT t.channel, count(*)::int AS n FROM tickets t WHERE t.assignee_id = u.id AND t.status IN ('new','open') GROUP BY t.channel) l), '{}'::jsonb) AS load,
        coalesce((SELECT array_agg(m.team_id ORDER BY m.team_id) FROM team_members m WHERE m.user_id = u.id), '{}') AS team_ids
       FROM users u LEFT JOIN agent_presence pr ON pr.user_id = u.id
      WHERE ${where.join(' AND ')}
      ORDER BY u.id`,
    p,
  );
  return rows;
}

/** The routing admin's list: every assignable user with presence, skills, capacity and load (routing.manage or users.read). */
export async function listRoutingAgents(ctx: Ctx, opts: { teamId?: string } = {}): Promise<AgentRow[]> {
  authorize(ctx.actor, 'users.read');
  return loadAgents(ctx.tx, { workspaceId: ctx.actor.workspaceId, teamId: opts.teamId });
}

export interface PresenceQuery {
  workspaceId: string;
  brandId?: string | null;
  teamId?: string | null;
  /** Count only agents with room for one more ticket on this channel. */
  channel?: string;
}

/** Online agents who could take a conversation now (for chat: "is anyone there?"). No actor needed. */
export async function listOnlineAgents(q: Queryable, opts: PresenceQuery): Promise<Array<{ user_id: string; name: string; load: number; capacity: number | null }>> {
  const rows = await loadAgents(q, { workspaceId: opts.workspaceId, teamId: opts.teamId, onlineOnly: true });
  return rows
    .filter((a) => !opts.brandId || a.brand_ids.length === 0 || a.brand_ids.includes(opts.brandId))
    .filter((a) => !opts.channel || hasRoom(a, opts.channel))
    .map((a) => {
      const c = capacityFor(a, opts.channel ?? '*');
      return { user_id: a.user_id, name: a.name, load: c.load, capacity: c.max };
    });
}

export async function isAnyAgentOnline(q: Queryable, opts: PresenceQuery): Promise<boolean> {
  return (await listOnlineAgents(q, opts)).length > 0;
}

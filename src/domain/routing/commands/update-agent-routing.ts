import { invalid, notFound } from '../../../platform/errors.js';
import { CHANNELS } from '../../../shared/enums.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { ANY_CHANNEL, normaliseSkills } from '../routing.js';

export interface AgentRoutingInput {
  skills?: string[];
  /** channel (or '*') → max open tickets; null removes the limit for that channel. */
  capacity?: Record<string, number | null>;
}

/** Replace an agent's skills and/or change their per-channel capacity (routing.manage). */
export async function updateAgentRouting(ctx: Ctx, userId: string, input: AgentRoutingInput): Promise<void> {
  authorize(ctx.actor, 'routing.manage');
  const u = await ctx.tx.maybeOne<{ role: string }>('SELECT role FROM users WHERE id = $1 AND workspace_id = $2', [userId, ctx.actor.workspaceId]);
  if (!u) throw notFound('USER_NOT_FOUND', 'User');
  if (!['admin', 'supervisor', 'agent'].includes(u.role)) throw invalid('NOT_AN_AGENT', `A ${u.role} takes no tickets`);
  const changes: Record<string, unknown> = {};
  if (input.skills) {
    const skills = normaliseSkills(input.skills);
    if (skills.length > 50) throw invalid('TOO_MANY_SKILLS', 'At most 50 skills per agent');
    await ctx.tx.query('DELETE FROM agent_skills WHERE user_id = $1', [userId]);
    if (skills.length) await ctx.tx.query('INSERT INTO agent_skills (user_id, skill) SELECT $1, unnest($2::text[])', [userId, skills]);
    changes.skills = skills;
  }
  if (input.capacity) {
    for (const [channel, max] of Object.entries(input.capacity)) {
      if (channel !== ANY_CHANNEL && !(CHANNELS as readonly string[]).includes(channel)) {
        throw invalid('INVALID_CHANNEL', `Capacity channel "${channel}" is not one of ${[ANY_CHANNEL, ...CHANNELS].join(', ')}`);
      }
      if (max !== null && (!Number.isInteger(max) || max < 0 || max > 1000)) throw invalid('INVALID_CAPACITY', 'Capacity is a whole number from 0 to 1000');
      if (max === null) await ctx.tx.query('DELETE FROM agent_capacity WHERE user_id = $1 AND channel = $2', [userId, channel]);
      else {
        await ctx.tx.query(
          'INSERT INTO agent_capacity (user_id, channel, max_open) VALUES ($1, $2, $3) ON CONFLICT (user_id, channel) DO UPDATE SET max_open = EXCLUDED.max_open',
          [userId, channel, max],
        );
      }
    }
    changes.capacity = input.capacity;
  }
  if (Object.keys(changes).length) {
    await recordChange(ctx, { event: 'routing.agent_updated', aggregateType: 'user', aggregateId: userId, payload: { user_id: userId, ...changes } });
  }
}

import { invalid, notFound } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { ROUTING_METHODS, type RoutingMethod } from '../routing.js';

export interface TeamRoutingInput {
  method?: RoutingMethod;
  use_skills?: boolean;
  /** How long a ticket waits for a skilled agent before any online agent of the team may take it. */
  skill_fallback_seconds?: number;
}

export interface TeamRouting {
  team_id: string;
  method: RoutingMethod;
  use_skills: boolean;
  skill_fallback_seconds: number;
  rr_last_user_id: string | null;
  updated_at: Date;
}

export const DEFAULT_TEAM_ROUTING = { method: 'manual' as RoutingMethod, use_skills: true, skill_fallback_seconds: 300 };

/** Set a team's routing (manual, round-robin, least-loaded) and its skill fall-back wait (routing.manage). */
export async function updateTeamRouting(ctx: Ctx, teamId: string, input: TeamRoutingInput): Promise<TeamRouting> {
  authorize(ctx.actor, 'routing.manage');
  const team = await ctx.tx.maybeOne('SELECT 1 FROM teams WHERE id = $1 AND workspace_id = $2', [teamId, ctx.actor.workspaceId]);
  if (!team) throw notFound('TEAM_NOT_FOUND', 'Team');
  if (input.method !== undefined && !(ROUTING_METHODS as readonly string[]).includes(input.method)) {
    throw invalid('INVALID_ROUTING_METHOD', `Method must be one of ${ROUTING_METHODS.join(', ')}`);
  }
  const wait = input.skill_fallback_seconds;
  if (wait !== undefined && (!Number.isInteger(wait) || wait < 0 || wait > 7 * 86_400)) {
    throw invalid('INVALID_FALLBACK', 'The skill fall-back wait is a whole number of seconds from 0 to 604800 (7 days)');
  }
  const cur = await ctx.tx.maybeOne<TeamRouting>('SELECT * FROM team_routing WHERE team_id = $1 FOR UPDATE', [teamId]);
  const next = { ...DEFAULT_TEAM_ROUTING, ...(cur ?? {}), ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as TeamRouting;
  const row = await ctx.tx.one<TeamRouting>(
    `INSERT INTO team_routing (team_id, workspace_id, method, use_skills, skill_fallback_seconds, updated_at) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (team_id) DO UPDATE SET method = EXCLUDED.method, use_skills = EXCLUDED.use_skills,
       skill_fallback_seconds = EXCLUDED.skill_fallback_seconds, updated_at = EXCLUDED.updated_at
     RETURNING team_id, method, use_skills, skill_fallback_seconds, rr_last_user_id, updated_at`,
    [teamId, ctx.actor.workspaceId, next.method, next.use_skills, next.skill_fallback_seconds, ctx.clock.now()],
  );
  await recordChange(ctx, {
    event: 'routing.team_settings_updated', aggregateType: 'team', aggregateId: teamId,
    payload: { team_id: teamId, method: row.method, use_skills: row.use_skills, skill_fallback_seconds: row.skill_fallback_seconds },
  });
  return row;
}

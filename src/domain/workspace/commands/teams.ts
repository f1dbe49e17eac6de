import { conflict, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { TEAM_COLUMNS, type Team } from '../workspace.js';
import { qualify } from '../../../platform/db/sql.js';

export async function createTeam(ctx: Ctx, input: { name: string; description?: string; member_ids?: string[] }): Promise<Team> {
  authorize(ctx.actor, 'teams.manage');
  const now = ctx.clock.now();
  const team = await ctx.tx.maybeOne<Team>(
    `INSERT INTO teams (id, workspace_id, name, description, created_at) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (workspace_id, name) DO NOTHING RETURNING ${TEAM_COLUMNS}`,
    [newId('team', now), ctx.actor.workspaceId, input.name.trim(), input.description ?? '', now],
  );
  if (!team) throw conflict('TEAM_NAME_TAKEN', `A team named "${input.name}" already exists`);
  await recordChange(ctx, { event: 'team.created', aggregateType: 'team', aggregateId: team.id, payload: { name: team.name } });
  await setMembers(ctx, team.id, input.member_ids ?? []);
  return { ...team, member_ids: input.member_ids ?? [] };
}

async function setMembers(ctx: Ctx, teamId: string, userIds: string[]): Promise<void> {
  const cur = (await ctx.tx.query<{ user_id: string }>('SELECT user_id FROM team_members WHERE team_id = $1', [teamId])).map((r) => r.user_id);
  for (const u of userIds.filter((x) => !cur.includes(x))) {
    const ok = await ctx.tx.maybeOne('INSERT INTO team_members (team_id, user_id) SELECT $1, id FROM users WHERE id = $2 AND workspace_id = $3 RETURNING 1', [teamId, u, ctx.actor.workspaceId]);
    if (!ok) throw notFound('USER_NOT_FOUND', `User ${u}`);
    await recordChange(ctx, { event: 'team.member_added', aggregateType: 'team', aggregateId: teamId, payload: { user_id: u } });
  }
  for (const u of cur.filter((x) => !userIds.includes(x))) {
    await ctx.tx.query('DELETE FROM team_members WHERE team_id = $1 AND user_id = $2', [teamId, u]);
    await recordChange(ctx, { event: 'team.member_removed', aggregateType: 'team', aggregateId: teamId, payload: { user_id: u } });
  }
}

export async function updateTeam(ctx: Ctx, id: string, input: { name?: string; description?: string; member_ids?: string[] }): Promise<Team> {
  authorize(ctx.actor, 'teams.manage');
  const team = await ctx.tx.maybeOne<Team>(
    `UPDATE teams SET name = coalesce($3, name), description = coalesce($4, description) WHERE id = $1 AND workspace_id = $2 RETURNING ${TEAM_COLUMNS}`,
    [id, ctx.actor.workspaceId, input.name?.trim() ?? null, input.description ?? null],
  ).catch((e: unknown) => {
    if (String(e).includes('unique')) throw conflict('TEAM_NAME_TAKEN', `A team named "${input.name}" already exists`);
    throw e;
  });
  if (!team) throw notFound('TEAM_NOT_FOUND', 'Team');
  if (input.member_ids) await setMembers(ctx, id, input.member_ids);
  if (input.name !== undefined || input.description !== undefined) {
    await recordChange(ctx, { event: 'team.updated', aggregateType: 'team', aggregateId: id, payload: { name: input.name, description: input.description } });
  }
  return (await listTeams(ctx)).find((t) => t.id === id)!;
}

export async function listTeams(ctx: Ctx): Promise<Team[]> {
  return ctx.tx.query<Team>(
    `SELECT ${qualify(TEAM_COLUMNS, 't')},
            coalesce((SELECT array_agg(m.user_id ORDER BY m.user_id) FROM team_members m WHERE m.team_id = t.id), '{}') AS member_ids
       FROM teams t WHERE t.workspace_id = $1 ORDER BY t.name`,
    [ctx.actor.workspaceId],
  );
}

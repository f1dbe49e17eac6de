import { notFound } from '../../../platform/errors.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import { USER_COLUMNS, type User } from '../user.js';
import { qualify } from '../../../platform/db/sql.js';

export type UserWithTeams = User & { team_ids: string[] };

const SELECT = `SELECT ${qualify(USER_COLUMNS, 'u')},
  coalesce((SELECT array_agg(tm.team_id ORDER BY tm.team_id) FROM team_members tm WHERE tm.user_id = u.id), '{}') AS team_ids FROM users u`;

export async function listUsers(ctx: Ctx, f: { role?: string; team_id?: string } = {}): Promise<UserWithTeams[]> {
  authorize(ctx.actor, 'users.read');
  return ctx.tx.query<UserWithTeams>(
    `${SELECT} WHERE u.workspace_id = $1 AND ($2::text IS NULL OR u.role = $2)
       AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM team_members tm WHERE tm.user_id = u.id AND tm.team_id = $3))
     ORDER BY u.name, u.id`,
    [ctx.actor.workspaceId, f.role ?? null, f.team_id ?? null],
  );
}

export async function getUser(ctx: Ctx, id: string): Promise<UserWithTeams> {
  authorize(ctx.actor, 'users.read');
  const u = await ctx.tx.maybeOne<UserWithTeams>(`${SELECT} WHERE u.id = $1 AND u.workspace_id = $2`, [id, ctx.actor.workspaceId]);
  if (!u) throw notFound('USER_NOT_FOUND', 'User');
  return u;
}

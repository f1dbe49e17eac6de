import { invalid, notFound } from '../../../platform/errors.js';
import type { Role } from '../../../shared/enums.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { checkPasswordStrength, hashPassword } from '../passwords.js';
import { USER_COLUMNS, type User } from '../user.js';

export interface UpdateUserInput {
  name?: string;
  role?: Role;
  brand_ids?: string[];
  team_ids?: string[];
  is_active?: boolean;
  password?: string;
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput): Promise<User> {
  const self = ctx.actor.id === id;
  const adminOnly = input.role !== undefined || input.brand_ids !== undefined || input.team_ids !== undefined || input.is_active !== undefined;
  if (adminOnly || !self) authorize(ctx.actor, 'users.manage');
  const cur = await ctx.tx.maybeOne<User>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 AND workspace_id = $2 FOR UPDATE`, [id, ctx.actor.workspaceId]);
  if (!cur) throw notFound('USER_NOT_FOUND', 'User');
  if (self && (input.is_active === false || (input.role && input.role !== 'admin' && cur.role === 'admin'))) {
    throw invalid('CANNOT_DEMOTE_SELF', 'You cannot deactivate or demote yourself; ask another admin');
  }
  if (input.password !== undefined) checkPasswordStrength(input.password);
  const pw = input.password ? await hashPassword(input.password) : null;
  const user = await ctx.tx.one<User>(
    `UPDATE users SET name = coalesce($2, name), role = coalesce($3, role), brand_ids = coalesce($4, brand_ids),
        is_active = coalesce($5, is_active), password_hash = coalesce($6, password_hash),
        failed_logins = CASE WHEN $6::text IS NULL THEN failed_logins ELSE 0 END,
        locked_until = CASE WHEN $6::text IS NULL THEN locked_until ELSE NULL END, updated_at = $7
      WHERE id = $1 RETURNING ${USER_COLUMNS}`,
    [id, input.name?.trim() ?? null, input.role ?? null, input.brand_ids ?? null, input.is_active ?? null, pw, ctx.clock.now()],
  );
  if (input.team_ids) {
    await ctx.tx.query('DELETE FROM team_members WHERE user_id = $1', [id]);
    for (const t of input.team_ids) {
      await ctx.tx.query('INSERT INTO team_members (team_id, user_id) SELECT id, $2 FROM teams WHERE id = $1 AND workspace_id = $3', [t, id, ctx.actor.workspaceId]);
    }
  }
  if (input.is_active === false) await ctx.tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
  const { password: _pw, ...visible } = input;
  await recordChange(ctx, { event: 'user.updated', aggregateType: 'user', aggregateId: id, payload: { ...visible, password_changed: Boolean(pw) } });
  return user;
}

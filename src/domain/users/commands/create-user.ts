import { conflict } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import type { Role } from '../../../shared/enums.js';
import { normaliseIdentity } from '../../customers/index.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { checkPasswordStrength, hashPassword } from '../passwords.js';
import { USER_COLUMNS, type User } from '../user.js';

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  password?: string;
  brand_ids?: string[];
  team_ids?: string[];
}

export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<User> {
  authorize(ctx.actor, 'users.manage');
  const email = normaliseIdentity('email', input.email);
  if (input.password !== undefined) checkPasswordStrength(input.password);
  const now = ctx.clock.now();
  const pw = input.password ? await hashPassword(input.password) : null;
  const user = await ctx.tx.maybeOne<User>(
    `INSERT INTO users (id, workspace_id, email, name, role, password_hash, brand_ids, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8) ON CONFLICT DO NOTHING RETURNING ${USER_COLUMNS}`,
    [newId('usr', now), ctx.actor.workspaceId, email, input.name.trim(), input.role, pw, input.brand_ids ?? [], now],
  );
  if (!user) throw conflict('EMAIL_TAKEN', `A user with email ${email} already exists`);
  for (const teamId of input.team_ids ?? []) {
    await ctx.tx.query(
      'INSERT INTO team_members (team_id, user_id) SELECT id, $2 FROM teams WHERE id = $1 AND workspace_id = $3 ON CONFLICT DO NOTHING',
      [teamId, user.id, ctx.actor.workspaceId],
    );
  }
  await recordChange(ctx, {
    event: 'user.created', aggregateType: 'user', aggregateId: user.id,
    payload: { email, role: user.role, brand_ids: user.brand_ids, team_ids: input.team_ids ?? [] },
  });
  return user;
}

import { forbidden, invalid, notFound } from '../../../platform/errors.js';
import { newId, newSecret, sha256 } from '../../../platform/ids.js';
import { authorize, can, recordChange, type Ctx } from '../../kernel/index.js';
import { qualify } from '../../../platform/db/sql.js';

export interface ApiToken {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLS = 'id, user_id, name, prefix, created_at, last_used_at, revoked_at';
const T_COLS = qualify(COLS, 't');

/** Create a token for the actor (or, for admins, another user). The secret is returned once, stored hashed. */
export async function createApiToken(ctx: Ctx, input: { name: string; user_id?: string }): Promise<{ token: string; record: ApiToken }> {
  authorize(ctx.actor, 'tokens.own');
  const userId = input.user_id ?? ctx.actor.id;
  if (!userId) throw invalid('USER_REQUIRED', 'Name the user the token is for');
  if (userId !== ctx.actor.id && !can(ctx.actor, 'users.manage')) throw forbidden('Only admins can create tokens for other users');
  const u = await ctx.tx.maybeOne('SELECT 1 FROM users WHERE id = $1 AND workspace_id = $2', [userId, ctx.actor.workspaceId]);
  if (!u) throw notFound('USER_NOT_FOUND', 'User');
  const token = `sb_${newSecret(30)}`;
  const now = ctx.clock.now();
  const record = await ctx.tx.one<ApiToken>(
    `INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, created_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING ${COLS}`,
    [newId('tok', now), userId, input.name.trim() || 'API token', sha256(token), token.slice(0, 10), now],
  );
  await recordChange(ctx, { event: 'api_token.created', aggregateType: 'api_token', aggregateId: record.id, payload: { user_id: userId, name: record.name } });
  return { token, record };
}

export async function listApiTokens(ctx: Ctx, opts: { all?: boolean } = {}): Promise<Array<ApiToken & { user_email: string }>> {
  authorize(ctx.actor, 'tokens.own');
  const all = opts.all && can(ctx.actor, 'users.manage');
  return ctx.tx.query(
    `SELECT ${T_COLS}, u.email AS user_email FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE u.workspace_id = $1 AND ($2 OR t.user_id = $3) ORDER BY t.created_at DESC`,
    [ctx.actor.workspaceId, all, ctx.actor.id],
  );
}

export async function revokeApiToken(ctx: Ctx, id: string): Promise<ApiToken> {
  authorize(ctx.actor, 'tokens.own');
  const t = await ctx.tx.maybeOne<ApiToken>(
    `SELECT ${T_COLS} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1 AND u.workspace_id = $2`,
    [id, ctx.actor.workspaceId],
  );
  if (!t || (t.user_id !== ctx.actor.id && !can(ctx.actor, 'users.manage'))) throw notFound('API_TOKEN_NOT_FOUND', 'API token');
  if (t.revoked_at) return t;
  const out = await ctx.tx.one<ApiToken>(`UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 RETURNING ${COLS}`, [id, ctx.clock.now()]);
  await recordChange(ctx, { event: 'api_token.revoked', aggregateType: 'api_token', aggregateId: id, payload: { user_id: t.user_id } });
  return out;
}

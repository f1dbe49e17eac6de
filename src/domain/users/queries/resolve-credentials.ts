import type { Queryable } from '../../../platform/db/index.js';
import { sha256 } from '../../../platform/ids.js';
import { USER_COLUMNS, type User } from '../user.js';
import { qualify } from '../../../platform/db/sql.js';

const U = qualify(USER_COLUMNS, 'u');

export async function resolveSession(db: Queryable, token: string, now: Date): Promise<{ user: User; csrfToken: string } | null> {
  const row = await db.maybeOne<User & { csrf_token: string }>(
    `SELECT ${U}, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.expires_at > $2 AND u.is_active`,
    [sha256(token), now],
  );
  if (!row) return null;
  const { csrf_token, ...user } = row;
  return { user, csrfToken: csrf_token };
}

/** Resolve a bearer token to its user; records last use at most once a minute (cheap on the hot path). */
export async function resolveApiToken(db: Queryable, token: string, now: Date): Promise<{ user: User; tokenId: string } | null> {
  const row = await db.maybeOne<User & { token_id: string; last_used_at_tok: Date | null }>(
    `SELECT ${U}, t.id AS token_id, t.last_used_at AS last_used_at_tok FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.is_active`,
    [sha256(token)],
  );
  if (!row) return null;
  if (!row.last_used_at_tok || now.getTime() - new Date(row.last_used_at_tok).getTime() > 60_000) {
    await db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [row.token_id, now]);
  }
  const { token_id, last_used_at_tok: _l, ...user } = row;
  return { user, tokenId: token_id };
}

import type { Tx } from '../../../platform/db/index.js';
import type { Clock } from '../../../platform/clock.js';
import { newSecret, sha256 } from '../../../platform/ids.js';
import { recordChange, systemActor, type RequestMeta } from '../../kernel/index.js';
import { verifyPassword } from '../passwords.js';
import { USER_COLUMNS, type User } from '../user.js';

export interface LogInDeps {
  tx: Tx;
  clock: Clock;
  meta: RequestMeta;
  maxFailures: number;
  lockMinutes: number;
  sessionTtlHours: number;
}

export type LogInResult =
  | { ok: true; user: User; sessionToken: string; csrfToken: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: Date };

/**
 * Check email + password. Failures are counted (and commit) even though login fails; after
 * `maxFailures` in a row the account is locked for `lockMinutes`. The answer never says whether the
 * email exists.
 */
export async function logIn(d: LogInDeps, email: string, password: string): Promise<LogInResult> {
  const now = d.clock.now();
  const row = await d.tx.maybeOne<User & { password_hash: string | null; failed_logins: number }>(
    `SELECT ${USER_COLUMNS}, password_hash, failed_logins FROM users WHERE lower(email) = lower($1) FOR UPDATE`,
    [email.trim()],
  );
  if (row?.locked_until && row.locked_until > now) {
    return { ok: false, reason: 'locked', lockedUntil: row.locked_until };
  }
  const good = await verifyPassword(row?.password_hash ?? null, password);
  if (!row || !good || !row.is_active) {
    if (row) {
      const failures = row.failed_logins + 1;
      const lock = failures >= d.maxFailures ? new Date(now.getTime() + d.lockMinutes * 60_000) : null;
      await d.tx.query('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1', [row.id, lock ? 0 : failures, lock]);
      if (lock) {
        await recordChange(
          { actor: systemActor(row.workspace_id), tx: d.tx, clock: d.clock, meta: d.meta },
          { event: 'user.locked', aggregateType: 'user', aggregateId: row.id, payload: { until: lock.toISOString(), failures } },
        );
        return { ok: false, reason: 'locked', lockedUntil: lock };
      }
    }
    return { ok: false, reason: 'invalid' };
  }
  const sessionToken = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = new Date(now.getTime() + d.sessionTtlHours * 3_600_000);
  await d.tx.query(
    'INSERT INTO sessions (id, user_id, csrf_token, ip, user_agent, created_at, expires_at) VALUES ($1,$2,$3,$4,$5,$6,$7)',
    [sha256(sessionToken), row.id, csrfToken, d.meta.ip ?? null, d.meta.userAgent?.slice(0, 500) ?? null, now, expiresAt],
  );
  await d.tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1', [row.id, now]);
  const actor = { type: 'user' as const, id: row.id, workspaceId: row.workspace_id, role: row.role, brandIds: row.brand_ids };
  await recordChange(
    { actor, tx: d.tx, clock: d.clock, meta: d.meta },
    { event: 'user.logged_in', aggregateType: 'user', aggregateId: row.id, payload: {}, audit: { action: 'user.logged_in' } },
  );
  const { password_hash: _h, failed_logins: _f, ...user } = row;
  return { ok: true, user, sessionToken, csrfToken, expiresAt };
}

export async function logOut(tx: Tx, sessionToken: string): Promise<void> {
  await tx.query('DELETE FROM sessions WHERE id = $1', [sha256(sessionToken)]);
}

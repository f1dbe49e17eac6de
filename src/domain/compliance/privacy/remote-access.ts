import type { Db } from '../../../platform/db/index.js';
import { invalid, notFound } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { EEA_COUNTRIES } from '../processors/regions.js';

/**
 * Where an agent works from, for the transfer map (Art. 44: remote access from a third country is a transfer).
 * Either per user (`user_id`) or per IP prefix of their sessions (`ip_prefix`, e.g. "203.0.113.").
 */
export async function setAgentLocation(ctx: Ctx, input: { user_id?: string | null; ip_prefix?: string | null; country: string }): Promise<{ country: string }> {
  authorize(ctx.actor, 'compliance.manage');
  const country = input.country?.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country ?? '')) throw invalid('INVALID_COUNTRY', 'country is an ISO 3166 alpha-2 code');
  const userId = input.user_id?.trim() || null;
  const prefix = input.ip_prefix?.trim() || null;
  if ((userId === null) === (prefix === null)) throw invalid('USER_OR_IP_PREFIX', 'Give either user_id or ip_prefix');
  if (prefix && !/^[0-9a-f.:]{2,45}$/i.test(prefix)) throw invalid('INVALID_IP_PREFIX', 'ip_prefix is the start of an IP address, like 203.0.113.');
  if (userId) {
    const u = await ctx.tx.maybeOne('SELECT 1 FROM users WHERE id = $1 AND workspace_id = $2', [userId, ctx.actor.workspaceId]);
    if (!u) throw notFound('USER_NOT_FOUND', 'User');
  }
  await ctx.tx.query(`DELETE FROM compliance_agent_locations WHERE workspace_id = $1 AND coalesce(user_id, '') = coalesce($2, '') AND coalesce(ip_prefix, '') = coalesce($3, '')`,
    [ctx.actor.workspaceId, userId, prefix]);
  await ctx.tx.query('INSERT INTO compliance_agent_locations (workspace_id, user_id, ip_prefix, country, updated_at) VALUES ($1, $2, $3, $4, $5)',
    [ctx.actor.workspaceId, userId, prefix, country, ctx.clock.now()]);
  await recordChange(ctx, { event: 'compliance.agent_location_set', aggregateType: 'workspace', aggregateId: ctx.actor.workspaceId, payload: { user_id: userId, ip_prefix: prefix, country } });
  return { country };
}

/**
 * Log a view of personal data when the viewer works from outside the EEA (user's configured country first, then
 * the longest matching IP prefix). Called by the PII access hook after the response; one statement.
 */
export async function logRemoteAccess(db: Db, e: { workspaceId: string; userId: string; ip: string | null; customerIds: string[]; route: string; at: Date }): Promise<number> {
  const rows = await db.query<{ id: string }>(
    `WITH loc AS (
       SELECT country, basis FROM (
         SELECT country, 'user' AS basis, 1 AS rank, 0 AS len FROM compliance_agent_locations WHERE workspace_id = $1 AND user_id = $2
         UNION ALL
         SELECT country, 'ip', 2, length(ip_prefix) FROM compliance_agent_locations
          WHERE workspace_id = $1 AND ip_prefix IS NOT NULL AND $3::text IS NOT NULL AND left($3::text, length(ip_prefix)) = ip_prefix
       ) x ORDER BY rank, len DESC LIMIT 1)
     INSERT INTO compliance_remote_access (workspace_id, user_id, country, basis, customer_id, route, accessed_at)
     SELECT $1, $2, loc.country, loc.basis, c, $5, $6 FROM loc, unnest($4::text[]) AS c
      WHERE NOT (loc.country = ANY($7::text[]))
     RETURNING id`,
    [e.workspaceId, e.userId, e.ip, [...new Set(e.customerIds)], e.route, e.at, [...EEA_COUNTRIES]],
  );
  return rows.length;
}

export interface RemoteAccessRow {
  country: string;
  users: number;
  views: number;
  last_at: Date;
}

/** Views of personal data from outside the EEA since `since`, per country. */
export async function remoteAccessByCountry(ctx: Ctx, since: Date): Promise<RemoteAccessRow[]> {
  authorize(ctx.actor, 'compliance.manage');
  return ctx.tx.query<RemoteAccessRow>(
    `SELECT country, count(DISTINCT user_id)::int AS users, count(*)::int AS views, max(accessed_at) AS last_at
       FROM compliance_remote_access WHERE workspace_id = $1 AND accessed_at >= $2 GROUP BY country ORDER BY country`,
    [ctx.actor.workspaceId, since]);
}

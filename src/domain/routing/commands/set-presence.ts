import { forbidden, invalid, notFound } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { PRESENCE, type Presence } from '../routing.js';

/**
 * Set an agent's presence. Anyone who can be assigned tickets sets their own; supervisors and admins
 * (routing.manage) set anyone's. Going online lets the routing subscriber hand the agent waiting tickets.
 */
export async function setPresence(ctx: Ctx, userId: string, status: Presence): Promise<{ user_id: string; status: Presence; changed_at: Date }> {
  if (!(PRESENCE as readonly string[]).includes(status)) throw invalid('INVALID_PRESENCE', `Presence must be one of ${PRESENCE.join(', ')}`);
  if (ctx.actor.id !== userId) authorize(ctx.actor, 'routing.manage');
  const u = await ctx.tx.maybeOne<{ role: string; is_active: boolean }>('SELECT role, is_active FROM users WHERE id = $1 AND workspace_id = $2', [
    userId, ctx.actor.workspaceId,
  ]);
  if (!u) throw notFound('USER_NOT_FOUND', 'User');
  if (!['admin', 'supervisor', 'agent'].includes(u.role)) throw forbidden(`A ${u.role} takes no tickets and has no presence`, 'PRESENCE_NOT_APPLICABLE');
  if (!u.is_active && status !== 'offline') throw invalid('USER_INACTIVE', 'A deactivated user can only be offline');
  const now = ctx.clock.now();
  const prev = await ctx.tx.maybeOne<{ status: Presence }>('SELECT status FROM agent_presence WHERE user_id = $1 FOR UPDATE', [userId]);
  if (prev?.status === status) return { user_id: userId, status, changed_at: now };
  await ctx.tx.query(
    `INSERT INTO agent_presence (user_id, workspace_id, status, changed_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id) DO UPDATE SET status = EXCLUDED.status, changed_at = EXCLUDED.changed_at`,
    [userId, ctx.actor.workspaceId, status, now],
  );
  await recordChange(ctx, {
    event: 'routing.presence_changed', aggregateType: 'user', aggregateId: userId, payload: { user_id: userId, from: prev?.status ?? 'offline', to: status },
  });
  return { user_id: userId, status, changed_at: now };
}

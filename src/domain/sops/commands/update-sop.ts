import { invalid } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import type { ApproverSlot } from '../lifecycle.js';
import { loadSop, SOP_COLS, type Sop } from '../repo.js';

/** Approvers must be active users who may approve SOPs (admins and supervisors, or anyone given sops.approve). */
export async function checkApprovers(ctx: Ctx, approvers: ApproverSlot[]): Promise<ApproverSlot[]> {
  const out: ApproverSlot[] = [];
  for (const a of approvers) {
    const role = a.role.trim();
    if (!role) throw invalid('SOP_APPROVER_ROLE_REQUIRED', 'Each approver needs a role, e.g. "Legal" or "Support Ops"');
    const u = await ctx.tx.maybeOne<{ id: string }>('SELECT id FROM users WHERE id = $1 AND workspace_id = $2 AND is_active', [a.user_id, ctx.actor.workspaceId]);
    if (!u) throw invalid('SOP_APPROVER_UNKNOWN', `Approver ${a.user_id} (${role}) is not an active user of this workspace`);
    out.push({ role, user_id: a.user_id });
  }
  return out;
}

/** Set the named approvers (by role) of an SOP. Applies to reviews from now on. */
export async function updateSop(ctx: Ctx, id: string, input: { approvers: ApproverSlot[] }): Promise<Sop> {
  authorize(ctx.actor, 'sops.manage');
  const cur = await loadSop(ctx.tx, ctx.actor.workspaceId, id);
  const approvers = await checkApprovers(ctx, input.approvers);
  const sop = await ctx.tx.one<Sop>(`UPDATE sops SET approvers = $2, updated_at = $3 WHERE id = $1 RETURNING ${SOP_COLS}`, [id, JSON.stringify(approvers), ctx.clock.now()]);
  await recordChange(ctx, { event: 'sop.updated', aggregateType: 'sop', aggregateId: id, payload: { from: { approvers: cur.approvers }, to: { approvers } } });
  return sop;
}

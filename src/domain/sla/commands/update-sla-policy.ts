import { AppError, invalid } from '../../../platform/errors.js';
import type { UpdateSlaPolicyBody } from '../../../shared/contracts/sla.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { listPolicyRows, loadPolicy, savePolicy } from '../policy.repo.js';
import type { SlaPolicy } from '../sla-policy.js';
import { checkPolicy, checkPolicyName, renumber } from './create-sla-policy.js';

/**
 * Change a policy; its version goes up. Tickets already under it keep their applied SLA until they
 * change (priority, team, assignee, tags, fields, reopen) — then they are re-evaluated against the new version.
 */
export async function updateSlaPolicy(ctx: Ctx, id: string, input: UpdateSlaPolicyBody): Promise<SlaPolicy> {
  authorize(ctx.actor, 'sla.manage');
  const cur = await loadPolicy(ctx.tx, ctx.actor.workspaceId, id, { forUpdate: true });
  if (input.version !== undefined && input.version !== cur.version) {
    throw new AppError('VERSION_CONFLICT', `The policy changed since you loaded it (version ${cur.version})`, 'precondition', { current_version: cur.version });
  }
  const { version: _v, ...changes } = input;
  const next: SlaPolicy = {
    ...cur,
    ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    targets: (changes.targets ?? cur.targets).map((t) => ({ metric: t.metric, minutes: t.minutes, business: t.business ?? true, ...(t.warn_minutes !== undefined ? { warn_minutes: t.warn_minutes } : {}) })),
    version: cur.version + 1,
    updated_at: ctx.clock.now(),
  };
  await checkPolicy(ctx.tx, cur.workspace_id, next);
  if (next.name !== cur.name) await checkPolicyName(ctx.tx, cur.workspace_id, next.name, cur.id);
  await savePolicy(ctx.tx, next);
  await recordChange(ctx, {
    event: 'sla_policy.updated', aggregateType: 'sla_policy', aggregateId: id,
    payload: { changed: Object.keys(changes), version: next.version },
  });
  return next;
}

/** Soft-delete: the history of applied SLAs keeps pointing at it; tickets re-evaluate on their next change. */
export async function deleteSlaPolicy(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx.actor, 'sla.manage');
  const cur = await loadPolicy(ctx.tx, ctx.actor.workspaceId, id, { forUpdate: true });
  const now = ctx.clock.now();
  await ctx.tx.query('UPDATE sla_policies SET deleted_at = $2, is_active = false, name = name || $3, updated_at = $2 WHERE id = $1', [id, now, ` (deleted ${id})`]);
  await renumber(ctx.tx, (await listPolicyRows(ctx.tx, cur.workspace_id)).map((p) => p.id));
  await recordChange(ctx, { event: 'sla_policy.deleted', aggregateType: 'sla_policy', aggregateId: id, payload: { name: cur.name } });
}

/** Set the evaluation order: `ids` must list every policy exactly once. */
export async function reorderSlaPolicies(ctx: Ctx, ids: string[]): Promise<SlaPolicy[]> {
  authorize(ctx.actor, 'sla.manage');
  const ws = ctx.actor.workspaceId;
  const current = await listPolicyRows(ctx.tx, ws);
  const known = new Set(current.map((p) => p.id));
  if (ids.length !== current.length || new Set(ids).size !== ids.length || ids.some((i) => !known.has(i))) {
    throw invalid('SLA_POLICY_ORDER_INVALID', 'ids must list every SLA policy exactly once');
  }
  await renumber(ctx.tx, ids);
  await recordChange(ctx, { event: 'sla_policy.reordered', aggregateType: 'workspace', aggregateId: ws, payload: { ids } });
  return listPolicyRows(ctx.tx, ws);
}

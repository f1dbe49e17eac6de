import { authorize, type Ctx } from '../../kernel/index.js';
import { listPolicyRows, loadPolicy } from '../policy.repo.js';
import type { SlaPolicy } from '../sla-policy.js';

export async function listSlaPolicies(ctx: Ctx): Promise<SlaPolicy[]> {
  authorize(ctx.actor, 'tickets.read');
  return listPolicyRows(ctx.tx, ctx.actor.workspaceId);
}

export async function getSlaPolicy(ctx: Ctx, id: string): Promise<SlaPolicy> {
  authorize(ctx.actor, 'tickets.read');
  return loadPolicy(ctx.tx, ctx.actor.workspaceId, id);
}

import { conflict } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChanges, type Ctx } from '../../kernel/index.js';
import type { ApproverSlot } from '../lifecycle.js';
import { SOP_COLS, VERSION_COLS, type Sop, type SopVersion } from '../repo.js';
import { checkApprovers } from './update-sop.js';
import { parseForWorkspace } from './parse-for-workspace.js';

/** Create an SOP from its YAML: the SOP and its version 1 (a draft). */
export async function createSop(ctx: Ctx, input: { yaml: string; approvers?: ApproverSlot[] }): Promise<{ sop: Sop; version: SopVersion }> {
  authorize(ctx.actor, 'sops.manage');
  const def = await parseForWorkspace(ctx, input.yaml);
  const approvers = await checkApprovers(ctx, input.approvers ?? []);
  const taken = await ctx.tx.maybeOne('SELECT 1 FROM sops WHERE workspace_id = $1 AND key = $2', [ctx.actor.workspaceId, def.key]);
  if (taken) throw conflict('SOP_KEY_TAKEN', `An SOP with key "${def.key}" exists already; create a new version of it instead`);
  const now = ctx.clock.now();
  const sop = await ctx.tx.one<Sop>(
    `INSERT INTO sops (id, workspace_id, key, name, owner, purpose, approvers, created_by, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9) RETURNING ${SOP_COLS}`,
    [newId('sop', now), ctx.actor.workspaceId, def.key, def.name, def.owner, def.purpose, JSON.stringify(approvers), ctx.actor.id, now],
  );
  const version = await ctx.tx.one<SopVersion>(
    `INSERT INTO sop_versions (id, workspace_id, sop_id, number, status, definition, yaml, author_id, created_at, updated_at)
     VALUES ($1,$2,$3,1,'draft',$4,$5,$6,$7,$7) RETURNING ${VERSION_COLS}`,
    [newId('sopv', now), ctx.actor.workspaceId, sop.id, JSON.stringify(def), input.yaml, ctx.actor.id, now],
  );
  await recordChanges(ctx, [
    { event: 'sop.created', aggregateType: 'sop', aggregateId: sop.id, payload: { key: def.key, name: def.name, approvers } },
    { event: 'sop_version.created', aggregateType: 'sop_version', aggregateId: version.id, payload: { sop_id: sop.id, number: 1, to: 'draft' } },
  ]);
  return { sop, version };
}

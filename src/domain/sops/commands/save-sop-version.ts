import { AppError, conflict } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { diffDefinitions } from '../diff.js';
import { statusAfterEdit } from '../lifecycle.js';
import { loadSop, loadVersion, VERSION_COLS, type SopVersion } from '../repo.js';
import { toSopYaml } from '../yaml.js';
import { parseForWorkspace } from './parse-for-workspace.js';

/** A new draft version of an SOP, from YAML or copied from an existing version (default: the latest). */
export async function createSopVersion(ctx: Ctx, sopId: string, input: { yaml?: string; from_version_id?: string }): Promise<SopVersion> {
  authorize(ctx.actor, 'sops.manage');
  const sop = await loadSop(ctx.tx, ctx.actor.workspaceId, sopId);
  await ctx.tx.query('SELECT id FROM sops WHERE id = $1 FOR UPDATE', [sopId]); // serialise version numbers
  const latest = await ctx.tx.one<{ n: number; id: string | null }>(
    'SELECT coalesce(max(number), 0)::int AS n, (SELECT id FROM sop_versions WHERE sop_id = $1 ORDER BY number DESC LIMIT 1) AS id FROM sop_versions WHERE sop_id = $1', [sopId],
  );
  let yaml = input.yaml;
  if (yaml === undefined) {
    const from = await loadVersion(ctx.tx, ctx.actor.workspaceId, input.from_version_id ?? latest.id!);
    if (from.sop_id !== sopId) throw new AppError('SOP_VERSION_NOT_FOUND', 'That version belongs to another SOP', 'not_found');
    yaml = from.yaml;
  }
  const def = await parseForWorkspace(ctx, yaml);
  if (def.key !== sop.key) throw conflict('SOP_KEY_MISMATCH', `A version of "${sop.key}" must keep key: ${sop.key} (got ${def.key})`);
  const now = ctx.clock.now();
  const v = await ctx.tx.one<SopVersion>(
    `INSERT INTO sop_versions (id, workspace_id, sop_id, number, status, definition, yaml, author_id, created_at, updated_at)
     VALUES ($1,$2,$3,$4,'draft',$5,$6,$7,$8,$8) RETURNING ${VERSION_COLS}`,
    [newId('sopv', now), ctx.actor.workspaceId, sopId, latest.n + 1, JSON.stringify(def), yaml, ctx.actor.id, now],
  );
  await recordChange(ctx, { event: 'sop_version.created', aggregateType: 'sop_version', aggregateId: v.id, payload: { sop_id: sopId, number: v.number, to: 'draft' } });
  return v;
}

/**
 * Replace a version's body. Drafts change in place; a version in review or approved goes (back) to review,
 * in a new round: earlier approvals no longer count. Launched and later versions are frozen.
 */
export async function editSopVersion(ctx: Ctx, id: string, input: { yaml?: string; definition?: unknown; reason?: string }): Promise<SopVersion> {
  authorize(ctx.actor, 'sops.manage');
  const cur = await loadVersion(ctx.tx, ctx.actor.workspaceId, id, true);
  const to = statusAfterEdit(cur.status);
  // The structured editor sends a definition; it is stored in its YAML form so both views stay one document.
  const yaml = input.yaml ?? (input.definition !== undefined ? toSopYaml(input.definition as never) : undefined);
  if (yaml === undefined) throw new AppError('SOP_BODY_REQUIRED', 'Send yaml or definition', 'validation');
  const def = await parseForWorkspace(ctx, yaml);
  if (def.key !== cur.definition.key) throw conflict('SOP_KEY_MISMATCH', `The key of an SOP cannot change (it is ${cur.definition.key})`);
  const reopen = cur.status !== 'draft';
  const v = await ctx.tx.one<SopVersion>(
    `UPDATE sop_versions SET definition = $2, yaml = $3, status = $4, review_round = review_round + $5, tests_result = NULL, updated_at = $6
     WHERE id = $1 RETURNING ${VERSION_COLS}`,
    [id, JSON.stringify(def), yaml, to, reopen ? 1 : 0, ctx.clock.now()],
  );
  await ctx.tx.query('UPDATE sops SET name = $2, owner = $3, purpose = $4, updated_at = $5 WHERE id = $1', [cur.sop_id, def.name, def.owner, def.purpose, ctx.clock.now()]);
  await recordChange(ctx, {
    event: 'sop_version.edited', aggregateType: 'sop_version', aggregateId: id,
    payload: { from: cur.status, to, review_reopened: reopen, reason: input.reason ?? null, diff: diffDefinitions(cur.definition, def) },
  });
  return v;
}

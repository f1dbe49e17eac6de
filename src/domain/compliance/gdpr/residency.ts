import { REGIONS, regionDir, type Region } from '../../../platform/storage/regions.js';
import { invalid } from '../../../platform/errors.js';
import type { Queryable } from '../../../platform/db/index.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';

/** The storage region of a brand (its own, else the workspace's, else 'eu'). */
export async function regionOf(ctx: Ctx, brandId?: string | null): Promise<Region> {
  const row = await ctx.tx.maybeOne<{ region: Region }>(
    `SELECT region FROM compliance_residency WHERE workspace_id = $1 AND (brand_id = $2 OR brand_id IS NULL)
      ORDER BY brand_id IS NULL LIMIT 1`,
    [ctx.actor.workspaceId, brandId ?? null],
  );
  return row?.region ?? 'eu';
}

export async function setRegion(ctx: Ctx, input: { region: string; brand_id?: string | null }): Promise<{ region: Region; brand_id: string | null }> {
  authorize(ctx.actor, 'compliance.manage');
  if (!REGIONS.includes(input.region as Region)) throw invalid('UNKNOWN_REGION', `region must be one of ${REGIONS.join(', ')}`);
  if (input.brand_id) {
    const b = await ctx.tx.maybeOne('SELECT 1 FROM brands WHERE id = $1 AND workspace_id = $2', [input.brand_id, ctx.actor.workspaceId]);
    if (!b) throw invalid('BRAND_NOT_FOUND', 'Brand not found');
  }
  await ctx.tx.query(`DELETE FROM compliance_residency WHERE workspace_id = $1 AND coalesce(brand_id, '') = coalesce($2, '')`, [ctx.actor.workspaceId, input.brand_id ?? null]);
  await ctx.tx.query('INSERT INTO compliance_residency (workspace_id, brand_id, region, updated_at) VALUES ($1, $2, $3, $4)',
    [ctx.actor.workspaceId, input.brand_id ?? null, input.region, ctx.clock.now()]);
  await recordChange(ctx, { event: 'compliance.region_set', aggregateType: 'workspace', aggregateId: ctx.actor.workspaceId, payload: { region: input.region, brand_id: input.brand_id ?? null } });
  return { region: input.region as Region, brand_id: input.brand_id ?? null };
}

/** `<dataDir>/regions/<region>/<workspace>/<kind>`: where a workspace's exports and journals live. */
export function workspaceRegionDir(dataDir: string, region: Region, workspaceId: string, kind: 'exports' | 'tombstones'): Promise<string> {
  return regionDir(dataDir, region, workspaceId, kind);
}

/**
 * The region DECLARED for a brand (its own row, else the workspace's), or null when nothing is declared: the
 * file store's placement rule (platform/storage/placement), so undeclared workspaces keep the shared store.
 */
export async function declaredRegionOf(q: Queryable, workspaceId: string, brandId?: string | null): Promise<Region | null> {
  const row = await q.maybeOne<{ region: Region }>(
    `SELECT region FROM compliance_residency WHERE workspace_id = $1 AND (brand_id = $2 OR brand_id IS NULL) ORDER BY brand_id IS NULL LIMIT 1`,
    [workspaceId, brandId ?? null],
  );
  return row?.region ?? null;
}

import { conflict, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { normaliseIdentity } from '../../customers/index.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { BRAND_COLUMNS, slugify, type Brand } from '../workspace.js';

export async function createBrand(ctx: Ctx, input: { name: string; slug?: string; support_email?: string | null }): Promise<Brand> {
  authorize(ctx.actor, 'brands.manage');
  const now = ctx.clock.now();
  const email = input.support_email ? normaliseIdentity('email', input.support_email) : null;
  const brand = await ctx.tx.maybeOne<Brand>(
    `INSERT INTO brands (id, workspace_id, name, slug, support_email, created_at) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (workspace_id, slug) DO NOTHING RETURNING ${BRAND_COLUMNS}`,
    [newId('brd', now), ctx.actor.workspaceId, input.name.trim(), input.slug ?? slugify(input.name), email, now],
  );
  if (!brand) throw conflict('BRAND_SLUG_TAKEN', `A brand with slug "${input.slug ?? slugify(input.name)}" already exists`);
  await recordChange(ctx, { event: 'brand.created', aggregateType: 'brand', aggregateId: brand.id, payload: { name: brand.name, slug: brand.slug } });
  return brand;
}

export async function updateBrand(ctx: Ctx, id: string, input: { name?: string; support_email?: string | null }): Promise<Brand> {
  authorize(ctx.actor, 'brands.manage');
  const email = input.support_email ? normaliseIdentity('email', input.support_email) : input.support_email;
  const brand = await ctx.tx.maybeOne<Brand>(
    `UPDATE brands SET name = coalesce($3, name), support_email = CASE WHEN $4 THEN $5 ELSE support_email END
      WHERE id = $1 AND workspace_id = $2 RETURNING ${BRAND_COLUMNS}`,
    [id, ctx.actor.workspaceId, input.name?.trim() ?? null, input.support_email !== undefined, email ?? null],
  );
  if (!brand) throw notFound('BRAND_NOT_FOUND', 'Brand');
  await recordChange(ctx, { event: 'brand.updated', aggregateType: 'brand', aggregateId: id, payload: input });
  return brand;
}

export async function listBrands(ctx: Ctx): Promise<Brand[]> {
  const all = await ctx.tx.query<Brand>(`SELECT ${BRAND_COLUMNS} FROM brands WHERE workspace_id = $1 ORDER BY created_at, id`, [ctx.actor.workspaceId]);
  return ctx.actor.brandIds.length ? all.filter((b) => ctx.actor.brandIds.includes(b.id)) : all;
}

import { invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { assertBrand, authorizeManage } from '../kb.js';

/** Replace a brand's synonym groups ("coins" ~ "credits" ~ "tokens"). Terms are lower case; a group needs 2+ terms. */
export async function setSynonyms(ctx: Ctx, brandId: string, groups: string[][]): Promise<string[][]> {
  authorizeManage(ctx.actor);
  await assertBrand(ctx, brandId);
  const clean = groups.map((g) => [...new Set(g.map((t) => t.toLowerCase().replace(/\s+/g, ' ').trim()).filter(Boolean))]);
  if (clean.length > 500) throw invalid('KB_SYNONYMS_INVALID', 'At most 500 synonym groups');
  for (const g of clean) {
    if (g.length < 2) throw invalid('KB_SYNONYMS_INVALID', `A synonym group needs at least two terms (got ${JSON.stringify(g)})`);
    if (g.some((t) => t.length > 60 || !/^[\p{L}\p{N}][\p{L}\p{N} '-]*$/u.test(t))) throw invalid('KB_SYNONYMS_INVALID', `Terms are words or short phrases (got ${JSON.stringify(g)})`);
  }
  await ctx.tx.query('DELETE FROM kb_synonyms WHERE brand_id = $1', [brandId]);
  const now = ctx.clock.now();
  for (const g of clean) {
    await ctx.tx.query('INSERT INTO kb_synonyms (id, workspace_id, brand_id, terms, created_at) VALUES ($1,$2,$3,$4,$5)', [newId('kbn', now), ctx.actor.workspaceId, brandId, g, now]);
  }
  await recordChange(ctx, { event: 'kb.synonyms_updated', aggregateType: 'brand', aggregateId: brandId, payload: { groups: clean } });
  return clean;
}

export async function listSynonyms(ctx: Ctx, brandId: string): Promise<string[][]> {
  await assertBrand(ctx, brandId);
  return (await ctx.tx.query<{ terms: string[] }>('SELECT terms FROM kb_synonyms WHERE brand_id = $1 ORDER BY created_at, id', [brandId])).map((r) => r.terms);
}

import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { assertBrand, authorizeManage, checkSlug, slugFromTitle } from '../kb.js';
import { normaliseLocale } from '../locales.js';

export interface Category { id: string; brand_id: string; slug: string; titles: Record<string, string>; descriptions: Record<string, string>; position: number }
export interface Section { id: string; brand_id: string; category_id: string; slug: string; titles: Record<string, string>; position: number }

const CAT_COLS = 'id, brand_id, slug, titles, descriptions, position';
const SEC_COLS = 'id, brand_id, category_id, slug, titles, position';

function localisedMap(m: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m ?? {})) {
    const text = v.trim();
    if (text.length > 200) throw invalid('KB_TITLE_TOO_LONG', `Title for "${k}" is longer than 200 characters`);
    if (text) out[normaliseLocale(k)] = text;
  }
  return out;
}

export interface CategoryInput { brand_id: string; slug?: string; titles: Record<string, string>; descriptions?: Record<string, string>; position?: number }

export async function createCategory(ctx: Ctx, input: CategoryInput): Promise<Category> {
  authorizeManage(ctx.actor);
  await assertBrand(ctx, input.brand_id);
  const titles = localisedMap(input.titles);
  if (!Object.keys(titles).length) throw invalid('KB_TITLE_REQUIRED', 'A category needs a title in at least one locale');
  const slug = checkSlug(input.slug ?? slugFromTitle(titles.en ?? Object.values(titles)[0]));
  const now = ctx.clock.now();
  const row = await ctx.tx.maybeOne<Category>(
    `INSERT INTO kb_categories (id, workspace_id, brand_id, slug, titles, descriptions, position, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (brand_id, slug) DO NOTHING RETURNING ${CAT_COLS}`,
    [newId('kbc', now), ctx.actor.workspaceId, input.brand_id, slug, JSON.stringify(titles), JSON.stringify(localisedMap(input.descriptions)), input.position ?? 0, now]);
  if (!row) throw conflict('KB_SLUG_TAKEN', `A category with slug "${slug}" already exists in this brand`);
  await recordChange(ctx, { event: 'kb.category_created', aggregateType: 'kb_category', aggregateId: row.id, payload: { brand_id: row.brand_id, slug, titles } });
  return row;
}

export async function updateCategory(ctx: Ctx, id: string, input: Partial<Omit<CategoryInput, 'brand_id'>>): Promise<Category> {
  authorizeManage(ctx.actor);
  const cur = await ctx.tx.maybeOne<Category>(`SELECT ${CAT_COLS} FROM kb_categories WHERE id = $1 AND workspace_id = $2`, [id, ctx.actor.workspaceId]);
  if (!cur) throw notFound('KB_CATEGORY_NOT_FOUND', 'Category');
  await assertBrand(ctx, cur.brand_id);
  const titles = input.titles ? { ...cur.titles, ...localisedMap(input.titles) } : cur.titles;
  const descriptions = input.descriptions ? { ...cur.descriptions, ...localisedMap(input.descriptions) } : cur.descriptions;
  const slug = input.slug ? checkSlug(input.slug) : cur.slug;
  const row = await ctx.tx.maybeOne<Category>(
    `UPDATE kb_categories SET slug = $2, titles = $3, descriptions = $4, position = $5 WHERE id = $1
       AND NOT EXISTS (SELECT 1 FROM kb_categories o WHERE o.brand_id = $6 AND o.slug = $2 AND o.id <> $1) RETURNING ${CAT_COLS}`,
    [id, slug, JSON.stringify(titles), JSON.stringify(descriptions), input.position ?? cur.position, cur.brand_id]);
  if (!row) throw conflict('KB_SLUG_TAKEN', `A category with slug "${slug}" already exists in this brand`);
  await recordChange(ctx, { event: 'kb.category_updated', aggregateType: 'kb_category', aggregateId: id, payload: { ...input } });
  return row;
}

export interface SectionInput { category_id: string; slug?: string; titles: Record<string, string>; position?: number }

export async function createSection(ctx: Ctx, input: SectionInput): Promise<Section> {
  authorizeManage(ctx.actor);
  const cat = await ctx.tx.maybeOne<{ brand_id: string }>('SELECT brand_id FROM kb_categories WHERE id = $1 AND workspace_id = $2', [input.category_id, ctx.actor.workspaceId]);
  if (!cat) throw notFound('KB_CATEGORY_NOT_FOUND', 'Category');
  await assertBrand(ctx, cat.brand_id);
  const titles = localisedMap(input.titles);
  if (!Object.keys(titles).length) throw invalid('KB_TITLE_REQUIRED', 'A section needs a title in at least one locale');
  const slug = checkSlug(input.slug ?? slugFromTitle(titles.en ?? Object.values(titles)[0]));
  const now = ctx.clock.now();
  const row = await ctx.tx.maybeOne<Section>(
    `INSERT INTO kb_sections (id, workspace_id, brand_id, category_id, slug, titles, position, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (brand_id, slug) DO NOTHING RETURNING ${SEC_COLS}`,
    [newId('kbs', now), ctx.actor.workspaceId, cat.brand_id, input.category_id, slug, JSON.stringify(titles), input.position ?? 0, now]);
  if (!row) throw conflict('KB_SLUG_TAKEN', `A section with slug "${slug}" already exists in this brand`);
  await recordChange(ctx, { event: 'kb.section_created', aggregateType: 'kb_section', aggregateId: row.id, payload: { category_id: input.category_id, slug, titles } });
  return row;
}

export async function updateSection(ctx: Ctx, id: string, input: Partial<SectionInput>): Promise<Section> {
  authorizeManage(ctx.actor);
  const cur = await ctx.tx.maybeOne<Section>(`SELECT ${SEC_COLS} FROM kb_sections WHERE id = $1 AND workspace_id = $2`, [id, ctx.actor.workspaceId]);
  if (!cur) throw notFound('KB_SECTION_NOT_FOUND', 'Section');
  await assertBrand(ctx, cur.brand_id);
  if (input.category_id) {
    const ok = await ctx.tx.maybeOne('SELECT 1 FROM kb_categories WHERE id = $1 AND brand_id = $2', [input.category_id, cur.brand_id]);
    if (!ok) throw notFound('KB_CATEGORY_NOT_FOUND', 'Category');
  }
  const titles = input.titles ? { ...cur.titles, ...localisedMap(input.titles) } : cur.titles;
  const slug = input.slug ? checkSlug(input.slug) : cur.slug;
  const row = await ctx.tx.maybeOne<Section>(
    `UPDATE kb_sections SET slug = $2, titles = $3, position = $4, category_id = $5 WHERE id = $1
       AND NOT EXISTS (SELECT 1 FROM kb_sections o WHERE o.brand_id = $6 AND o.slug = $2 AND o.id <> $1) RETURNING ${SEC_COLS}`,
    [id, slug, JSON.stringify(titles), input.position ?? cur.position, input.category_id ?? cur.category_id, cur.brand_id]);
  if (!row) throw conflict('KB_SLUG_TAKEN', `A section with slug "${slug}" already exists in this brand`);
  await recordChange(ctx, { event: 'kb.section_updated', aggregateType: 'kb_section', aggregateId: id, payload: { ...input } });
  return row;
}

export async function listTaxonomy(ctx: Ctx, brandId: string): Promise<{ categories: Category[]; sections: Section[] }> {
  await assertBrand(ctx, brandId);
  const categories = await ctx.tx.query<Category>(`SELECT ${CAT_COLS} FROM kb_categories WHERE brand_id = $1 ORDER BY position, slug`, [brandId]);
  const sections = await ctx.tx.query<Section>(`SELECT ${SEC_COLS} FROM kb_sections WHERE brand_id = $1 ORDER BY position, slug`, [brandId]);
  return { categories, sections };
}

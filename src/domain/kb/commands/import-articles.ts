import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError, invalid } from '../../../platform/errors.js';
import type { Ctx } from '../../kernel/index.js';
import type { ImportItem } from '../import-formats.js';
import { ARTICLE_COLUMNS, authorizeManage, slugFromTitle, type Article } from '../kb.js';
import { normaliseLocale } from '../locales.js';
import { createArticle } from './create-article.js';
import { createCategory, createSection } from './manage-taxonomy.js';
import { publishVersion } from './publish-version.js';
import { approveVersion, submitVersion } from './review-version.js';
import { saveDraft } from './save-draft.js';
import { setSynonyms } from './synonyms.js';
import { updateHelpCenterSettings } from './update-settings.js';

const ZLocalised = z.record(z.string(), z.string());
export const ZStructure = z.object({
  title: z.string().optional(),
  tagline: z.string().optional(),
  default_locale: z.string().optional(),
  locales: z.array(z.string()).optional(),
  primary_color: z.string().optional(),
  accent_color: z.string().optional(),
  synonyms: z.array(z.array(z.string())).optional(),
  categories: z.array(z.object({
    slug: z.string(), titles: ZLocalised, descriptions: ZLocalised.optional(),
    sections: z.array(z.object({ slug: z.string(), titles: ZLocalised })).default([]),
  })).default([]),
});
export type HelpCenterStructure = z.infer<typeof ZStructure>;

export function parseStructure(text: string): HelpCenterStructure {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw invalid('KB_STRUCTURE_INVALID', `help-center.yaml is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const r = ZStructure.safeParse(raw);
  if (!r.success) throw invalid('KB_STRUCTURE_INVALID', `help-center.yaml: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return r.data;
}

/** Settings, categories, sections and synonyms from a help-center.yaml (existing slugs are kept, new ones added). */
export async function applyStructure(ctx: Ctx, brandId: string, s: HelpCenterStructure): Promise<void> {
  authorizeManage(ctx.actor);
  await updateHelpCenterSettings(ctx, brandId, {
    title: s.title, tagline: s.tagline, default_locale: s.default_locale, locales: s.locales, primary_color: s.primary_color, accent_color: s.accent_color,
  });
  for (const [ci, c] of s.categories.entries()) {
    const existing = await ctx.tx.maybeOne<{ id: string }>('SELECT id FROM kb_categories WHERE brand_id = $1 AND slug = $2', [brandId, c.slug]);
    const catId = existing?.id ?? (await createCategory(ctx, { brand_id: brandId, slug: c.slug, titles: c.titles, descriptions: c.descriptions, position: ci })).id;
    for (const [si, sec] of c.sections.entries()) {
      const has = await ctx.tx.maybeOne('SELECT 1 FROM kb_sections WHERE brand_id = $1 AND slug = $2', [brandId, sec.slug]);
      if (!has) await createSection(ctx, { category_id: catId, slug: sec.slug, titles: sec.titles, position: si });
    }
  }
  if (s.synonyms) await setSynonyms(ctx, brandId, s.synonyms);
}

/** Section by slug or title; unknown names get a section under an "Imported" category. */
async function sectionFor(ctx: Ctx, brandId: string, name: string): Promise<string> {
  const slug = slugFromTitle(name);
  const found = await ctx.tx.maybeOne<{ id: string }>(`SELECT id FROM kb_sections WHERE brand_id = $1 AND (slug = $2 OR slug = $3 OR titles->>'en' = $4) LIMIT 1`, [brandId, name, slug, name]);
  if (found) return found.id;
  const cat = await ctx.tx.maybeOne<{ id: string }>(`SELECT id FROM kb_categories WHERE brand_id = $1 AND slug = 'imported'`, [brandId])
    ?? await createCategory(ctx, { brand_id: brandId, slug: 'imported', titles: { en: 'Imported' } });
  return (await createSection(ctx, { category_id: cat.id, slug, titles: { en: name } })).id;
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Import one article or translation: created (and published), updated (a new published version) or unchanged.
 * Runs the normal workflow (draft → review → approval → publish) as the calling actor, which must be allowed to
 * approve its own versions (the system actor: CLI import, demo seed). Throws AppError with the reason to skip it.
 */
export async function importArticle(ctx: Ctx, brandId: string, item: ImportItem): Promise<{ outcome: ImportOutcome; articleId: string }> {
  authorizeManage(ctx.actor);
  const locale = normaliseLocale(item.locale);
  const publish = async (versionId: string) => {
    await submitVersion(ctx, versionId);
    await approveVersion(ctx, versionId, 'imported');
    await publishVersion(ctx, versionId);
  };
  const find = (key: string) => ctx.tx.maybeOne<Article>(`SELECT ${ARTICLE_COLUMNS} FROM kb_articles WHERE brand_id = $1 AND external_id = $2`, [brandId, key]);
  if (item.sourceKey) {
    const source = await find(item.sourceKey);
    if (!source) throw invalid('KB_TRANSLATION_WITHOUT_SOURCE', `translation without a source: no article "${item.sourceKey.slice(3)}" (import the ${item.sourceKey.startsWith('md:') ? 'source file' : 'source article'} first)`);
    if (locale === source.source_locale) throw invalid('KB_TRANSLATION_SAME_LOCALE', `"${item.origin}" is in the source locale ${locale}; it is not a translation`);
    return upsertLocale(ctx, source, locale, item, publish);
  }
  const existing = await find(item.key);
  if (existing) return upsertLocale(ctx, existing, locale, item, publish);
  const sectionId = item.section ? await sectionFor(ctx, brandId, item.section) : null;
  const { article, version } = await createArticle(ctx, {
    brand_id: brandId, locale, title: item.title, body: item.body, description: item.description, slug: item.slug ?? undefined, external_id: item.key,
    section_id: sectionId, labels: item.labels, visibility: item.visibility, segments: item.segments, is_promoted: item.promoted,
  });
  await publish(version.id);
  return { outcome: 'created', articleId: article.id };
}

async function upsertLocale(ctx: Ctx, article: Article, locale: string, item: ImportItem, publish: (id: string) => Promise<void>) {
  const live = await ctx.tx.maybeOne<{ title: string; body_md: string; slug: string }>(
    `SELECT v.title, v.body_md, v.slug FROM kb_translations t JOIN kb_versions v ON v.id = t.version_id WHERE t.article_id = $1 AND t.locale = $2`, [article.id, locale]);
  if (live && live.title === item.title && live.body_md === item.body && (!item.slug || live.slug === item.slug)) return { outcome: 'unchanged' as const, articleId: article.id };
  const { version } = await saveDraft(ctx, article.id, { locale, title: item.title, body: item.body, description: item.description, slug: item.slug ?? undefined });
  await publish(version.id);
  return { outcome: live ? ('updated' as const) : ('created' as const), articleId: article.id };
}

export function importFailure(e: unknown): string {
  if (e instanceof AppError) return `${e.code}: ${e.message}`;
  throw e;
}

import { invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { ARTICLE_COLUMNS, VISIBILITIES, assertBrand, authorizeManage, settingsOf, type Article, type Visibility } from '../kb.js';
import { normaliseLocale } from '../locales.js';
import { saveDraft, type DraftResult } from './save-draft.js';

export interface ArticleMetaInput {
  section_id?: string | null;
  visibility?: Visibility;
  segments?: string[];
  labels?: string[];
  owner_id?: string | null;
  review_interval_days?: number;
  position?: number;
  is_promoted?: boolean;
}

export interface CreateArticleInput extends ArticleMetaInput {
  brand_id: string;
  locale?: string;
  title: string;
  body: string;
  description?: string;
  slug?: string;
  external_id?: string | null;
}

export function normaliseLabels(labels: string[] | undefined): string[] | undefined {
  if (!labels) return undefined;
  const out = [...new Set(labels.map((l) => l.trim().toLowerCase().replace(/\s+/g, '-')).filter(Boolean))];
  if (out.some((l) => l.length > 50) || out.length > 30) throw invalid('KB_LABELS_INVALID', 'At most 30 labels of at most 50 characters');
  return out;
}

/** Check the article's metadata against the brand (section, owner) and normalise it. */
export async function checkMeta(ctx: Ctx, brandId: string, m: ArticleMetaInput): Promise<ArticleMetaInput> {
  if (m.visibility && !VISIBILITIES.includes(m.visibility)) throw invalid('KB_VISIBILITY_INVALID', `visibility must be one of ${VISIBILITIES.join(', ')}`);
  if (m.section_id) {
    const s = await ctx.tx.maybeOne('SELECT 1 FROM kb_sections WHERE id = $1 AND brand_id = $2', [m.section_id, brandId]);
    if (!s) throw notFound('KB_SECTION_NOT_FOUND', 'Section');
  }
  if (m.owner_id) {
    const u = await ctx.tx.maybeOne('SELECT 1 FROM users WHERE id = $1 AND workspace_id = $2 AND is_active', [m.owner_id, ctx.actor.workspaceId]);
    if (!u) throw notFound('USER_NOT_FOUND', 'Owner');
  }
  const segments = m.segments ? [...new Set(m.segments.map((s) => s.trim().toLowerCase()).filter(Boolean))] : undefined;
  const visibility = m.visibility;
  if (visibility === 'restricted' && segments !== undefined && segments.length === 0) {
    throw invalid('KB_SEGMENTS_REQUIRED', 'A restricted article needs at least one segment (e.g. "vip", "creator")');
  }
  return { ...m, labels: normaliseLabels(m.labels), segments };
}

/** A new article (metadata) and its first draft in the source locale. */
export async function createArticle(ctx: Ctx, input: CreateArticleInput): Promise<{ article: Article } & DraftResult> {
  authorizeManage(ctx.actor);
  await assertBrand(ctx, input.brand_id);
  const settings = await settingsOf(ctx.tx, input.brand_id);
  const locale = normaliseLocale(input.locale ?? settings.default_locale);
  const meta = await checkMeta(ctx, input.brand_id, input);
  if ((meta.visibility ?? 'public') === 'restricted' && !(meta.segments ?? []).length) {
    throw invalid('KB_SEGMENTS_REQUIRED', 'A restricted article needs at least one segment (e.g. "vip", "creator")');
  }
  const now = ctx.clock.now();
  const article = await ctx.tx.one<Article>(
    `INSERT INTO kb_articles (id, workspace_id, brand_id, section_id, source_locale, visibility, segments, labels, owner_id, review_interval_days,
       position, is_promoted, external_id, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$14) RETURNING ${ARTICLE_COLUMNS}`,
    [newId('kba', now), ctx.actor.workspaceId, input.brand_id, meta.section_id ?? null, locale, meta.visibility ?? 'public', meta.segments ?? [],
      meta.labels ?? [], meta.owner_id ?? (ctx.actor.type === 'user' ? ctx.actor.id : null), meta.review_interval_days ?? 90, meta.position ?? 0,
      meta.is_promoted ?? false, input.external_id ?? null, now]);
  await recordChange(ctx, {
    event: 'kb.article_created', aggregateType: 'kb_article', aggregateId: article.id,
    payload: { brand_id: article.brand_id, locale, visibility: article.visibility, title: input.title },
  });
  const draft = await saveDraft(ctx, article.id, { locale, title: input.title, body: input.body, description: input.description, slug: input.slug });
  return { article, ...draft };
}

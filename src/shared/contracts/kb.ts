import { z } from 'zod';
import { ZId, ZIso, ZIsoNullable } from './common.js';

/** Wire contracts of the knowledge base (module kb). */
export const KB_VISIBILITIES = ['public', 'internal', 'restricted'] as const;
export const KB_VERSION_STATES = ['draft', 'in_review', 'changes_requested', 'approved', 'scheduled', 'published', 'superseded'] as const;

const ZLocalised = z.record(z.string().max(10), z.string().max(300));
const ZSlug = z.string().min(1).max(100);
const ZLocale = z.string().min(2).max(10);

export const ZKbSettings = z.object({
  brand_id: z.string(), default_locale: z.string(), locales: z.array(z.string()), title: z.string(), tagline: z.string(),
  primary_color: z.string(), accent_color: z.string(), logo_file_id: z.string().nullable(), is_enabled: z.boolean(),
}).meta({ id: 'KbSettings' });
export const ZKbSettingsInput = z.strictObject({
  default_locale: ZLocale.optional(), locales: z.array(ZLocale).max(20).optional(), title: z.string().max(120).optional(), tagline: z.string().max(300).optional(),
  primary_color: z.string().max(7).optional(), accent_color: z.string().max(7).optional(), logo_file_id: z.string().max(64).nullable().optional(), is_enabled: z.boolean().optional(),
});

export const ZKbCategory = z.object({ id: z.string(), brand_id: z.string(), slug: z.string(), titles: ZLocalised, descriptions: ZLocalised, position: z.number() }).meta({ id: 'KbCategory' });
export const ZKbSection = z.object({ id: z.string(), brand_id: z.string(), category_id: z.string(), slug: z.string(), titles: ZLocalised, position: z.number() }).meta({ id: 'KbSection' });
export const ZKbCategoryInput = z.strictObject({ brand_id: ZId, slug: ZSlug.optional(), titles: ZLocalised, descriptions: ZLocalised.optional(), position: z.number().int().min(0).max(10000).optional() });
export const ZKbCategoryPatch = ZKbCategoryInput.omit({ brand_id: true }).partial();
export const ZKbSectionInput = z.strictObject({ category_id: ZId, slug: ZSlug.optional(), titles: ZLocalised, position: z.number().int().min(0).max(10000).optional() });
export const ZKbSectionPatch = ZKbSectionInput.partial();

const articleMeta = {
  section_id: ZId.nullable().optional(),
  visibility: z.enum(KB_VISIBILITIES).optional(),
  segments: z.array(z.string().min(1).max(50)).max(20).optional(),
  labels: z.array(z.string().min(1).max(50)).max(30).optional(),
  owner_id: ZId.nullable().optional(),
  review_interval_days: z.number().int().min(1).max(3650).optional(),
  position: z.number().int().min(0).max(10000).optional(),
  is_promoted: z.boolean().optional(),
};
export const ZKbArticleMetaInput = z.strictObject(articleMeta);
export const ZKbArticleInput = z.strictObject({
  ...articleMeta, brand_id: ZId, locale: ZLocale.optional(), title: z.string().max(400), body: z.string().max(400_000),
  description: z.string().max(300).optional(), slug: ZSlug.optional(),
});
export const ZKbDraftInput = z.strictObject({
  locale: ZLocale.optional(), title: z.string().max(400).optional(), body: z.string().max(400_000).optional(), description: z.string().max(300).optional(), slug: ZSlug.optional(),
});

export const ZKbArticle = z.object({
  id: z.string(), brand_id: z.string(), section_id: z.string().nullable(), source_locale: z.string(), visibility: z.enum(KB_VISIBILITIES),
  segments: z.array(z.string()), labels: z.array(z.string()), owner_id: z.string().nullable(), review_interval_days: z.number(), review_due_at: ZIsoNullable,
  position: z.number(), is_promoted: z.boolean(), archived_at: ZIsoNullable, created_at: ZIso, updated_at: ZIso,
}).meta({ id: 'KbArticle' });
export const ZKbVersion = z.object({
  id: z.string(), article_id: z.string(), locale: z.string(), number: z.number(), state: z.enum(KB_VERSION_STATES), title: z.string(), slug: z.string(),
  description: z.string(), body_md: z.string(), source_version: z.number().nullable(), restored_from: z.number().nullable(), author_id: z.string().nullable(),
  reviewer_id: z.string().nullable(), review_note: z.string().nullable(), publish_at: ZIsoNullable, published_at: ZIsoNullable, created_at: ZIso, updated_at: ZIso,
}).meta({ id: 'KbVersion' });
export const ZKbDraftResult = z.object({ version: ZKbVersion, warnings: z.array(z.string()) });
export const ZKbTranslationStatus = z.object({
  locale: z.string(), status: z.enum(['source', 'current', 'outdated', 'missing']), slug: z.string().nullable(), title: z.string().nullable(),
  version_number: z.number().nullable(), source_version: z.number().nullable(),
  open_version: z.object({ id: z.string(), number: z.number(), state: z.string() }).nullable(),
});
export const ZKbArticleDetail = z.object({ article: ZKbArticle, versions: z.array(ZKbVersion), translations: z.array(ZKbTranslationStatus) }).meta({ id: 'KbArticleDetail' });
export const ZKbArticleListItem = ZKbArticle.extend({
  title: z.string(), slug: z.string().nullable(), state: z.string(), locales: z.array(z.string()), outdated_locales: z.array(z.string()),
  views_30d: z.number(), helpful: z.number(), not_helpful: z.number(),
}).meta({ id: 'KbArticleListItem' });
export const ZKbArticleQuery = z.strictObject({
  brand_id: ZId.optional(), section_id: ZId.optional(), q: z.string().max(200).optional(), label: z.string().max(50).optional(),
  state: z.enum(['draft', 'in_review', 'approved', 'scheduled', 'published', 'review_due', 'archived']).optional(), limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const ZKbPassage = z.object({
  article_id: z.string(), locale: z.string(), title: z.string(), slug: z.string(), url: z.string(), snippet: z.string(), text: z.string(), score: z.number(),
  visibility: z.enum(KB_VISIBILITIES), section_id: z.string().nullable(), labels: z.array(z.string()),
}).meta({ id: 'KbPassage' });
export const ZKbSearchQuery = z.strictObject({
  brand_id: ZId, q: z.string().max(500), locale: ZLocale.default('en'), audience: z.enum(['public', 'agent']).default('agent'),
  category: z.string().max(100).optional(), section: z.string().max(100).optional(), label: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10), mode: z.enum(['all', 'any']).optional(),
});
export const ZKbSearchResult = z.object({ data: z.array(ZKbPassage), did_you_mean: z.string().nullable(), stage: z.string(), locale: z.string() });

export const ZKbPublishInput = z.strictObject({ publish_at: ZIso.datetime({ offset: true }).nullable().optional() });
export const ZKbNoteInput = z.strictObject({ note: z.string().max(2000).optional() });
export const ZKbRedirectInput = z.strictObject({ brand_id: ZId, locale: ZLocale, from_slug: ZSlug, to_slug: ZSlug });
export const ZKbSynonyms = z.object({ groups: z.array(z.array(z.string().max(60)).max(20)).max(500) });
export const ZKbFile = z.object({ id: z.string(), brand_id: z.string(), filename: z.string(), content_type: z.string(), size_bytes: z.number(), url: z.string() }).meta({ id: 'KbFile' });
export const ZKbPreview = z.object({ html: z.string(), warnings: z.array(z.string()) });

const ZCount = z.object({ query: z.string(), count: z.number() });
export const ZKbAnalytics = z.object({
  days: z.number(),
  totals: z.object({ views: z.number(), helpful: z.number(), not_helpful: z.number(), searches: z.number(), zero_result_searches: z.number(), contact_clicks: z.number(), tickets_after_article: z.number() }),
  top_articles: z.array(z.object({ article_id: z.string(), title: z.string(), views: z.number(), helpful: z.number(), not_helpful: z.number(), contacts: z.number(), contact_rate: z.number() })),
  zero_result_queries: z.array(ZCount),
  poor_result_queries: z.array(ZCount.extend({ avg_results: z.number() })),
  falling_helpfulness: z.array(z.object({ article_id: z.string(), title: z.string(), before: z.number(), recent: z.number(), votes_recent: z.number() })),
  content_gaps: z.array(z.object({ topic: z.string(), tickets: z.number(), source: z.enum(['ticket_tags', 'searches']) })),
  recent_comments: z.array(z.object({ article_id: z.string(), title: z.string(), is_helpful: z.boolean(), comment: z.string(), created_at: ZIso })),
}).meta({ id: 'KbAnalytics' });

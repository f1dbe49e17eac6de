import { invalid, notFound } from '../../platform/errors.js';
import type { Queryable } from '../../platform/db/index.js';
import { authorize, canSeeBrand, type Actor, type Ctx } from '../kernel/index.js';

export const VISIBILITIES = ['public', 'internal', 'restricted'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const VERSION_STATES = ['draft', 'in_review', 'changes_requested', 'approved', 'scheduled', 'published', 'superseded'] as const;
export type VersionState = (typeof VERSION_STATES)[number];
/** Who is reading: customers (public + their segments) or agents (everything in their brands). */
export type KbAudience = 'public' | 'agent';

export interface Article {
  id: string;
  workspace_id: string;
  brand_id: string;
  section_id: string | null;
  source_locale: string;
  visibility: Visibility;
  segments: string[];
  labels: string[];
  owner_id: string | null;
  review_interval_days: number;
  review_due_at: Date | null;
  position: number;
  is_promoted: boolean;
  external_id: string | null;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface Version {
  id: string;
  article_id: string;
  locale: string;
  number: number;
  state: VersionState;
  title: string;
  slug: string;
  description: string;
  body_md: string;
  source_version: number | null;
  restored_from: number | null;
  author_id: string | null;
  reviewer_id: string | null;
  review_note: string | null;
  publish_at: Date | null;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const ARTICLE_COLUMNS = `id, workspace_id, brand_id, section_id, source_locale, visibility, segments, labels, owner_id, review_interval_days,
  review_due_at, position, is_promoted, external_id, archived_at, created_at, updated_at`;
export const VERSION_COLUMNS = `id, article_id, locale, number, state, title, slug, description, body_md, source_version, restored_from,
  author_id, reviewer_id, review_note, publish_at, published_at, created_at, updated_at`;

export const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,98}[a-z0-9]$|^[a-z0-9]$/;

/** A URL slug from a title: lower case, ASCII letters/digits and dashes (accents folded), ≤ 80 chars. */
export function slugFromTitle(title: string): string {
  const s = title.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
  return s || 'article';
}

export function checkSlug(slug: string): string {
  const s = slug.trim().toLowerCase();
  if (!SLUG_RE.test(s)) throw invalid('KB_SLUG_INVALID', `Slug "${slug}" must be 1–100 lower-case letters, digits and dashes (not at the ends)`);
  return s;
}

/** The brand must exist in the actor's workspace and be within the actor's brands. */
export async function assertBrand(ctx: Ctx, brandId: string): Promise<{ id: string; slug: string; name: string }> {
  const brand = await ctx.tx.maybeOne<{ id: string; slug: string; name: string }>(
    'SELECT id, slug, name FROM brands WHERE id = $1 AND workspace_id = $2', [brandId, ctx.actor.workspaceId]);
  if (!brand || !canSeeBrand(ctx.actor, brand.id)) throw notFound('BRAND_NOT_FOUND', 'Brand');
  return brand;
}

export async function loadArticle(ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}): Promise<Article> {
  const a = await ctx.tx.maybeOne<Article>(
    `SELECT ${ARTICLE_COLUMNS} FROM kb_articles WHERE id = $1 AND workspace_id = $2${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [id, ctx.actor.workspaceId]);
  if (!a || !canSeeBrand(ctx.actor, a.brand_id)) throw notFound('KB_ARTICLE_NOT_FOUND', 'Article');
  return a;
}

export async function loadVersion(ctx: Ctx, id: string): Promise<{ version: Version; article: Article }> {
  const v = await ctx.tx.maybeOne<Version>(`SELECT ${VERSION_COLUMNS} FROM kb_versions WHERE id = $1 AND workspace_id = $2 FOR UPDATE`, [id, ctx.actor.workspaceId]);
  if (!v) throw notFound('KB_VERSION_NOT_FOUND', 'Version');
  return { version: v, article: await loadArticle(ctx, v.article_id, { forUpdate: true }) };
}

/** Agents read internal articles; managing needs kb.manage. */
export function authorizeManage(actor: Actor): void {
  authorize(actor, 'kb.manage');
}

export interface HelpCenterSettings {
  brand_id: string;
  default_locale: string;
  locales: string[];
  title: string;
  tagline: string;
  primary_color: string;
  accent_color: string;
  logo_file_id: string | null;
  is_enabled: boolean;
}

export async function settingsOf(q: Queryable, brandId: string): Promise<HelpCenterSettings> {
  const s = await q.maybeOne<HelpCenterSettings>(
    `SELECT brand_id, default_locale, locales, title, tagline, primary_color, accent_color, logo_file_id, is_enabled
       FROM kb_brand_settings WHERE brand_id = $1`, [brandId]);
  return s ?? { brand_id: brandId, default_locale: 'en', locales: ['en'], title: '', tagline: '', primary_color: '#1f4fd1', accent_color: '#0b7a53', logo_file_id: null, is_enabled: true };
}

/** Titles stored per locale ({ en: "…", de: "…" }): the locale's, else the default locale's, else any. */
export function pickLocalised(map: Record<string, string> | null | undefined, locale: string, fallback: string): string {
  if (!map) return '';
  return map[locale] ?? map[fallback] ?? Object.values(map)[0] ?? '';
}

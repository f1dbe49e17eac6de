import { AppError, conflict, invalid, notFound } from '../../../platform/errors.js';
import { escapeHtml } from '../../../platform/html.js';
import { newId } from '../../../platform/ids.js';
import type { Queryable } from '../../../platform/db/index.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';

/** DSA Art. 14 pages: the appeal-procedure rules and the moderation section of the T&C. */
export const TERMS_SLUGS = ['appeal-procedure', 'content-moderation'] as const;
export type TermsSlug = (typeof TERMS_SLUGS)[number];

export interface TermsSection { id: string; heading: string; body: string }
export interface TermsVersion {
  id: string;
  slug: TermsSlug;
  version: number;
  status: 'draft' | 'published' | 'superseded';
  title: string;
  sections: TermsSection[];
  significant: boolean;
  change_summary: string | null;
  created_by: string | null;
  created_at: Date;
  published_by: string | null;
  published_at: Date | null;
}
const COLS = 'id, slug, version, status, title, sections, significant, change_summary, created_by, created_at, published_by, published_at';

function checkSlug(slug: string): TermsSlug {
  if (!TERMS_SLUGS.includes(slug as TermsSlug)) throw notFound('TERMS_NOT_FOUND', 'Terms page');
  return slug as TermsSlug;
}

/** The public address of a terms page (a version when given; HTML, or JSON with `?format=json`). */
export function termsPath(workspaceId: string, slug: string, version?: number): string {
  return `/public/v1/compliance/terms/${encodeURIComponent(workspaceId)}/${slug}${version ? `/versions/${version}` : ''}`;
}

export interface TermsDraftInput { title: string; sections: TermsSection[]; significant: boolean; change_summary?: string }

/** Create or replace the draft of a terms page (one draft at a time; it becomes the next version when published). */
export async function saveTermsDraft(ctx: Ctx, slugIn: string, input: TermsDraftInput): Promise<TermsVersion> {
  authorize(ctx.actor, 'compliance.manage');
  const slug = checkSlug(slugIn);
  if (!input.title?.trim()) throw invalid('TITLE_REQUIRED', 'A title is required');
  if (!Array.isArray(input.sections) || input.sections.length === 0 || input.sections.length > 50) throw invalid('SECTIONS_REQUIRED', 'Between 1 and 50 sections');
  const ids = new Set<string>();
  for (const s of input.sections) {
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(s.id ?? '') || ids.has(s.id)) throw invalid('INVALID_SECTION_ID', `Section ids are unique lower-case slugs ("${s.id}")`);
    if (!s.heading?.trim() || !s.body?.trim()) throw invalid('SECTION_INCOMPLETE', `Section "${s.id}" needs a heading and a body`);
    ids.add(s.id);
  }
  const sections = input.sections.map((s) => ({ id: s.id, heading: s.heading.trim(), body: s.body.trim() }));
  const now = ctx.clock.now();
  const ws = ctx.actor.workspaceId;
  const draft = await ctx.tx.maybeOne<{ id: string }>(`SELECT id FROM compliance_terms_versions WHERE workspace_id = $1 AND slug = $2 AND status = 'draft' FOR UPDATE`, [ws, slug]);
  const values = [input.title.trim(), JSON.stringify(sections), !!input.significant, input.change_summary?.trim() || null];
  const row = draft
    ? await ctx.tx.one<TermsVersion>(`UPDATE compliance_terms_versions SET title = $2, sections = $3, significant = $4, change_summary = $5 WHERE id = $1 RETURNING ${COLS}`, [draft.id, ...values])
    : await ctx.tx.one<TermsVersion>(
      `INSERT INTO compliance_terms_versions (id, workspace_id, slug, version, status, title, sections, significant, change_summary, created_by, created_at)
       VALUES ($1, $2, $3, (SELECT coalesce(max(version), 0) + 1 FROM compliance_terms_versions WHERE workspace_id = $2 AND slug = $3), 'draft', $4, $5, $6, $7, $8, $9)
       RETURNING ${COLS}`,
      [newId('tv', now), ws, slug, ...values, ctx.actor.id ?? null, now]);
  await recordChange(ctx, { event: 'compliance.terms_draft_saved', aggregateType: 'terms', aggregateId: row.id, payload: { slug, version: row.version, significant: row.significant } });
  return row;
}

/**
 * Publish the draft: it becomes the version in force, the previous one is kept as history (superseded). A significant
 * change needs a summary and records a notice to users (Art. 14(2)) as an event that notification channels react to.
 */
export async function publishTerms(ctx: Ctx, slugIn: string): Promise<TermsVersion> {
  authorize(ctx.actor, 'compliance.manage');
  const slug = checkSlug(slugIn);
  const ws = ctx.actor.workspaceId;
  const draft = await ctx.tx.maybeOne<TermsVersion>(`SELECT ${COLS} FROM compliance_terms_versions WHERE workspace_id = $1 AND slug = $2 AND status = 'draft' FOR UPDATE`, [ws, slug]);
  if (!draft) throw conflict('NO_DRAFT', 'There is no draft to publish');
  if (draft.significant && !draft.change_summary) throw new AppError('CHANGE_SUMMARY_REQUIRED', 'A significant change needs a summary for the notice to users', 'unprocessable');
  const now = ctx.clock.now();
  const previous = await ctx.tx.maybeOne<{ version: number }>(
    `UPDATE compliance_terms_versions SET status = 'superseded' WHERE workspace_id = $1 AND slug = $2 AND status = 'published' RETURNING version`, [ws, slug]);
  const row = await ctx.tx.one<TermsVersion>(
    `UPDATE compliance_terms_versions SET status = 'published', published_at = $2, published_by = $3 WHERE id = $1 RETURNING ${COLS}`, [draft.id, now, ctx.actor.id ?? null]);
  await recordChange(ctx, {
    event: 'compliance.terms_published', aggregateType: 'terms', aggregateId: row.id,
    payload: { slug, version: row.version, previous_version: previous?.version ?? null, significant: row.significant, url: termsPath(ws, slug, row.version) },
  });
  if (row.significant) {
    await recordChange(ctx, {
      event: 'compliance.terms_change_notice', aggregateType: 'terms', aggregateId: row.id,
      payload: { slug, version: row.version, summary: row.change_summary, effective_at: now.toISOString(), url: termsPath(ws, slug, row.version), audience: 'all_users' },
    });
  }
  return row;
}

/** Every version of a page, newest first (draft included). */
export async function listTermsVersions(ctx: Ctx, slugIn: string): Promise<TermsVersion[]> {
  authorize(ctx.actor, 'tickets.read');
  return ctx.tx.query<TermsVersion>(`SELECT ${COLS} FROM compliance_terms_versions WHERE workspace_id = $1 AND slug = $2 ORDER BY version DESC`, [ctx.actor.workspaceId, checkSlug(slugIn)]);
}

/** The version in force (or an exact published/superseded version): what the public pages serve. Drafts are never public. */
export async function publishedTerms(q: Queryable, workspaceId: string, slugIn: string, version?: number): Promise<TermsVersion | null> {
  const slug = checkSlug(slugIn);
  return (await q.maybeOne<TermsVersion>(
    `SELECT ${COLS} FROM compliance_terms_versions WHERE workspace_id = $1 AND slug = $2
        AND ${version ? `version = $3 AND status IN ('published','superseded')` : `status = 'published'`}`,
    version ? [workspaceId, slug, version] : [workspaceId, slug],
  )) ?? null;
}

/** Published and superseded versions, newest first (the public history). */
export async function publishedTermsHistory(q: Queryable, workspaceId: string, slugIn: string): Promise<TermsVersion[]> {
  return q.query<TermsVersion>(
    `SELECT ${COLS} FROM compliance_terms_versions WHERE workspace_id = $1 AND slug = $2 AND status IN ('published','superseded') ORDER BY version DESC`,
    [workspaceId, checkSlug(slugIn)]);
}

/** Machine-readable form (Art. 14(1)). */
export function termsJson(workspaceId: string, t: TermsVersion) {
  return {
    slug: t.slug, version: t.version, title: t.title, status: t.status, published_at: t.published_at?.toISOString() ?? null,
    significant_change: t.significant, change_summary: t.change_summary, sections: t.sections,
    url: termsPath(workspaceId, t.slug, t.version), latest_url: termsPath(workspaceId, t.slug),
  };
}

export function termsHtml(workspaceId: string, t: TermsVersion): string {
  const sections = t.sections.map((s) => `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.heading)}</h2>${s.body.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</section>`).join('\n');
  const json = `${termsPath(workspaceId, t.slug, t.version)}?format=json`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(t.title)}</title>
<link rel="alternate" type="application/json" href="${escapeHtml(json)}"></head><body><main>
<h1>${escapeHtml(t.title)}</h1><p>Version ${t.version}${t.published_at ? `, in force since <time datetime="${t.published_at.toISOString()}">${t.published_at.toISOString().slice(0, 10)}</time>` : ''}${t.status === 'superseded' ? ' (superseded)' : ''}.
<a href="${escapeHtml(json)}">Machine-readable version (JSON)</a></p>
${sections}
</main></body></html>`;
}

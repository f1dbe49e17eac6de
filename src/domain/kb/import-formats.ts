import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** One article (or translation) to import, whatever the source format. */
export interface ImportItem {
  /** Where it came from, for the report: a file name or "zendesk article 123". */
  origin: string;
  /** Stable id per source article across locales ("md:<slug>" / "zd:<id>"): re-imports update instead of duplicating. */
  key: string;
  locale: string;
  /** Translations: the source article's key. */
  sourceKey: string | null;
  slug: string | null;
  title: string;
  body: string;
  description: string;
  section: string | null;
  labels: string[];
  visibility: 'public' | 'internal' | 'restricted';
  segments: string[];
  promoted: boolean;
}

export interface ParseProblem { origin: string; reason: string }

const ZFront = z.object({
  slug: z.string().max(100).optional(),
  title: z.string().min(1).max(200),
  section: z.string().max(100).optional(),
  labels: z.array(z.union([z.string(), z.number()]).transform(String)).max(30).optional(),
  description: z.string().max(300).optional(),
  promoted: z.boolean().optional(),
  visibility: z.enum(['public', 'internal', 'restricted']).optional(),
  segments: z.array(z.string()).optional(),
  source: z.string().max(100).optional(),
  locale: z.string().max(10).optional(),
}).passthrough();

/** A Markdown file with YAML front matter (--- … ---). Locale comes from front matter or the folder name. */
export function parseMarkdownFile(origin: string, text: string, folderLocale: string): ImportItem | ParseProblem {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) return { origin, reason: 'no front matter (the file must start with --- and a YAML block with at least title)' };
  let raw: unknown;
  try {
    raw = parseYaml(m[1]);
  } catch (e) {
    return { origin, reason: `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
  const fm = ZFront.safeParse(raw);
  if (!fm.success) return { origin, reason: `front matter: ${fm.error.issues.map((i) => `${i.path.join('.') || 'root'} ${i.message}`).join('; ')}` };
  const f = fm.data;
  const slug = f.slug ?? origin.replace(/^.*\//, '').replace(/\.md$/i, '');
  return {
    origin, key: `md:${f.source ?? slug}`, locale: f.locale ?? folderLocale, sourceKey: f.source ? `md:${f.source}` : null, slug, title: f.title,
    body: m[2].trim(), description: f.description ?? '', section: f.section ?? null, labels: f.labels ?? [], visibility: f.visibility ?? 'public',
    segments: f.segments ?? [], promoted: f.promoted ?? false,
  };
}

const ZZendeskArticle = z.object({
  id: z.union([z.number(), z.string()]),
  source_id: z.union([z.number(), z.string()]).nullish(),
  title: z.string().nullish(),
  body: z.string().nullish(),
  locale: z.string().nullish(),
  source_locale: z.string().nullish(),
  section_id: z.union([z.number(), z.string()]).nullish(),
  label_names: z.array(z.string()).nullish(),
  draft: z.boolean().nullish(),
  promoted: z.boolean().nullish(),
  user_segment_id: z.union([z.number(), z.string()]).nullish(),
  html_url: z.string().nullish(),
}).passthrough();

const ZZendeskExport = z.object({
  articles: z.array(z.unknown()),
  translations: z.array(z.unknown()).optional(),
  sections: z.array(z.object({ id: z.union([z.number(), z.string()]), name: z.string() }).passthrough()).optional(),
});

/**
 * A Zendesk Guide export ({ articles: [...], translations?: [...], sections?: [...] } as returned by the Help Center API).
 * Bodies are HTML; they are kept as inline HTML inside Markdown and sanitised like any article. Drafts are skipped.
 */
export function parseZendeskExport(text: string): { items: ImportItem[]; problems: ParseProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { items: [], problems: [{ origin: 'export', reason: `not valid JSON: ${(e as Error).message}` }] };
  }
  const top = ZZendeskExport.safeParse(json);
  if (!top.success) return { items: [], problems: [{ origin: 'export', reason: 'expected an object with an "articles" array (Zendesk Guide export)' }] };
  const sectionName = new Map((top.data.sections ?? []).map((s) => [String(s.id), s.name]));
  const items: ImportItem[] = [];
  const problems: ParseProblem[] = [];
  const articles = new Map<string, z.infer<typeof ZZendeskArticle>>();
  for (const [i, a] of top.data.articles.entries()) {
    const p = ZZendeskArticle.safeParse(a);
    const origin = `zendesk article ${(a as { id?: unknown })?.id ?? `#${i + 1}`}`;
    if (!p.success) { problems.push({ origin, reason: `unexpected shape: ${p.error.issues[0]?.path.join('.')} ${p.error.issues[0]?.message}` }); continue; }
    const art = p.data;
    articles.set(String(art.id), art);
    if (art.draft) { problems.push({ origin, reason: 'draft in Zendesk (only published articles are imported)' }); continue; }
    if (!art.title?.trim()) { problems.push({ origin, reason: 'no title' }); continue; }
    if (!art.body?.trim()) { problems.push({ origin, reason: 'empty body' }); continue; }
    const locale = (art.locale ?? art.source_locale ?? 'en').toLowerCase();
    items.push({
      origin, key: `zd:${art.id}`, locale, sourceKey: null, slug: null, title: art.title, body: art.body, description: '',
      section: art.section_id != null ? sectionName.get(String(art.section_id)) ?? String(art.section_id) : null,
      labels: art.label_names ?? [], visibility: art.user_segment_id != null ? 'internal' : 'public', segments: [], promoted: art.promoted ?? false,
    });
  }
  for (const [i, t] of (top.data.translations ?? []).entries()) {
    const tr = t as { source_id?: unknown; locale?: unknown; title?: unknown; body?: unknown; draft?: unknown; id?: unknown };
    const origin = `zendesk translation ${String(tr.id ?? `#${i + 1}`)}`;
    const src = articles.get(String(tr.source_id));
    if (!src) { problems.push({ origin, reason: `translation without a source: article ${String(tr.source_id)} is not in the export` }); continue; }
    if (typeof tr.title !== 'string' || typeof tr.body !== 'string' || typeof tr.locale !== 'string') { problems.push({ origin, reason: 'missing title, body or locale' }); continue; }
    if (tr.draft === true) { problems.push({ origin, reason: 'draft translation' }); continue; }
    if (tr.locale.toLowerCase() === (src.locale ?? src.source_locale ?? 'en').toLowerCase()) continue; // the source text itself
    items.push({
      origin, key: `zd:${src.id}`, locale: tr.locale.toLowerCase(), sourceKey: `zd:${src.id}`, slug: null, title: tr.title, body: tr.body, description: '',
      section: null, labels: [], visibility: 'public', segments: [], promoted: false,
    });
  }
  return { items, problems };
}

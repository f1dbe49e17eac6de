import { can, canSeeBrand, type Ctx } from '../../kernel/index.js';
import { notFound } from '../../../platform/errors.js';
import type { KbAudience, Visibility } from '../kb.js';
import { normaliseLocale } from '../locales.js';
import { buildStagesSql, PREPARE_SQL, REGCONFIGS_JSON, stageQuery, type PreparedToken, type StageQueries } from './search-sql.js';

export type { KbAudience } from '../kb.js';

export interface SearchInput {
  brandId: string;
  locale: string;
  q: string;
  limit?: number;
  audience?: KbAudience;
  /** Customer segments that may read restricted articles (public audience). */
  segments?: string[];
  /** all = every word must match (falls back to any word when nothing does); any = rank by coverage. */
  mode?: 'all' | 'any';
  category?: string | null;
  section?: string | null;
  label?: string | null;
}

export interface KbPassage {
  articleId: string;
  locale: string;
  title: string;
  slug: string;
  url: string;
  /** HTML-escaped text with <mark>…</mark> around the hits. */
  snippet: string;
  /** Plain text of the best-matching part of the article (≤ ~1,200 chars), for grounding answers. */
  text: string;
  score: number;
  visibility: Visibility;
  sectionId: string | null;
  labels: string[];
}

export interface SearchResult {
  hits: KbPassage[];
  /** The words actually searched after typo correction (only when something was corrected). */
  didYouMean: string | null;
  /** Which stage answered: every word, any word, or fuzzy title match (pg_trgm). */
  stage: 'all' | 'any' | 'fuzzy' | 'none';
  locale: string;
}

const MAX_TOKENS = 12;

export function tokenize(q: string): string[] {
  return [...new Set((q.toLowerCase().normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => t.length <= 40))].slice(0, MAX_TOKENS);
}

/** The paragraph window of the article that mentions the query words most (for the assistant's grounding). */
export function bestPassage(text: string, tokens: string[], max = 1200): string {
  const paras = text.split('\n').filter((s) => s.trim());
  if (!paras.length) return '';
  const stems = tokens.filter((t) => t.length > 2).map((t) => t.slice(0, Math.max(3, t.length - 2)));
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < paras.length; i++) {
    const l = paras[i].toLowerCase();
    const s = stems.reduce((n, st) => n + (l.includes(st) ? 1 : 0), 0);
    if (s > bestScore) [best, bestScore] = [i, s];
  }
  let out = paras[best];
  for (let j = best + 1; j < paras.length && out.length + paras[j].length < max; j++) out += `\n${paras[j]}`;
  return out.slice(0, max);
}

interface Row { stage: SearchResult['stage']; article_id: string; locale: string; title: string; slug: string; body_text: string; score: number; visibility: Visibility; section_id: string | null; labels: string[]; snippet: string }

/**
 * Full search with stages and typo information (Help Center pages, agent search). Two round trips: the
 * brand and the words' alternatives (synonyms, typo fixes, stemmed), then every stage that may be needed in
 * one statement (see search-sql.ts).
 */
export async function searchHelpCenter(ctx: Ctx, input: SearchInput): Promise<SearchResult> {
  let requested: string | null;
  try {
    requested = normaliseLocale(input.locale);
  } catch {
    requested = null; // the Help Center's default locale
  }
  const tokens = tokenize(input.q);
  const prep = await ctx.tx.maybeOne<{ slug: string; dl: string; loc: string; tokens: PreparedToken[] }>(
    PREPARE_SQL, [input.brandId, ctx.actor.workspaceId, requested, tokens, REGCONFIGS_JSON]);
  if (!prep || !canSeeBrand(ctx.actor, input.brandId)) throw notFound('BRAND_NOT_FOUND', 'Brand');
  const locale = prep.loc;
  const none: SearchResult = { hits: [], didYouMean: null, stage: 'none', locale };
  if (!tokens.length) return none;
  const audience: KbAudience = input.audience === 'agent' && can(ctx.actor, 'kb.read_internal') ? 'agent' : 'public';
  const limit = Math.min(Math.max(input.limit ?? 5, 1), 50);
  const infos = prep.tokens;
  const didYouMean = infos.some((i) => i.fix) ? infos.map((i) => i.fix ?? i.tok).join(' ') : null;
  const queries = (op: '&' | '|'): StageQueries => ({
    q1: stageQuery(infos, 'q1', op), q2: stageQuery(infos, 'q2', op), o1: stageQuery(infos, 'q1', op, true), o2: stageQuery(infos, 'q2', op, true),
  });
  const filtered = Boolean(input.category || input.section || input.label);
  const anyOnly = input.mode === 'any';
  const { sql, params } = buildStagesSql({
    brandId: input.brandId, locale, fallback: prep.dl, audience, segments: (input.segments ?? []).map((s) => s.toLowerCase()), limit,
    category: input.category ?? null, section: input.section ?? null, label: input.label ?? null,
    all: anyOnly ? null : queries('&'),
    // any word, when nothing matched every word (more than one word) — or the only stage in 'any' mode
    any: anyOnly || tokens.length > 1 ? queries('|') : null,
    // fuzzy title match (pg_trgm) when the FTS stages found nothing; not with filters
    fuzzy: filtered ? null : input.q.slice(0, 200),
  });
  const rows = sql ? await ctx.tx.query<Row>(sql, params) : [];
  if (!rows.length) return { ...none, didYouMean };
  const hits = rows.map((r): KbPassage => ({
    articleId: r.article_id, locale: r.locale, title: r.title, slug: r.slug, url: `/hc/${prep.slug}/${r.locale}/articles/${r.slug}`,
    snippet: r.snippet, text: bestPassage(r.body_text, tokens), score: Math.round(Number(r.score) * 10000) / 10000,
    visibility: r.visibility, sectionId: r.section_id, labels: r.labels,
  }));
  return { hits, didYouMean, stage: rows[0].stage, locale };
}

/** The knowledge search the assistant and the ticket panel call: passages with article ids, URLs and snippets. */
export async function searchArticles(ctx: Ctx, input: SearchInput): Promise<KbPassage[]> {
  return (await searchHelpCenter(ctx, input)).hits;
}

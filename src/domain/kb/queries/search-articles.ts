import { can, canSeeBrand, type Ctx } from '../../kernel/index.js';
import { notFound } from '../../../platform/errors.js';
import type { Queryable } from '../../../platform/db/index.js';
import type { KbAudience, Visibility } from '../kb.js';
import { normaliseLocale, regconfigOf } from '../locales.js';

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

interface TokenInfo { tok: string; fix: string | null; syns: string[] | null }

/** Synonyms of each token (brand groups) and, for words the Help Center never uses, the nearest word it does (pg_trgm). */
async function expandTokens(q: Queryable, brandId: string, locales: string[], tokens: string[]): Promise<TokenInfo[]> {
  return q.query<TokenInfo>(
    `SELECT t.tok,
       CASE WHEN length(t.tok) < 4 OR EXISTS (SELECT 1 FROM kb_words w WHERE w.brand_id = $1 AND w.locale = ANY($2::text[]) AND w.word = t.tok) THEN NULL
            ELSE (SELECT w.word FROM kb_words w WHERE w.brand_id = $1 AND w.locale = ANY($2::text[]) AND w.word % t.tok
                   ORDER BY similarity(w.word, t.tok) DESC, w.word LIMIT 1) END AS fix,
       (SELECT array_agg(DISTINCT s) FROM kb_synonyms g CROSS JOIN unnest(g.terms) AS s WHERE g.brand_id = $1 AND t.tok = ANY(g.terms) AND s <> t.tok) AS syns
     FROM unnest($3::text[]) WITH ORDINALITY AS t(tok, ord) ORDER BY t.ord`, [brandId, locales, tokens]);
}

/** A tsquery built from alternatives per word, stemmed by PostgreSQL with the locale's configuration. */
const GROUPS = (param: string, cfg: string) => `(SELECT coalesce(string_agg(part, $OP), '') FROM (
    SELECT '(' || string_agg('(' || q::text || ')', ' | ') || ')' AS part
      FROM jsonb_array_elements(${param}::jsonb) WITH ORDINALITY AS e(alts, ord)
      CROSS JOIN jsonb_array_elements_text(e.alts) AS a(alt)
      CROSS JOIN LATERAL plainto_tsquery(${cfg}::regconfig, a.alt) AS q
     WHERE q::text <> '' GROUP BY e.ord) g)::tsquery`;

/** Agents see everything in their brands; customers public articles and restricted ones for their segments. */
function audienceFilter(audience: KbAudience, segmentsParam: string): string {
  return audience === 'agent' ? `cardinality(${segmentsParam}::text[]) >= 0`
    : `(a.visibility = 'public' OR (a.visibility = 'restricted' AND a.segments && ${segmentsParam}::text[]))`;
}

const escapeSql = (col: string) => `replace(replace(replace(${col}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;

interface Row { article_id: string; locale: string; title: string; slug: string; body_text: string; score: number; visibility: Visibility; section_id: string | null; labels: string[]; snippet: string }

async function runStage(q: Queryable, p: { brandId: string; locale: string; fallback: string; alts: string[][]; op: '&' | '|'; audience: KbAudience; segments: string[]; limit: number; category: string | null; section: string | null; label: string | null }): Promise<Row[]> {
  const sql = `
    WITH qq AS (SELECT ${GROUPS('$3', '$4')} AS q1, ${GROUPS('$3', '$5')} AS q2, ${GROUPS('$13', '$4')} AS o1, ${GROUPS('$13', '$5')} AS o2),
    -- Bounded candidates: up to 300 title matches and 600 body matches are ranked (a very common word in a
    -- huge Help Center would otherwise rank every article containing it); title matches outrank body-only ones.
    cand AS (
      SELECT article_id, locale FROM (SELECT t.article_id, t.locale FROM qq, kb_translations t WHERE t.brand_id = $6
          AND ((t.locale = $1 AND t.title_tsv @@ qq.q1) OR ($1 <> $2 AND t.locale = $2 AND t.title_tsv @@ qq.q2)) LIMIT 300) x
      UNION
      SELECT article_id, locale FROM (SELECT t.article_id, t.locale FROM qq, kb_translations t WHERE t.brand_id = $6
          AND ((t.locale = $1 AND t.search @@ qq.q1) OR ($1 <> $2 AND t.locale = $2 AND t.search @@ qq.q2)) LIMIT 600) y),
    hits AS (
      SELECT t.article_id, t.locale, t.title, t.slug, t.body_text, t.regconfig, a.visibility, a.section_id, a.labels,
             CASE WHEN t.locale = $1 THEN qq.q1 ELSE qq.q2 END AS q,
             ts_rank_cd('{0.1, 0.3, 0.6, 1.0}', t.search, CASE WHEN t.locale = $1 THEN qq.q1 ELSE qq.q2 END, 1)
               + CASE WHEN t.title_tsv @@ (CASE WHEN t.locale = $1 THEN qq.q1 ELSE qq.q2 END) THEN 0.5 ELSE 0 END
               + CASE WHEN t.search @@ (CASE WHEN t.locale = $1 THEN qq.o1 ELSE qq.o2 END) THEN 0.3 ELSE 0 END
               + CASE WHEN t.title_tsv @@ (CASE WHEN t.locale = $1 THEN qq.o1 ELSE qq.o2 END) THEN 0.3 ELSE 0 END
               + CASE WHEN a.is_promoted THEN 0.05 ELSE 0 END AS score
        FROM qq, cand c JOIN kb_translations t ON t.article_id = c.article_id AND t.locale = c.locale JOIN kb_articles a ON a.id = t.article_id
       WHERE a.archived_at IS NULL AND ${audienceFilter(p.audience, '$9')}
         AND (t.locale = $1 OR NOT EXISTS (SELECT 1 FROM kb_translations t2 WHERE t2.article_id = t.article_id AND t2.locale = $1))
         AND ($10::text IS NULL OR a.section_id IN (SELECT s.id FROM kb_sections s JOIN kb_categories c ON c.id = s.category_id WHERE c.brand_id = $6 AND (c.slug = $10 OR c.id = $10)))
         AND ($11::text IS NULL OR a.section_id IN (SELECT s.id FROM kb_sections s WHERE s.brand_id = $6 AND (s.slug = $11 OR s.id = $11)))
         AND ($12::text IS NULL OR $12 = ANY(a.labels))
       ORDER BY score DESC, t.article_id LIMIT $7)
    SELECT article_id, locale, title, slug, body_text, score::float8 AS score, visibility, section_id, labels,
           ts_headline(regconfig, ${escapeSql('left(body_text, 3000)')}, q,
             'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=28, MinWords=12, FragmentDelimiter=" … "') AS snippet
      FROM hits ORDER BY score DESC, article_id`.replaceAll('$OP', '$8');
  return q.query<Row>(sql, [p.locale, p.fallback, JSON.stringify(p.alts), regconfigOf(p.locale), regconfigOf(p.fallback), p.brandId, p.limit, ` ${p.op} `,
    p.segments, p.category, p.section, p.label, JSON.stringify(p.alts.map((a) => [a[0]]))]);
}

async function fuzzyTitles(q: Queryable, p: { brandId: string; locale: string; fallback: string; text: string; audience: KbAudience; segments: string[]; limit: number }): Promise<Row[]> {
  return q.query<Row>(
    `SELECT t.article_id, t.locale, t.title, t.slug, t.body_text, word_similarity($3, t.title)::float8 AS score, a.visibility, a.section_id, a.labels,
            ${escapeSql('left(t.body_text, 180)')} || CASE WHEN length(t.body_text) > 180 THEN ' …' ELSE '' END AS snippet
       FROM kb_translations t JOIN kb_articles a ON a.id = t.article_id
      WHERE t.brand_id = $4 AND a.archived_at IS NULL AND ${audienceFilter(p.audience, '$6')} AND t.locale IN ($1, $2) AND $3 <% t.title
        AND (t.locale = $1 OR NOT EXISTS (SELECT 1 FROM kb_translations t2 WHERE t2.article_id = t.article_id AND t2.locale = $1))
      ORDER BY score DESC, t.article_id LIMIT $5`,
    [p.locale, p.fallback, p.text, p.brandId, p.limit, p.segments]);
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

/** Full search with stages and typo information (Help Center pages, agent search). */
export async function searchHelpCenter(ctx: Ctx, input: SearchInput): Promise<SearchResult> {
  // brand + Help Center locales in one round trip (this runs on every keystroke of instant search)
  const brand = await ctx.tx.maybeOne<{ slug: string; default_locale: string | null }>(
    `SELECT b.slug, s.default_locale FROM brands b LEFT JOIN kb_brand_settings s ON s.brand_id = b.id WHERE b.id = $1 AND b.workspace_id = $2`,
    [input.brandId, ctx.actor.workspaceId]);
  if (!brand || !canSeeBrand(ctx.actor, input.brandId)) throw notFound('BRAND_NOT_FOUND', 'Brand');
  const settings = { default_locale: brand.default_locale ?? 'en' };
  let locale: string;
  try {
    locale = normaliseLocale(input.locale);
  } catch {
    locale = settings.default_locale;
  }
  const audience: KbAudience = input.audience === 'agent' && can(ctx.actor, 'kb.read_internal') ? 'agent' : 'public';
  const limit = Math.min(Math.max(input.limit ?? 5, 1), 50);
  const tokens = tokenize(input.q);
  const none: SearchResult = { hits: [], didYouMean: null, stage: 'none', locale };
  if (!tokens.length) return none;
  const infos = await expandTokens(ctx.tx, input.brandId, [...new Set([locale, settings.default_locale])], tokens);
  const alts = infos.map((i) => [i.tok, ...(i.fix ? [i.fix] : []), ...(i.syns ?? [])]);
  const didYouMean = infos.some((i) => i.fix) ? infos.map((i) => i.fix ?? i.tok).join(' ') : null;
  const base = {
    brandId: input.brandId, locale, fallback: settings.default_locale, alts, audience, segments: (input.segments ?? []).map((s) => s.toLowerCase()), limit,
    category: input.category ?? null, section: input.section ?? null, label: input.label ?? null,
  };
  let stage: SearchResult['stage'] = input.mode === 'any' ? 'any' : 'all';
  let rows = await runStage(ctx.tx, { ...base, op: stage === 'any' ? '|' : '&' });
  if (!rows.length && stage === 'all' && tokens.length > 1) {
    stage = 'any';
    rows = await runStage(ctx.tx, { ...base, op: '|' });
  }
  if (!rows.length && !base.category && !base.section && !base.label) {
    stage = 'fuzzy';
    rows = await fuzzyTitles(ctx.tx, { ...base, text: input.q.slice(0, 200) });
  }
  if (!rows.length) return { ...none, didYouMean };
  const hits = rows.map((r): KbPassage => ({
    articleId: r.article_id, locale: r.locale, title: r.title, slug: r.slug, url: `/hc/${brand.slug}/${r.locale}/articles/${r.slug}`,
    snippet: r.snippet, text: bestPassage(r.body_text, tokens), score: Math.round(Number(r.score) * 10000) / 10000,
    visibility: r.visibility, sectionId: r.section_id, labels: r.labels,
  }));
  return { hits, didYouMean, stage, locale };
}

/** The knowledge search the assistant and the ticket panel call: passages with article ids, URLs and snippets. */
export async function searchArticles(ctx: Ctx, input: SearchInput): Promise<KbPassage[]> {
  return (await searchHelpCenter(ctx, input)).hits;
}

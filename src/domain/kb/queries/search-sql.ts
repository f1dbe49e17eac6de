/**
 * SQL of the knowledge-base search (two round trips per search):
 *  1. `PREPARE_SQL`: the brand, its default locale, and per query word the alternatives (the word, its typo
 *     fix from the brand's vocabulary, its synonyms), each already turned into a tsquery text with the
 *     locale's stemmer. Node joins them into the tsqueries of each stage.
 *  2. `buildStagesSql()`: every stage that may be needed (all words, any word, fuzzy title) in ONE
 *     statement; a later stage is gated by `NOT EXISTS (earlier stage)`, which PostgreSQL evaluates once as
 *     a one-time filter, so a stage whose predecessor answered is never executed. Ranking reads only the
 *     stored tsvectors (kept inline in the heap, see migration 0253) of a bounded candidate set; snippets
 *     (`ts_headline`) are made for the final top k rows only.
 */
import type { KbAudience } from '../kb.js';
import { KB_LOCALES } from '../locales.js';

/** Locale → text-search configuration, as one JSON parameter (the brand's default locale is only known in SQL). */
export const REGCONFIGS_JSON = JSON.stringify(Object.fromEntries(Object.entries(KB_LOCALES).map(([l, v]) => [l, v.regconfig])));

/** $1 brand, $2 workspace, $3 requested locale (null: the default), $4 words, $5 REGCONFIGS_JSON. */
export const PREPARE_SQL = `
  WITH l AS (
    SELECT b.slug, coalesce(s.default_locale, 'en') AS dl, coalesce($3::text, s.default_locale, 'en') AS loc
      FROM brands b LEFT JOIN kb_brand_settings s ON s.brand_id = b.id WHERE b.id = $1 AND b.workspace_id = $2),
  tk AS MATERIALIZED (
    SELECT t.tok, t.ord, l.loc, l.dl,
      CASE WHEN length(t.tok) < 4 OR EXISTS (SELECT 1 FROM kb_words w WHERE w.brand_id = $1 AND w.locale IN (l.loc, l.dl) AND w.word = t.tok) THEN NULL
           -- the most similar known word (trigram GIN index), within pg_trgm's similarity threshold
           ELSE (SELECT w.word FROM kb_words w WHERE w.brand_id = $1 AND w.locale IN (l.loc, l.dl) AND w.word % t.tok
                  ORDER BY w.word <-> t.tok, w.word LIMIT 1) END AS fix,
      (SELECT array_agg(DISTINCT s ORDER BY s) FROM kb_synonyms g CROSS JOIN unnest(g.terms) AS s WHERE g.brand_id = $1 AND t.tok = ANY(g.terms) AND s <> t.tok) AS syns
    FROM l, unnest($4::text[]) WITH ORDINALITY AS t(tok, ord))
  SELECT l.slug, l.dl, l.loc, coalesce((
    SELECT json_agg(json_build_object('tok', tk.tok, 'fix', tk.fix,
      'q1', (SELECT array_agg(plainto_tsquery(coalesce($5::jsonb ->> tk.loc, 'simple')::regconfig, a.alt)::text ORDER BY a.n) FROM unnest(ARRAY[tk.tok, tk.fix] || coalesce(tk.syns, '{}')) WITH ORDINALITY AS a(alt, n) WHERE a.alt IS NOT NULL),
      'q2', (SELECT array_agg(plainto_tsquery(coalesce($5::jsonb ->> tk.dl, 'simple')::regconfig, a.alt)::text ORDER BY a.n) FROM unnest(ARRAY[tk.tok, tk.fix] || coalesce(tk.syns, '{}')) WITH ORDINALITY AS a(alt, n) WHERE a.alt IS NOT NULL)
    ) ORDER BY tk.ord) FROM tk), '[]') AS tokens
  FROM l`;

export interface PreparedToken { tok: string; fix: string | null; q1: string[]; q2: string[] }

/** One word's alternatives as a tsquery group `((a) | (b))`; '' when all of them are stop words. */
const group = (alts: string[]) => {
  const parts = alts.filter((a) => a !== '');
  return parts.length ? `(${parts.map((a) => `(${a})`).join(' | ')})` : '';
};

/** The tsquery text of a stage: every word's group joined with & (all) or | (any); null when nothing is left. */
export function stageQuery(tokens: PreparedToken[], which: 'q1' | 'q2', op: '&' | '|', literalOnly = false): string | null {
  const s = tokens.map((t) => group(literalOnly ? t[which].slice(0, 1) : t[which])).filter(Boolean).join(` ${op} `);
  return s || null;
}

/** Stage queries: q = words with their alternatives; o = the words as typed (a bonus, so a synonym never outranks the literal). */
export interface StageQueries { q1: string | null; q2: string | null; o1: string | null; o2: string | null }

export interface StagesSpec {
  brandId: string;
  locale: string;
  fallback: string;
  audience: KbAudience;
  segments: string[];
  limit: number;
  category: string | null;
  section: string | null;
  label: string | null;
  all: StageQueries | null;
  any: StageQueries | null;
  /** Raw query text for the fuzzy title match; null = no fuzzy stage. */
  fuzzy: string | null;
}

/** Candidates ranked per stage: at most this many title matches and body matches (title matches outrank body-only ones). */
export const TITLE_CANDIDATES = 300;
export const BODY_CANDIDATES = 600;
/** Fuzzy title stage: the nearest titles looked at before the article filters. */
export const FUZZY_CANDIDATES = 100;

class Params {
  readonly values: unknown[] = [];
  add(v: unknown, cast = ''): string {
    this.values.push(v);
    return `$${this.values.length}${cast}`;
  }
}

/**
 * The candidate's article by primary key. OFFSET 0 keeps it a per-row index lookup: on ≤ 900 candidates
 * the planner otherwise prefers hashing every article of the brand.
 */
const ARTICLE_BY_ID = (alias: string) => `SELECT * FROM kb_articles a WHERE a.id = ${alias}.article_id OFFSET 0`;

const escapeSql = (col: string) => `replace(replace(replace(${col}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
const HEADLINE_OPTS = `'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=28, MinWords=12, FragmentDelimiter=" … "'`;

/** The SQL of all stages in one statement and its parameters. Rows: stage, article_id, locale, title, slug, body_text, score, visibility, section_id, labels, snippet. */
export function buildStagesSql(spec: StagesSpec): { sql: string; params: unknown[] } {
  const p = new Params();
  const B = p.add(spec.brandId);
  const L = p.add(spec.locale);
  const two = spec.locale !== spec.fallback;
  const F = two ? p.add(spec.fallback) : L;
  const K = p.add(spec.limit, '::int');
  const seg = spec.audience === 'agent' ? '' : p.add(spec.segments, '::text[]');
  const audience = spec.audience === 'agent' ? '' : `AND (a.visibility = 'public' OR (a.visibility = 'restricted' AND a.segments && ${seg}))`;
  const fallbackOnly = (alias: string) => (two ? `AND (${alias}.locale = ${L} OR NOT EXISTS (SELECT 1 FROM kb_translations t2 WHERE t2.article_id = ${alias}.article_id AND t2.locale = ${L}))` : '');
  const filters: string[] = [];
  if (spec.category) {
    const c = p.add(spec.category);
    filters.push(`AND a.section_id IN (SELECT s.id FROM kb_sections s JOIN kb_categories c ON c.id = s.category_id WHERE c.brand_id = ${B} AND (c.slug = ${c} OR c.id = ${c}))`);
  }
  if (spec.section) {
    const s = p.add(spec.section);
    filters.push(`AND a.section_id IN (SELECT s.id FROM kb_sections s WHERE s.brand_id = ${B} AND (s.slug = ${s} OR s.id = ${s}))`);
  }
  if (spec.label) filters.push(`AND ${p.add(spec.label)} = ANY(a.labels)`);
  const articleFilter = `a.archived_at IS NULL ${audience} ${filters.join(' ')}`;

  const ctes: string[] = [];
  const branches: string[] = [];
  const headlineQuery: string[] = [];
  const gates: string[] = [];
  const gated = () => gates.map((g) => `AND NOT EXISTS (SELECT 1 FROM ${g})`).join(' ');
  for (const stage of ['all', 'any'] as const) {
    const sq = spec[stage];
    if (!sq || (!sq.q1 && !sq.q2)) continue;
    const Q1 = p.add(sq.q1, '::tsquery');
    const O1 = p.add(sq.o1, '::tsquery');
    const Q2 = two ? p.add(sq.q2, '::tsquery') : Q1;
    const O2 = two ? p.add(sq.o2, '::tsquery') : O1;
    const q = two ? `(CASE WHEN t.locale = ${L} THEN ${Q1} ELSE ${Q2} END)` : Q1;
    const o = two ? `(CASE WHEN t.locale = ${L} THEN ${O1} ELSE ${O2} END)` : O1;
    const match = (col: string) => (two ? `((t.locale = ${L} AND t.${col} @@ ${Q1}) OR (t.locale = ${F} AND t.${col} @@ ${Q2}))` : `t.locale = ${L} AND t.${col} @@ ${Q1}`);
    const rank = `ts_rank_cd('{0.1, 0.3, 0.6, 1.0}', t.search, ${q}, 1)
        + CASE WHEN t.title_tsv @@ ${q} THEN 0.5 ELSE 0 END
        + CASE WHEN t.search @@ ${o} THEN 0.3 ELSE 0 END
        + CASE WHEN t.title_tsv @@ ${o} THEN 0.3 ELSE 0 END`;
    const cand = (col: string, n: number, extra = '') => `(SELECT t.article_id, t.locale, ${rank} AS score FROM kb_translations t WHERE t.brand_id = ${B} AND ${match(col)} ${extra} LIMIT ${n})`;
    const ranked = (from: string, extra = '') => `SELECT c.article_id, c.locale, c.score + CASE WHEN a.is_promoted THEN 0.05 ELSE 0 END AS score
        FROM ${from} c CROSS JOIN LATERAL (${ARTICLE_BY_ID('c')}) a
       WHERE ${articleFilter} ${fallbackOnly('c')} ${gated()} ${extra}
       ORDER BY score DESC, c.article_id LIMIT ${K}`;
    // Title matches first; body-only matches are ranked only when fewer than k titles match (then the two
    // sets are merged by score).
    ctes.push(`s_${stage}_t AS (${ranked(cand('title_tsv', TITLE_CANDIDATES))})`);
    ctes.push(`s_${stage} AS (
      SELECT * FROM s_${stage}_t
      UNION ALL
      (${ranked(cand('search', BODY_CANDIDATES, `AND (${match('title_tsv')}) IS NOT TRUE`), `AND (SELECT count(*) FROM s_${stage}_t) < ${K}`)})
      ORDER BY score DESC, article_id LIMIT ${K})`);
    branches.push(`SELECT '${stage}'::text AS stage, article_id, locale, score::float8 AS score FROM s_${stage}`);
    headlineQuery.push(`WHEN '${stage}' THEN ${two ? `(CASE WHEN h.locale = ${L} THEN ${Q1} ELSE ${Q2} END)` : Q1}`);
    gates.push(`s_${stage}`);
  }
  if (spec.fuzzy !== null) {
    const T = p.add(spec.fuzzy);
    const locales = two ? `t.locale IN (${L}, ${F})` : `t.locale = ${L}`;
    // nearest titles first straight from the GiST index (KNN), then the article filters on those
    ctes.push(`s_fuzzy AS (
      SELECT f.article_id, f.locale, 1 - f.dist AS score
        FROM (SELECT t.article_id, t.locale, ${T} <<-> t.title AS dist FROM kb_translations t
               WHERE t.brand_id = ${B} AND ${locales} AND ${T} <% t.title
               ORDER BY ${T} <<-> t.title LIMIT ${FUZZY_CANDIDATES}) f
        CROSS JOIN LATERAL (${ARTICLE_BY_ID('f')}) a
       WHERE ${articleFilter} ${fallbackOnly('f')} ${gated()}
       ORDER BY f.dist, f.article_id LIMIT ${K})`);
    branches.push(`SELECT 'fuzzy'::text AS stage, article_id, locale, score::float8 AS score FROM s_fuzzy`);
  }
  if (!branches.length) return { sql: '', params: [] };
  const plain = `${escapeSql('left(t.body_text, 180)')} || CASE WHEN length(t.body_text) > 180 THEN ' …' ELSE '' END`;
  const snippet = headlineQuery.length
    ? `CASE WHEN h.stage = 'fuzzy' THEN ${plain}
        ELSE ts_headline(t.regconfig, ${escapeSql('left(t.body_text, 3000)')}, CASE h.stage ${headlineQuery.join(' ')} END, ${HEADLINE_OPTS}) END`
    : plain;
  const sql = `WITH ${ctes.join(',\n')}
    SELECT h.stage, h.article_id, h.locale, t.title, t.slug, t.body_text, h.score, a.visibility, a.section_id, a.labels, ${snippet} AS snippet
      FROM (${branches.join(' UNION ALL ')}) h
      JOIN kb_translations t ON t.article_id = h.article_id AND t.locale = h.locale JOIN kb_articles a ON a.id = h.article_id
     ORDER BY h.score DESC, h.article_id`;
  return { sql, params: p.values };
}

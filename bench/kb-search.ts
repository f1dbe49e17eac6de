/**
 * `npm run bench -- kb-search [--articles 10000] [--queries 1000] [--seed 11]`
 *
 * Help Center search at size: A generated articles (titles and bodies assembled from sentences of the demo
 * Help Center, so the vocabulary and lengths are real), published in one bulk load, then Q queries run one by
 * one through searchHelpCenter() — the same code the Help Center, the agent panel and the assistant use:
 * synonyms, typo correction (pg_trgm), FTS with per-locale stemming, title/heading weights, ts_headline
 * snippets, stage fallbacks. Query mix: 55% 1–3 title words, 20% questions, 15% one typo, 10% words
 * that match nothing (worst case: every stage runs). PGlite by default; PostgreSQL when DATABASE_URL is set
 * (a scratch database is created and dropped).
 * Prints ONE line: {"bench":"kb.search","articles":…,"queries":…,"p50_ms":…,"p95_ms":…, …, "p95_vs_baseline":…, "loadavg_1m":…}
 * Baseline in the same run: a bare websearch_to_tsquery + ts_rank query (no synonyms/typos/snippets).
 */
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../src/platform/clock.js';
import { migrate, type Db } from '../src/platform/db/index.js';
import { openPglite } from '../src/platform/db/pglite.js';
import { openPostgres } from '../src/platform/db/postgres.js';
import { createBrand, createWorkspace } from '../src/domain/workspace/index.js';
import { systemActor, type Ctx } from '../src/domain/kernel/index.js';
import { applyStructure, bulkLoadArticles, parseStructure, searchHelpCenter, type ImportItem } from '../src/domain/kb/index.js';
import { KB_CONTENT_DIR } from '../src/cli/seed/modules/kb.js';
import { mulberry32 } from '../src/platform/prng.js';
import { emitResult, note, numberArg, parseArgs } from './lib/cli.js';
import { createScratchDatabase } from './lib/scratch.js';

const args = parseArgs(process.argv.slice(2));
const A = numberArg(args, 'articles', 10_000, 10);
const Q = numberArg(args, 'queries', 1000, 10);
const rand = mulberry32(numberArg(args, 'seed', 11, 0));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const r2 = (n: number) => Math.round(n * 100) / 100;

async function corpus(): Promise<{ sentences: string[]; titles: string[]; headings: string[] }> {
  const dir = path.join(KB_CONTENT_DIR, 'clipster', 'en');
  const sentences: string[] = [];
  const titles: string[] = [];
  const headings: string[] = [];
  for (const f of (await readdir(dir)).filter((x) => x.endsWith('.md'))) {
    const text = await readFile(path.join(dir, f), 'utf8');
    const [, fm, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
    titles.push(JSON.parse(/title: (.*)/.exec(fm ?? '')?.[1] ?? '""'));
    for (const line of (body ?? '').split('\n')) {
      if (line.startsWith('## ')) headings.push(line.slice(3));
      else if (line.trim().length > 30 && !line.startsWith('|')) sentences.push(line.replace(/^[-\d.]+\s*/, '').trim());
    }
  }
  return { sentences, titles, headings };
}

async function openDb(): Promise<{ db: Db; kind: string; close(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL, 'sb_bench_kb');
    const db = await openPostgres(scratch.url, 4);
    return { db, kind: 'postgres', close: async () => { await db.close(); await scratch.drop(); } };
  }
  const db = await openPglite(undefined);
  return { db, kind: 'pglite', close: () => db.close() };
}

const { db, kind, close } = await openDb();
try {
  await migrate(db);
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  const { sentences, titles, headings } = await corpus();
  const words = [...new Set(titles.join(' ').toLowerCase().match(/[a-z]{4,}/g) ?? [])];
  const items: ImportItem[] = Array.from({ length: A }, (_, i) => {
    const base = pick(titles);
    const title = `${base} ${rand() < 0.5 ? `(${pick(words)})` : ''} #${i}`.replace(/\s+/g, ' ');
    const body = Array.from({ length: 3 }, () => `## ${pick(headings)}\n\n${Array.from({ length: 2 + Math.floor(rand() * 4) }, () => pick(sentences)).join(' ')}`).join('\n\n');
    return { origin: `gen ${i}`, key: `gen:${i}`, locale: 'en', sourceKey: null, slug: `article-${i}`, title, body, description: '', section: null, labels: [], visibility: 'public', segments: [], promoted: false };
  });
  const t0 = performance.now();
  const { ws, brandId } = await db.transaction(async (tx) => {
    const { workspace, ctx } = await createWorkspace(tx, clock, { name: 'Bench' });
    const brand = await createBrand(ctx, { name: 'Clipster', slug: 'clipster' });
    const sys: Ctx = { ...ctx, actor: systemActor(workspace.id) };
    await applyStructure(sys, brand.id, parseStructure(await readFile(path.join(KB_CONTENT_DIR, 'clipster', 'help-center.yaml'), 'utf8')));
    await bulkLoadArticles(sys, brand.id, items, {});
    return { ws: workspace.id, brandId: brand.id };
  });
  await db.exec('ANALYZE');
  note(`${kind}: ${A} articles loaded in ${Math.round(performance.now() - t0)} ms`);

  const typo = (w: string) => (w.length < 5 ? w : `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}`);
  const queries = Array.from({ length: Q }, () => {
    const r = rand();
    const tw = pick(titles).toLowerCase().match(/[a-z0-9-]+/g) ?? ['coins'];
    const some = (n: number) => Array.from({ length: n }, () => pick(tw)).join(' ');
    if (r < 0.55) return some(1 + Math.floor(rand() * 3));
    if (r < 0.75) return `how do I ${some(2)}`;
    if (r < 0.9) return typo(pick(words));
    return `${pick(['xylophone', 'quasar', 'zeppelin'])} ${pick(['gadget', 'nebula', 'walrus'])}`;
  });
  const run = <T>(fn: (ctx: Ctx) => Promise<T>) => db.transaction((tx) => fn({ actor: systemActor(ws), tx, clock, meta: {} }));
  for (const q of queries.slice(0, 20)) await run((ctx) => searchHelpCenter(ctx, { brandId, locale: 'en', q, limit: 10 })); // warm-up
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t = performance.now();
    const r = await run((ctx) => searchHelpCenter(ctx, { brandId, locale: 'en', q, limit: 10, audience: 'public' }));
    times.push(performance.now() - t);
    if (r.hits.length) hits++;
  }
  const base: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await db.query(`SELECT article_id, title, ts_rank(search, websearch_to_tsquery('english', $2)) AS r FROM kb_translations
                     WHERE brand_id = $1 AND search @@ websearch_to_tsquery('english', $2) ORDER BY r DESC LIMIT 10`, [brandId, q]);
    base.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  base.sort((a, b) => a - b);
  emitResult({
    bench: 'kb.search', db: kind, articles: A, queries: Q, p50_ms: r2(pct(times, 50)), p95_ms: r2(pct(times, 95)), p99_ms: r2(pct(times, 99)),
    answered_pct: Math.round((hits / Q) * 100), baseline_bare_fts_p50_ms: r2(pct(base, 50)), baseline_bare_fts_p95_ms: r2(pct(base, 95)),
    p95_vs_baseline: r2(pct(times, 95) / pct(base, 95)), target_p95_ms: 20, loadavg_1m: r2(os.loadavg()[0]),
  });
} finally {
  await close();
}

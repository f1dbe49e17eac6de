import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemActor, type Ctx } from '../../../domain/kernel/index.js';
import { applyStructure, bulkLoadArticles, updateArticle } from '../../../domain/kb/index.js';
import { newId } from '../../../platform/ids.js';
import { loadContent } from '../../commands/kb-files.js';
import { bulkInsert } from '../bulk-insert.js';
import { Rng } from '../prng.js';
import type { SeedModuleCtx } from './types.js';

export const KB_CONTENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../kb-content');
const DAY = 86400_000;

/**
 * Demo Help Centers: the Markdown articles under seed/kb-content, bulk-published (same rendering and rules as
 * the workflow, a few statements per brand), then 60 days of views, votes, searches and
 * contact clicks so the KB analytics page has something to show.
 */
export async function seedKb(s: SeedModuleCtx): Promise<void> {
  const ctx: Ctx = { ...s.ctx, actor: systemActor(s.structure.workspaceId) };
  const rng = new Rng(6006);
  for (const [key, brandId] of Object.entries(s.structure.brands)) {
    const content = await loadContent(path.join(KB_CONTENT_DIR, key));
    if (content.problems.length) throw new Error(`kb demo content: ${content.problems.map((p) => `${p.origin}: ${p.reason}`).join('; ')}`);
    if (content.structure) await applyStructure(ctx, brandId, content.structure);
    const sections = await ctx.tx.query<{ id: string; slug: string }>('SELECT id, slug FROM kb_sections WHERE brand_id = $1', [brandId]);
    const byKey = await bulkLoadArticles(ctx, brandId, content.items, Object.fromEntries(sections.map((x) => [x.slug, x.id])));
    const ids = [...byKey.values()];
    // Owners and review dates: a few articles are overdue for review.
    const owners = [s.structure.users.sam, s.structure.users.priya, s.structure.users.admin].filter(Boolean);
    for (const [i, id] of ids.entries()) {
      if (i % 4 === 0) await updateArticle(ctx, id, { owner_id: owners[i % owners.length] ?? null, review_interval_days: i % 8 === 0 ? 30 : 90 });
    }
    await ctx.tx.query(`UPDATE kb_articles SET review_due_at = $2::timestamptz - interval '3 days' WHERE id = ANY($1)`, [ids.filter((_, i) => i % 9 === 4), s.now]);
    await seedMetrics(ctx, rng, brandId, ids, s.now);
  }
}

const SEARCHES = ['buy coins', 'refund', 'coins missing', 'payout late', '2fa', 'hacked', 'delete account', 'download data', 'appeal',
  'password reset', 'gift card', 'tax form', 'creator fund'];
const GAPS = ['crypto payment', 'change country', 'verified badge', 'merge accounts', 'duet permissions', 'coins expire'];

async function seedMetrics(ctx: Ctx, rng: Rng, brandId: string, ids: string[], now: Date): Promise<void> {
  const views: object[] = [];
  const votes: object[] = [];
  for (const [i, id] of ids.entries()) {
    const popularity = Math.max(1, Math.round(80 / (1 + i * 0.35)));
    for (let d = 0; d < 60; d++) {
      const day = new Date(now.getTime() - d * DAY).toISOString().slice(0, 10);
      const n = rng.int(0, popularity);
      if (n) views.push({ article_id: id, locale: 'en', day, views: n });
    }
    const nVotes = rng.int(2, 14);
    for (let v = 0; v < nVotes; v++) {
      const at = new Date(now.getTime() - rng.int(0, 59) * DAY - rng.int(0, 86_000) * 1000);
      const recent = now.getTime() - at.getTime() < 30 * DAY;
      // article #2 got worse lately: helpful before, mostly unhelpful in the last 30 days
      const p = i === 2 ? (recent ? 0.25 : 0.9) : 0.8;
      const helpful = rng.chance(p);
      votes.push({ id: newId('kbr', at), article_id: id, brand_id: brandId, locale: 'en', is_helpful: helpful,
        comment: !helpful && rng.chance(0.4) ? 'The steps do not match what I see in the app.' : null, visitor: null, created_at: at.toISOString() });
    }
  }
  const searches: object[] = [];
  for (let k = 0; k < 240; k++) {
    const at = new Date(now.getTime() - rng.int(0, 29) * DAY - rng.int(0, 86_000) * 1000);
    const gap = rng.chance(0.2);
    const query = gap ? GAPS[rng.int(0, GAPS.length - 1)] : SEARCHES[rng.int(0, SEARCHES.length - 1)];
    searches.push({ id: newId('kbq', at), brand_id: brandId, locale: 'en', query, results: gap ? 0 : rng.int(1, 8), top_score: gap ? null : rng.float(0.2, 1.5), audience: 'public', created_at: at.toISOString() });
  }
  const contacts: object[] = [];
  for (let k = 0; k < 40; k++) {
    const at = new Date(now.getTime() - rng.int(0, 29) * DAY);
    contacts.push({ id: newId('kbk', at), brand_id: brandId, article_id: ids[rng.int(0, Math.min(ids.length - 1, 12))], query: null, ticket_id: null, kind: 'contact_click', created_at: at.toISOString() });
  }
  await bulkInsert(ctx.tx, { table: 'kb_views', columns: [['article_id', 'text'], ['locale', 'text'], ['day', 'date'], ['views', 'integer']] }, views);
  await bulkInsert(ctx.tx, { table: 'kb_votes', columns: [['id', 'text'], ['article_id', 'text'], ['brand_id', 'text'], ['locale', 'text'], ['is_helpful', 'boolean'], ['comment', 'text'], ['visitor', 'text'], ['created_at', 'timestamptz']] }, votes);
  await bulkInsert(ctx.tx, { table: 'kb_searches', columns: [['id', 'text'], ['brand_id', 'text'], ['locale', 'text'], ['query', 'text'], ['results', 'integer'], ['top_score', 'real'], ['audience', 'text'], ['created_at', 'timestamptz']] }, searches);
  await bulkInsert(ctx.tx, { table: 'kb_contacts', columns: [['id', 'text'], ['brand_id', 'text'], ['article_id', 'text'], ['query', 'text'], ['ticket_id', 'text'], ['kind', 'text'], ['created_at', 'timestamptz']] }, contacts);
}

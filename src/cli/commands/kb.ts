import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { importArticle, importFailure, listSynonyms, listTaxonomy, publishDueVersions, sendReviewReminders, settingsOf, applyStructure } from '../../domain/kb/index.js';
import type { Command } from '../command.js';
import { UsageError, fmt, parseFlags, required } from '../io/args.js';
import { createProgress } from '../io/progress.js';
import { openTarget, type DbTarget } from '../io/target.js';
import { loadContent } from './kb-files.js';

async function dbTarget(): Promise<DbTarget> {
  const t = await openTarget({});
  if (t.kind !== 'db') throw new UsageError('kb commands work on the database directly (DATA_DIR or DATABASE_URL); stop the server or use DATABASE_URL');
  if (!t.workspace) throw new UsageError('The database has no workspace yet: run "switchboard seed" or start the server once');
  return t;
}

async function brandId(t: DbTarget, slug: string): Promise<string> {
  const b = await t.db.maybeOne<{ id: string }>('SELECT id FROM brands WHERE workspace_id = $1 AND (slug = $2 OR id = $2)', [t.workspace!.id, slug]);
  if (!b) throw new UsageError(`No brand "${slug}"`);
  return b.id;
}

export const kbImportCommand: Command = {
  name: 'kb import',
  summary: 'Import Help Center articles: a folder of Markdown files with front matter, or a Zendesk Guide JSON export',
  usage: `switchboard kb import PATH --brand SLUG [--report FILE] [--dry-run]

  PATH          a folder (help-center.yaml + <locale>/*.md, as "kb export" writes) or a Zendesk Guide export (.json:
                { "articles": [...], "translations": [...], "sections": [...] })
  --brand SLUG  the brand whose Help Center receives the articles
  --report FILE write the report (created / updated / unchanged / skipped with reasons) as JSON
  --dry-run     check every item through the real commands, then roll back

Each article is imported in its own transaction through the normal workflow (draft → review → approval →
publish, approved by the system). Re-running updates changed articles and leaves unchanged ones alone
(matched by slug for Markdown, by Zendesk id for exports). Items that cannot be imported — broken front
matter, a translation without its source, a duplicate slug, a script-only body, a Zendesk draft — are
skipped and listed with the reason. Exit code 0 when nothing was skipped, 1 otherwise.`,
  async run(args) {
    const { values, positionals } = parseFlags(args, { brand: { type: 'string' }, report: { type: 'string' }, 'dry-run': { type: 'boolean' } }, { min: 1, max: 1, names: 'PATH' });
    const t = await dbTarget();
    try {
      const brand = await brandId(t, required(values.brand, '--brand'));
      const content = await loadContent(positionals[0]!);
      const dry = Boolean(values['dry-run']);
      if (content.structure && !dry) await t.run((ctx) => applyStructure(ctx, brand, content.structure!));
      const skipped = content.problems.map((p) => ({ item: p.origin, reason: p.reason }));
      const counts = { created: 0, updated: 0, unchanged: 0 };
      const bar = createProgress('kb import', content.items.length);
      for (const [i, item] of content.items.entries()) {
        try {
          const r = await t.run(async (ctx) => {
            const out = await importArticle(ctx, brand, item);
            if (dry) throw Object.assign(new Error('dry run'), { dryRun: out });
            return out;
          });
          counts[r.outcome]++;
        } catch (e) {
          const dryOut = (e as { dryRun?: { outcome: keyof typeof counts } }).dryRun;
          if (dryOut) counts[dryOut.outcome]++;
          else skipped.push({ item: item.origin, reason: importFailure(e) });
        }
        bar.update(i + 1, `${counts.created} created, ${counts.updated} updated, ${skipped.length} skipped`);
      }
      bar.stop();
      const report = { ...counts, skipped: skipped.length, dry_run: dry, items: skipped };
      if (values.report) await writeFile(values.report, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`${dry ? '[dry run] ' : ''}${fmt(counts.created)} created, ${fmt(counts.updated)} updated, ${fmt(counts.unchanged)} unchanged, ${fmt(skipped.length)} skipped`);
      for (const s of skipped) console.log(`  skipped ${s.item}: ${s.reason}`);
      return skipped.length ? 1 : 0;
    } finally {
      await t.close();
    }
  },
};

export const kbExportCommand: Command = {
  name: 'kb export',
  summary: 'Export a brand\'s Help Center as Markdown files with front matter (re-importable with "kb import")',
  usage: `switchboard kb export DIR --brand SLUG

Writes DIR/help-center.yaml (settings, categories, sections, synonyms) and DIR/<locale>/<slug>.md for every
published article and translation (internal and restricted ones included, marked in the front matter).`,
  async run(args) {
    const { values, positionals } = parseFlags(args, { brand: { type: 'string' } }, { min: 1, max: 1, names: 'DIR' });
    const t = await dbTarget();
    try {
      const brand = await brandId(t, required(values.brand, '--brand'));
      const dir = positionals[0]!;
      const data = await t.run(async (ctx) => {
        const settings = await settingsOf(ctx.tx, brand);
        const tax = await listTaxonomy(ctx, brand);
        const synonyms = await listSynonyms(ctx, brand);
        const rows = await ctx.tx.query<{ locale: string; slug: string; title: string; description: string; body_md: string; source_locale: string; src_slug: string | null;
          section: string | null; labels: string[]; visibility: string; segments: string[]; is_promoted: boolean }>(
          `SELECT t.locale, t.slug, v.title, v.description, v.body_md, a.source_locale, src.slug AS src_slug, s.slug AS section, a.labels, a.visibility, a.segments, a.is_promoted
             FROM kb_translations t JOIN kb_versions v ON v.id = t.version_id JOIN kb_articles a ON a.id = t.article_id
             LEFT JOIN kb_translations src ON src.article_id = a.id AND src.locale = a.source_locale LEFT JOIN kb_sections s ON s.id = a.section_id
            WHERE a.brand_id = $1 AND a.archived_at IS NULL ORDER BY t.locale, t.slug`, [brand]);
        return { settings, tax, synonyms, rows };
      });
      const { settings, tax, synonyms, rows } = data;
      await mkdir(dir, { recursive: true });
      const structure = {
        title: settings.title, tagline: settings.tagline, default_locale: settings.default_locale, locales: settings.locales, primary_color: settings.primary_color,
        accent_color: settings.accent_color, synonyms,
        categories: tax.categories.map((c) => ({ slug: c.slug, titles: c.titles, descriptions: c.descriptions,
          sections: tax.sections.filter((s) => s.category_id === c.id).map((s) => ({ slug: s.slug, titles: s.titles })) })),
      };
      await writeFile(path.join(dir, 'help-center.yaml'), stringify(structure));
      const bar = createProgress('kb export', rows.length);
      for (const [i, r] of rows.entries()) {
        const isSource = r.locale === r.source_locale;
        const fm = isSource
          ? { slug: r.slug, title: r.title, section: r.section ?? undefined, labels: r.labels, description: r.description || undefined, promoted: r.is_promoted || undefined,
            visibility: r.visibility === 'public' ? undefined : r.visibility, segments: r.segments.length ? r.segments : undefined }
          : { source: r.src_slug, slug: r.slug, title: r.title, description: r.description || undefined };
        await mkdir(path.join(dir, r.locale), { recursive: true });
        await writeFile(path.join(dir, r.locale, `${r.slug}.md`), `---\n${stringify(fm)}---\n\n${r.body_md.trim()}\n`);
        bar.update(i + 1, `${i + 1} files`);
      }
      bar.stop();
      console.log(`${fmt(rows.length)} articles and translations written to ${dir}`);
      return 0;
    } finally {
      await t.close();
    }
  },
};

export const kbSweepCommand: Command = {
  name: 'kb sweep',
  summary: 'Publish scheduled article versions that are due and send review reminders (the worker does this every minute)',
  usage: 'switchboard kb sweep',
  async run(args) {
    parseFlags(args, {});
    const t = await dbTarget();
    try {
      const published = await t.run((ctx) => publishDueVersions(ctx));
      const reminded = await t.run((ctx) => sendReviewReminders(ctx));
      console.log(`${published.length} scheduled versions published, ${reminded.length} review reminders sent`);
      return 0;
    } finally {
      await t.close();
    }
  },
};

/** CLI commands of the kb module. */
export const KB_COMMANDS: Command[] = [kbImportCommand, kbExportCommand, kbSweepCommand];

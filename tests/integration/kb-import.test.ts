import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArticle, importFailure, type ImportItem } from '../../src/domain/kb/index.js';
import { loadContent } from '../../src/cli/commands/kb-files.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { asSystem } from './kb-helpers.js';

let t: TestApp;
let dir: string;

/** What `switchboard kb import` does per item: its own transaction, outcome or skip reason. */
async function importAll(items: ImportItem[]) {
  const out = { created: 0, updated: 0, unchanged: 0, skipped: [] as string[] };
  for (const item of items) {
    try {
      const r = await asSystem(t, (ctx) => importArticle(ctx, t.brandA.id, item));
      out[r.outcome]++;
    } catch (e) {
      out.skipped.push(`${item.origin}: ${importFailure(e)}`);
    }
  }
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  dir = await mkdtemp(path.join(os.tmpdir(), 'kb-import-'));
  await mkdir(path.join(dir, 'en'));
  await mkdir(path.join(dir, 'de'));
  await writeFile(path.join(dir, 'help-center.yaml'), 'title: Imported Help\nlocales: [en, de]\ncategories:\n  - slug: billing\n    titles: { en: Billing }\n    sections:\n      - { slug: refunds, titles: { en: Refunds } }\n');
  await writeFile(path.join(dir, 'en', 'refunds.md'), '---\ntitle: Refunds\nsection: refunds\nlabels: [refund]\n---\nAsk within **14 days**.');
  await writeFile(path.join(dir, 'en', 'twin.md'), '---\ntitle: Twin\nslug: refunds\n---\nSame slug as another file.');
  await writeFile(path.join(dir, 'en', 'broken.md'), '---\ntitle: [oops\n---\nx');
  await writeFile(path.join(dir, 'en', 'scripty.md'), '---\ntitle: Scripty\n---\n<script>steal()</script>Only this text stays.');
  await writeFile(path.join(dir, 'de', 'erstattungen.md'), '---\ntitle: Erstattungen\nsource: refunds\n---\nInnerhalb von 14 Tagen.');
  await writeFile(path.join(dir, 'de', 'orphan.md'), '---\ntitle: Waise\nsource: no-such-article\n---\nx');
});
afterAll(() => t?.close());

describe('kb import (Markdown folder, Zendesk export)', () => {
  it('imports, reports skipped items with reasons, and re-imports as unchanged', async () => {
    const content = await loadContent(dir);
    expect(content.problems.map((p) => p.origin)).toEqual([path.join('en', 'broken.md'), path.join('en', 'twin.md')]);
    expect(content.problems[0].reason).toMatch(/not valid YAML/);
    expect(content.problems[1].reason).toMatch(/duplicate: the same slug as en\/refunds.md/);
    await asSystem(t, async (ctx) => (await import('../../src/domain/kb/index.js')).applyStructure(ctx, t.brandA.id, content.structure!));
    const first = await importAll(content.items);
    expect(first).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(first.skipped).toEqual([expect.stringMatching(/orphan\.md: KB_TRANSLATION_WITHOUT_SOURCE: translation without a source/)]);
    const page = await t.app.inject({ url: '/hc/clipster/en/articles/scripty' });
    expect(page.body).toContain('Only this text stays.');
    expect(page.body).not.toContain('steal()');
    expect((await t.app.inject({ url: '/hc/clipster/de/articles/erstattungen' })).statusCode).toBe(200);
    const again = await importAll((await loadContent(dir)).items);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    await writeFile(path.join(dir, 'en', 'refunds.md'), '---\ntitle: Refunds\nsection: refunds\n---\nAsk within **30 days**.');
    const third = await importAll((await loadContent(dir)).items);
    expect(third).toMatchObject({ updated: 1, unchanged: 2 });
    const detail = await t.db.query<{ locale: string; source_version: number | null; version_number: number }>(
      `SELECT t.locale, t.source_version, t.version_number FROM kb_translations t JOIN kb_articles a ON a.id = t.article_id WHERE a.external_id = 'md:refunds' ORDER BY t.locale`);
    expect(detail).toEqual([{ locale: 'de', source_version: 1, version_number: 1 }, { locale: 'en', source_version: null, version_number: 2 }]); // de now outdated
  });

  it('Zendesk Guide export: HTML bodies sanitised, sections created, drafts skipped', async () => {
    const file = path.join(dir, 'zendesk.json');
    await writeFile(file, JSON.stringify({
      sections: [{ id: 5, name: 'Account help' }],
      articles: [
        { id: 101, title: 'Change your email', body: '<p>Go to <b>Settings</b>.</p><img src=x onerror=alert(1)>', locale: 'en-us', section_id: 5, label_names: ['account'] },
        { id: 102, title: 'Unfinished', body: '<p>x</p>', draft: true },
      ],
      translations: [{ id: 9, source_id: 101, locale: 'de', title: 'E-Mail ändern', body: '<p>Einstellungen öffnen.</p>' }],
    }));
    const content = await loadContent(file);
    expect(content.problems.map((p) => p.reason)).toEqual(['draft in Zendesk (only published articles are imported)']);
    const r = await importAll(content.items);
    expect(r).toMatchObject({ created: 2, skipped: [] });
    const html = (await t.app.inject({ url: '/hc/clipster/en/articles/change-your-email' })).body;
    expect(html).toContain('<b>Settings</b>');
    expect(html).not.toContain('onerror');
    const sec = await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM kb_sections WHERE brand_id = $1 AND titles->>'en' = 'Account help'`, [t.brandA.id]);
    expect(sec.n).toBe(1);
  });
});

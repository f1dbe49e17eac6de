import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveVersion, createArticle, publishDueVersions, publishVersion, requestChanges, restoreVersion, saveDraft, sendReviewReminders,
  submitVersion, markReviewed,
} from '../../src/domain/kb/index.js';
import { AppError } from '../../src/platform/errors.js';
import { kbReviewReminderMail } from '../../src/worker/subscribers/kb.js';
import { subscriberDispatcher } from '../helpers/dispatcher.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { captureSink } from './channels-harness.js';
import { asSystem, kbSetup, publishedArticle, publishedLocale } from './kb-helpers.js';

let t: TestApp;
let sectionId: string;
const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));

beforeAll(async () => {
  t = await createTestApp();
  ({ sectionId } = await kbSetup(t));
  await t.addUser('editor', 'supervisor');
  await t.addUser('reviewer', 'supervisor');
  await t.addUser('agent1', 'agent');
});
afterAll(() => t?.close());

describe('kb versions and approval', () => {
  it('draft → review → approve (not by the author) → publish; history keeps every version', async () => {
    const editor = t.actorOf(t.users.editor.user);
    const reviewer = t.actorOf(t.users.reviewer.user);
    const { article, version } = await t.as(editor, (ctx) => createArticle(ctx, {
      brand_id: t.brandA.id, section_id: sectionId, title: 'How to buy coins', body: '# Buying\n\nOpen the **wallet** and tap Buy.',
    }));
    expect(version.state).toBe('draft');
    expect(await code(t.as(editor, (ctx) => publishVersion(ctx, version.id)))).toBe('KB_VERSION_NOT_APPROVED');
    await t.as(editor, (ctx) => submitVersion(ctx, version.id));
    expect(await code(t.as(editor, (ctx) => approveVersion(ctx, version.id)))).toBe('KB_SELF_APPROVAL');
    expect(await code(t.as(t.actorOf(t.users.agent1.user), (ctx) => approveVersion(ctx, version.id)))).toBe('FORBIDDEN');
    const approved = await t.as(reviewer, (ctx) => approveVersion(ctx, version.id, 'Looks good'));
    expect(approved.state).toBe('approved');
    expect(approved.reviewer_id).toBe(t.users.reviewer.user.id);
    const live = await t.as(reviewer, (ctx) => publishVersion(ctx, version.id));
    expect(live.state).toBe('published');

    // v2: changes requested, then fixed, approved, published; v1 superseded
    const v2 = (await t.as(editor, (ctx) => saveDraft(ctx, article.id, { body: 'Open the wallet, tap **Buy coins**, confirm.' }))).version;
    expect(v2.number).toBe(2);
    await t.as(editor, (ctx) => submitVersion(ctx, v2.id));
    const back = await t.as(reviewer, (ctx) => requestChanges(ctx, v2.id, 'Mention the price list'));
    expect(back.state).toBe('changes_requested');
    expect(await code(t.as(reviewer, (ctx) => approveVersion(ctx, v2.id)))).toBe('KB_VERSION_STATE');
    const fixed = (await t.as(editor, (ctx) => saveDraft(ctx, article.id, { body: 'Open the wallet, tap **Buy coins**, pick a pack from the price list.' }))).version;
    expect(fixed.id).toBe(v2.id); // the open draft is edited in place
    await t.as(editor, (ctx) => submitVersion(ctx, v2.id));
    await t.as(reviewer, (ctx) => approveVersion(ctx, v2.id));
    await t.as(reviewer, (ctx) => publishVersion(ctx, v2.id));
    const states = await t.db.query<{ number: number; state: string }>('SELECT number, state FROM kb_versions WHERE article_id = $1 ORDER BY number', [article.id]);
    expect(states).toEqual([{ number: 1, state: 'superseded' }, { number: 2, state: 'published' }]);
    const tr = await t.db.one<{ body_text: string; version_number: number }>('SELECT body_text, version_number FROM kb_translations WHERE article_id = $1', [article.id]);
    expect(tr.version_number).toBe(2);
    expect(tr.body_text).toContain('price list');

    // restore v1 → a new draft (v3) with v1's content, which needs review again
    const v3 = await t.as(editor, (ctx) => restoreVersion(ctx, version.id));
    expect(v3).toMatchObject({ number: 3, state: 'draft', restored_from: 1 });
    expect(v3.body_md).toContain('tap Buy.');
    expect(await code(t.as(editor, (ctx) => restoreVersion(ctx, version.id)))).toBe('KB_DRAFT_EXISTS');
    const events = await t.db.query<{ name: string }>(`SELECT name FROM events WHERE aggregate_id = $1 ORDER BY seq`, [article.id]);
    expect(events.map((e) => e.name)).toEqual(expect.arrayContaining(['kb.article_created', 'kb.version_saved', 'kb.version_submitted', 'kb.version_approved', 'kb.version_changes_requested', 'kb.article_published', 'kb.version_restored']));
    const audit = await t.db.query('SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = $2', [article.id, 'kb.article_published']);
    expect(audit.length).toBe(2);
  });

  it('scheduled publish goes live only when the sweep runs at or after its time', async () => {
    const id = await asSystem(t, async (ctx) => {
      const { article, version } = await createArticle(ctx, { brand_id: t.brandA.id, title: 'Spring coin sale', body: 'Coins are 20% off.' });
      await submitVersion(ctx, version.id);
      await approveVersion(ctx, version.id);
      const s = await publishVersion(ctx, version.id, { publish_at: new Date(t.clock.now().getTime() + 3600_000) });
      expect(s.state).toBe('scheduled');
      return article.id;
    });
    const live = () => t.db.query('SELECT 1 FROM kb_translations WHERE article_id = $1', [id]);
    expect(await asSystem(t, (ctx) => publishDueVersions(ctx))).toEqual([]);
    expect(await live()).toHaveLength(0);
    t.clock.advance(3600_000);
    const done = await asSystem(t, (ctx) => publishDueVersions(ctx));
    expect(done.map((v) => v.article_id)).toEqual([id]);
    expect(await live()).toHaveLength(1);
    expect(await asSystem(t, (ctx) => publishDueVersions(ctx))).toEqual([]); // idempotent
  });

  it('review dates: one reminder when due, none again until reviewed', async () => {
    const id = await publishedArticle(t, { title: 'Verify me', body: 'Text.', review_interval_days: 30 });
    expect(await asSystem(t, (ctx) => sendReviewReminders(ctx))).not.toContain(id);
    t.clock.advance(31 * 86400_000);
    expect(await asSystem(t, (ctx) => sendReviewReminders(ctx))).toContain(id);
    expect(await asSystem(t, (ctx) => sendReviewReminders(ctx))).not.toContain(id);
    const a = await asSystem(t, (ctx) => markReviewed(ctx, id));
    expect(new Date(a.review_due_at!).getTime()).toBe(t.clock.now().getTime() + 30 * 86400_000);
    const ev = await t.db.query<{ payload: { owner_id: string | null } }>(`SELECT payload FROM events WHERE name = 'kb.article_review_due' AND aggregate_id = $1`, [id]);
    expect(ev).toHaveLength(1);
  });

  it('review reminders are e-mailed to the owner over SMTP; nothing for an article reviewed in the meantime', async () => {
    const sink = await captureSink(4170);
    const { mails, url } = sink;
    try {
      const owner = t.users.editor.user;
      const due = await publishedArticle(t, { title: 'Payout schedule', body: 'Payouts go out on Mondays.', review_interval_days: 7, owner_id: owner.id });
      const reviewed = await publishedArticle(t, { title: 'Coin refunds', body: 'Refunds within 14 days.', review_interval_days: 7, owner_id: owner.id });
      const { settle } = await subscriberDispatcher(t, [kbReviewReminderMail(() => url)]);
      await settle(); // earlier tests' reminders (articles without an owner) send nothing
      mails.length = 0;
      t.clock.advance(8 * 86400_000);
      expect(await asSystem(t, (ctx) => sendReviewReminders(ctx))).toEqual(expect.arrayContaining([due, reviewed]));
      await asSystem(t, (ctx) => markReviewed(ctx, reviewed)); // reviewed before the reminder went out
      await settle();
      expect(mails).toHaveLength(1);
      expect(mails[0].envelope.to).toEqual([owner.email]);
      expect(mails[0].parsed.subject).toBe('Review due: "Payout schedule"');
      expect(mails[0].parsed.text).toContain('The Help Center article "Payout schedule" (Clipster)');
      expect(mails[0].parsed.headers.get('auto-submitted')).toBe('auto-generated');
    } finally {
      await sink.close();
    }
  });

  it('translations: refused without a published source; outdated when the source changes', async () => {
    const draftOnly = await asSystem(t, (ctx) => createArticle(ctx, { brand_id: t.brandA.id, title: 'Unpublished source', body: 'x' }));
    expect(await code(asSystem(t, (ctx) => saveDraft(ctx, draftOnly.article.id, { locale: 'de', title: 'Quelle fehlt', body: 'y' })))).toBe('KB_TRANSLATION_WITHOUT_SOURCE');
    const id = await publishedArticle(t, { title: 'Change your password', body: 'Go to Settings.' });
    await publishedLocale(t, id, { locale: 'de', title: 'Passwort ändern', body: 'Öffne die Einstellungen.' });
    const tr = await t.db.one<{ source_version: number }>(`SELECT source_version FROM kb_translations WHERE article_id = $1 AND locale = 'de'`, [id]);
    expect(tr.source_version).toBe(1);
    await publishedLocale(t, id, { locale: 'en', title: 'Change your password', body: 'Go to Settings → Security.' });
    const { getArticleDetail } = await import('../../src/domain/kb/index.js');
    const detail = await asSystem(t, (ctx) => getArticleDetail(ctx, id));
    expect(detail.translations.find((x) => x.locale === 'de')?.status).toBe('outdated');
    expect(detail.translations.find((x) => x.locale === 'en')?.status).toBe('source');
    expect(detail.translations.find((x) => x.locale === 'es')?.status).toBe('missing');
  });
});

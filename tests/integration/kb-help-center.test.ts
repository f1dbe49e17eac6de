import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket, pngBytes } from '../helpers/api-helpers.js';
import { kbSetup, publishedArticle, publishedLocale } from './kb-helpers.js';
import { subscriberDispatcher } from '../helpers/dispatcher.js';
import { kbDeflection } from '../../src/worker/subscribers/kb.js';

let t: TestApp;
let sectionId: string;
let reviewer: string;
let articleId: string;
const form = { headers: { 'content-type': 'application/x-www-form-urlencoded' } };

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://help.example.com' });
  ({ sectionId } = await kbSetup(t));
  reviewer = (await t.addUser('rev', 'supervisor')).token;
  await t.addUser('agentx', 'agent');
  articleId = await publishedArticle(t, {
    section_id: sectionId, title: 'How to buy coins', slug: 'buy-coins', labels: ['coins'], is_promoted: true, description: 'Buy coins in the app.',
    body: '## Buy coins\n\nOpen **Balance** and tap *Get coins*.\n\n## Payment methods\n\nCards and PayPal.',
  });
  await publishedArticle(t, { section_id: sectionId, title: 'Coin packs and prices', slug: 'coin-packs', labels: ['coins'], body: 'Bigger packs include bonus coins.' });
});
afterAll(() => t?.close());

describe('authoring through the API', () => {
  it('create → draft → submit → approve (another editor) → publish, with sanitiser warnings', async () => {
    const created = await t.api('POST', '/api/v1/kb/articles', { brand_id: t.brandA.id, section_id: sectionId, title: 'Gift cards', body: 'Redeem <script>x()</script>the code.' });
    expect(created.statusCode, created.body).toBe(201);
    const { article, version, warnings } = created.json();
    expect(warnings).toEqual(['<script> is not allowed and was removed']);
    const sub = await t.api('POST', `/api/v1/kb/versions/${version.id}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    expectProblem(await t.api('POST', `/api/v1/kb/versions/${version.id}/approve`), 403, 'KB_SELF_APPROVAL');
    const ok = await t.api('POST', `/api/v1/kb/versions/${version.id}/approve`, { note: 'fine' }, { token: reviewer });
    expect(ok.json().state).toBe('approved');
    expect((await t.api('POST', `/api/v1/kb/versions/${version.id}/publish`, {})).json().state).toBe('published');
    const page = await t.app.inject({ url: '/hc/clipster/en/articles/gift-cards' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Redeem the code.');
    expect(page.body).not.toContain('x()');
    const detail = (await t.api('GET', `/api/v1/kb/articles/${article.id}`)).json();
    expect(detail.versions.map((v: { state: string }) => v.state)).toEqual(['published']);
    const list = (await t.api('GET', `/api/v1/kb/articles?brand_id=${t.brandA.id}&state=published`)).json().data;
    expect(list.map((a: { id: string }) => a.id)).toContain(article.id);
  });

  it('bad input: duplicate slug 409, translation without source 422, agents cannot author, bad theme colour', async () => {
    expectProblem(await t.api('POST', '/api/v1/kb/articles', { brand_id: t.brandA.id, title: 'Another', body: 'x', slug: 'buy-coins' }), 409, 'KB_SLUG_TAKEN');
    const draft = (await t.api('POST', '/api/v1/kb/articles', { brand_id: t.brandA.id, title: 'Unpublished', body: 'x' })).json();
    expectProblem(await t.api('POST', `/api/v1/kb/articles/${draft.article.id}/drafts`, { locale: 'de', title: 'Übersetzung', body: 'y' }), 422, 'KB_TRANSLATION_WITHOUT_SOURCE');
    expectProblem(await t.api('POST', '/api/v1/kb/articles', { brand_id: t.brandA.id, title: 'Agent', body: 'x' }, { token: t.users.agentx.token }), 403, 'FORBIDDEN');
    expectProblem(await t.api('POST', '/api/v1/kb/articles', { brand_id: t.brandA.id, title: 'Big', body: 'x'.repeat(200_001) }), 413, 'KB_BODY_TOO_LARGE');
    expectProblem(await t.api('POST', '/api/v1/kb/articles', { brand_id: t.brandA.id, title: 'Inline', body: '![a](data:image/png;base64,AAAA)' }), 422, 'KB_INLINE_IMAGE');
    expectProblem(await t.api('PUT', `/api/v1/kb/brands/${t.brandA.id}/settings`, { primary_color: '#ffee00' }), 422, 'KB_THEME_LOW_CONTRAST');
    expectProblem(await t.api('POST', '/api/v1/kb/articles', { brand_id: t.brandA.id, title: 'x', body: 'y', bogus: 1 }), 400, 'VALIDATION_FAILED');
  });

  it('files: images stored content-addressed and served; huge images and SVG refused', async () => {
    const up = await t.api('POST', `/api/v1/kb/files?brand_id=${t.brandA.id}&filename=shot.png`, pngBytes(3), { headers: { 'content-type': 'image/png' } });
    expect(up.statusCode, up.body).toBe(201);
    const f = up.json();
    expect(f.content_type).toBe('image/png');
    const get = await t.app.inject({ url: f.url });
    expect(get.statusCode).toBe(200);
    expect(get.headers['content-type']).toBe('image/png');
    const huge = pngBytes(4);
    huge.writeUInt32BE(6000, 16); // IHDR width
    expectProblem(await t.api('POST', `/api/v1/kb/files?brand_id=${t.brandA.id}&filename=big.png`, huge, { headers: { 'content-type': 'image/png' } }), 413, 'KB_IMAGE_TOO_LARGE');
    expectProblem(await t.api('POST', `/api/v1/kb/files?brand_id=${t.brandA.id}&filename=x.svg`, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), { headers: { 'content-type': 'image/svg+xml' } }), 422, 'KB_FILE_TYPE_NOT_ALLOWED');
  });
});

describe('public Help Center pages', () => {
  it('article page: server-rendered, SEO tags, JSON-LD, breadcrumbs, < 50 KB, strict CSP', async () => {
    const res = await t.app.inject({ url: '/hc/clipster/en/articles/buy-coins' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    const h = res.body;
    expect(Buffer.byteLength(h)).toBeLessThan(50 * 1024);
    expect(h).toContain('<title>How to buy coins – Clipster Help</title>');
    expect(h).toContain('<meta name="description" content="Buy coins in the app.">');
    expect(h).toContain('<link rel="canonical" href="https://help.example.com/hc/clipster/en/articles/buy-coins">');
    expect(h).toContain('"@type":"Article"');
    expect(h).toContain('aria-label="Breadcrumb"');
    expect(h).toContain('<h2 id="payment-methods">');
    expect(h).toContain('action="/hc/clipster/en/articles/buy-coins/vote"');
    expect(h).toContain('/hc/clipster/en/contact?article=');
    expect(h).toMatch(/Related articles[\s\S]*coin-packs/);
    expect(h.match(/<script(?![^>]*application\/ld\+json)[^>]*>/g)).toEqual(['<script src="/hc/assets/hc.js" defer>']);
  });

  it('home, category, search, search.json, sitemap', async () => {
    const home = await t.app.inject({ url: '/hc/clipster/en' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('href="/hc/clipster/en/categories/payments-and-coins"');
    expect(home.body).toContain('Popular articles');
    const cat = await t.app.inject({ url: '/hc/clipster/de/categories/payments-and-coins' });
    expect(cat.body).toContain('<h1>Zahlungen und Münzen</h1>');
    expect(cat.body).toContain('<html lang="de"');
    const s = await t.app.inject({ url: '/hc/clipster/en/search?q=coins' });
    expect(s.body).toMatch(/<mark>coins<\/mark>/i);
    expect(s.body).toContain('<meta name="robots" content="noindex">');
    const none = await t.app.inject({ url: '/hc/clipster/en/search?q=zzqqxx' });
    expect(none.body).toContain('/hc/clipster/en/contact?q=zzqqxx');
    const json = (await t.app.inject({ url: '/hc/clipster/en/search.json?q=coin' })).json();
    expect(json.hits[0].url).toMatch(/^\/hc\/clipster\/en\/articles\//);
    const logged = await t.db.query<{ query: string; results: number }>('SELECT query, results FROM kb_searches ORDER BY created_at, id');
    expect(logged).toEqual(expect.arrayContaining([{ query: 'coins', results: 2 }, { query: 'zzqqxx', results: 0 }]));
    const map = await t.app.inject({ url: '/hc/clipster/sitemap.xml' });
    expect(map.headers['content-type']).toContain('application/xml');
    expect(map.body).toContain('<loc>https://help.example.com/hc/clipster/en/articles/buy-coins</loc>');
    expect((await t.app.inject({ url: '/hc/clipster/xx' })).headers.location).toBe('/hc/clipster/en');
    expect((await t.app.inject({ url: '/hc/clipster', headers: { 'accept-language': 'de-DE,de;q=0.9' } })).headers.location).toBe('/hc/clipster/de');
    expect((await t.app.inject({ url: '/hc/no-such-brand/en' })).statusCode).toBe(404);
  });

  it('translation fallback: missing locale shows the source (marked lang), existing translation 301s to its slug; hreflang lists both', async () => {
    const fb = await t.app.inject({ url: '/hc/clipster/es/articles/buy-coins' });
    expect(fb.statusCode).toBe(200);
    expect(fb.body).toContain('<article class="hc-article" lang="en">');
    expect(fb.body).toContain('aún no está disponible en español');
    expect(fb.body).toContain('<link rel="canonical" href="https://help.example.com/hc/clipster/en/articles/buy-coins">');
    await publishedLocale(t, articleId, { locale: 'de', title: 'Münzen kaufen', slug: 'muenzen-kaufen', body: 'Öffne **Guthaben**.' });
    const r = await t.app.inject({ url: '/hc/clipster/de/articles/buy-coins' });
    expect(r.statusCode).toBe(301);
    expect(r.headers.location).toBe('/hc/clipster/de/articles/muenzen-kaufen');
    const de = await t.app.inject({ url: '/hc/clipster/de/articles/muenzen-kaufen' });
    expect(de.body).toContain('hreflang="en" href="https://help.example.com/hc/clipster/en/articles/buy-coins"');
    expect(de.body).toContain('hreflang="x-default"');
  });

  it('slug change → old slug 301 (chains flattened); circular redirects refused', async () => {
    await publishedLocale(t, articleId, { locale: 'en', title: 'How to buy coins', slug: 'buying-coins', body: 'Open Balance.' });
    await publishedLocale(t, articleId, { locale: 'en', title: 'How to buy coins', slug: 'get-coins', body: 'Open Balance.' });
    for (const old of ['buy-coins', 'buying-coins']) {
      const r = await t.app.inject({ url: `/hc/clipster/en/articles/${old}` });
      expect(r.statusCode).toBe(301);
      expect(r.headers.location).toBe('/hc/clipster/en/articles/get-coins');
    }
    expect((await t.api('POST', '/api/v1/kb/redirects', { brand_id: t.brandA.id, locale: 'en', from_slug: 'old-a', to_slug: 'old-b' })).statusCode).toBe(201);
    expect((await t.api('POST', '/api/v1/kb/redirects', { brand_id: t.brandA.id, locale: 'en', from_slug: 'old-b', to_slug: 'old-c' })).statusCode).toBe(201);
    const loop = expectProblem(await t.api('POST', '/api/v1/kb/redirects', { brand_id: t.brandA.id, locale: 'en', from_slug: 'old-c', to_slug: 'old-a' }), 422, 'KB_REDIRECT_CYCLE');
    expect(loop.detail).toContain('old-c → old-a → old-b → old-c');
    expectProblem(await t.api('POST', '/api/v1/kb/redirects', { brand_id: t.brandA.id, locale: 'en', from_slug: 'get-coins', to_slug: 'old-a' }), 409, 'KB_SLUG_TAKEN');
    expect((await t.app.inject({ url: '/hc/clipster/en/articles/old-a' })).statusCode).toBe(404);
  });

  it('votes work without JavaScript (form POST → 303), one per visitor, comment optional; bad votes are refused', async () => {
    const v = await t.app.inject({ method: 'POST', url: '/hc/clipster/en/articles/get-coins/vote', payload: 'helpful=no', ...form });
    expect(v.statusCode).toBe(303);
    expect(v.headers.location).toBe('/hc/clipster/en/articles/get-coins?voted=no#feedback');
    const cookie = String(v.headers['set-cookie']).split(';')[0];
    const c = await t.app.inject({ method: 'POST', url: '/hc/clipster/en/articles/get-coins/vote', payload: 'helpful=no&comment=Steps+are+outdated', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } });
    expect(c.statusCode).toBe(303);
    const votes = await t.db.query<{ is_helpful: boolean; comment: string | null }>('SELECT is_helpful, comment FROM kb_votes WHERE article_id = $1', [articleId]);
    expect(votes).toEqual([{ is_helpful: false, comment: 'Steps are outdated' }]);
    const bad = await t.app.inject({ method: 'POST', url: '/hc/clipster/en/articles/get-coins/vote', payload: 'helpful=maybe', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectProblem(bad, 422, 'KB_VOTE_INVALID');
    const thanks = await t.app.inject({ url: '/hc/clipster/en/articles/get-coins?voted=no' });
    expect(thanks.body).toContain('<label for="hc-comment">');
  });

  it('contact us logs the click and hands the search context to the web form', async () => {
    const r = await t.app.inject({ url: `/hc/clipster/en/contact?article=${articleId}&q=coins+missing` });
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe(`/support/new?brand=clipster&q=coins+missing&article=${articleId}`);
    const a = (await t.api('GET', `/api/v1/kb/analytics?brand_id=${t.brandA.id}`)).json();
    expect(a.totals.contact_clicks).toBe(1);
    expect(a.totals.views).toBeGreaterThan(0);
    expect(a.zero_result_queries).toEqual([{ query: 'zzqqxx', count: 1 }]);
  });
});

describe('deflection', () => {
  it('a web-form ticket sent through "contact us" from an article counts as a ticket after that article', async () => {
    const d = await subscriberDispatcher(t, [kbDeflection]);
    const r = await t.app.inject({ url: `/hc/clipster/en/contact?article=${articleId}&q=coins+missing` });
    const formPage = await t.app.inject({ url: String(r.headers.location) });
    expect(formPage.body).toContain(`<input type="hidden" name="article" value="${articleId}">`);
    const fields = { brand: 'clipster', q: 'coins missing', article: articleId, name: 'Ann Reader', email: 'ann@example.com', subject: 'Coins missing', description: 'I paid but got no coins.' };
    const post = await t.app.inject({ method: 'POST', url: '/support/new', payload: new URLSearchParams(fields).toString(), ...form });
    expect(post.statusCode, post.body).toBe(303);
    // a forged article id is ignored (not an id of this workspace's articles)
    const forged = await t.app.inject({ method: 'POST', url: '/support/new', payload: new URLSearchParams({ ...fields, article: 'kba_00000000000000000000000000', subject: 'Other' }).toString(), ...form });
    expect(forged.statusCode, forged.body).toBe(303);
    await d.settle();
    const rows = await t.db.query<{ article_id: string; query: string | null }>(`SELECT article_id, query FROM kb_contacts WHERE kind = 'ticket_created'`);
    expect(rows).toEqual([{ article_id: articleId, query: 'coins missing' }]);
    const a = (await t.api('GET', `/api/v1/kb/analytics?brand_id=${t.brandA.id}`)).json();
    expect(a.totals.tickets_after_article).toBe(1);
  });
});

describe('agents', () => {
  it('suggested articles for a ticket, from its text', async () => {
    const ticket = await newTicket(t, { subject: 'Bought coins, where are they?', body: 'I paid for a coin pack with PayPal but my balance is empty', brand_id: t.brandA.id });
    const r = await t.api('GET', `/api/v1/kb/suggestions?ticket_id=${ticket.id}`, undefined, { token: t.users.agentx.token });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().data[0].title).toMatch(/coin/i);
    expect(r.json().data[0].url).toMatch(/^\/hc\/clipster\/en\/articles\//);
  });
});

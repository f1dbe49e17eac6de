import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, launchChromium, startServer, type ServerProcess } from './harness.js';

/** Public Help Center in Chromium: browse, search, vote, switch locale; axe-core WCAG 2.2 AA on every page type. */
const PORT = 4600;
const AXE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

interface Violation { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }

/** Run axe-core (WCAG 2.0/2.1/2.2 A + AA rules) on the current page; returns the violations. */
async function axe(p: Page): Promise<Violation[]> {
  await p.evaluate(AXE);
  return p.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

const noViolations = async (p: Page, what: string) => {
  const v = await axe(p);
  expect(v, `${what}: ${JSON.stringify(v, null, 1)}`).toEqual([]);
};

beforeAll(async () => {
  // first start seeds the whole demo (≈2,000 tickets + the Help Centers); allow for a busy machine
  server = await startServer(PORT, 600_000);
  browser = await launchChromium();
  // axe is injected through DevTools; the Help Center's own CSP (script-src 'self') stays on for its scripts.
  context = await browser.newContext({ bypassCSP: true });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
}, 660_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Help Center (Chromium + axe-core)', () => {
  it('home → category → article: server-rendered, accessible', async () => {
    await page.goto(`${server.base}/hc/clipster/en`);
    await expect(page.title()).resolves.toBe('Clipster Help Center');
    await noViolations(page, 'home');
    await page.getByRole('link', { name: 'Payments and coins', exact: true }).click();
    await page.waitForURL('**/categories/payments-and-coins');
    expect(await page.locator('h1').textContent()).toBe('Payments and coins');
    await noViolations(page, 'category');
    await page.getByRole('link', { name: 'How to buy coins' }).first().click();
    await page.waitForURL('**/articles/buy-coins');
    expect(await page.locator('nav[aria-label="Breadcrumb"] li').count()).toBe(4);
    await noViolations(page, 'article');
  });

  it('search: instant results as you type, then the results page with highlights', async () => {
    await page.goto(`${server.base}/hc/clipster/en`);
    await page.fill('#hc-q', 'payout');
    await page.waitForSelector('#hc-instant a');
    expect(await page.locator('#hc-instant a').count()).toBeGreaterThan(0);
    await page.press('#hc-q', 'Enter');
    await page.waitForURL('**/search?q=payout');
    expect(await page.locator('.hc-results li').count()).toBeGreaterThan(0);
    expect(await page.locator('.hc-results mark').count()).toBeGreaterThan(0);
    await noViolations(page, 'search results');
    await page.goto(`${server.base}/hc/clipster/en/search?q=quantum+walrus`);
    expect(await page.getByRole('link', { name: 'Contact us' }).count()).toBeGreaterThan(0);
    await noViolations(page, 'search without results');
  });

  it('vote helpful (form works without JS) and leave a comment', async () => {
    await page.goto(`${server.base}/hc/clipster/en/articles/reset-password`);
    await page.getByRole('button', { name: 'No' }).click();
    await page.waitForURL('**voted=no**');
    await page.fill('#hc-comment', 'The code never arrives by SMS.');
    await noViolations(page, 'article after voting');
    await page.getByRole('button', { name: 'Send comment' }).click();
    await page.waitForURL('**commented=1**');
    expect(await page.getByRole('status').first().textContent()).toContain('Thanks');
  });

  it('switch locale: German article via the language switcher, fallback for untranslated articles', async () => {
    await page.goto(`${server.base}/hc/clipster/en/articles/buy-coins`);
    await page.getByRole('link', { name: 'Deutsch' }).click();
    await page.waitForURL('**/de/articles/muenzen-kaufen');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.locator('h1').textContent()).toBe('Münzen kaufen');
    await noViolations(page, 'German article');
    await page.goto(`${server.base}/hc/clipster/es/articles/chargebacks`);
    expect(await page.locator('article').getAttribute('lang')).toBe('en');
    await noViolations(page, 'Spanish fallback article');
    await page.goto(`${server.base}/hc/clipster/es`);
    await noViolations(page, 'Spanish home');
  });

  it('no script errors; article pages stay under 50 KB', async () => {
    const html = await (await fetch(`${server.base}/hc/clipster/en/articles/enable-two-factor`)).text();
    expect(Buffer.byteLength(html)).toBeLessThan(50 * 1024);
    expect(errors).toEqual([]);
  });
});

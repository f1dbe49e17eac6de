import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import net from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, apiSession, ensureWebBuild, launchChromium, startServer, type ServerProcess } from './harness.js';

const PORT = Number(process.env.E2E_CHAT_PORT ?? 4200); // Switchboard (E2E_CHAT_PORT: another base port, e.g. on a shared machine)
const SITE_PORT = PORT + 1; // a customer's website (another origin) that embeds the widget
const PROXY_PORT = PORT + 2; // the visitor's network path to Switchboard: we cut it to drop the connection
const ADMIN = { email: 'admin@demo.switchboard.test', password: 'switchboard-demo' };

/** A TCP proxy whose "cable" can be pulled: cut() destroys every connection and refuses new ones until restore(). */
function cable(target: number) {
  const live = new Set<net.Socket>();
  let up = true;
  const server = net.createServer((client) => {
    if (!up) return client.destroy();
    const upstream = net.connect(target, '127.0.0.1');
    live.add(client);
    live.add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      live.delete(client);
      live.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  return {
    listen: () => new Promise<void>((r) => server.listen(PROXY_PORT, '127.0.0.1', () => r())),
    cut() {
      up = false;
      for (const s of live) s.destroy();
    },
    restore() {
      up = true;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let server: ServerProcess;
let site: Server;
let proxy: ReturnType<typeof cable>;
let browser: Browser;
let visitorPage: Page;
let agentPage: Page;
let admin: Awaited<ReturnType<typeof apiSession>>;
const problems: string[] = [];

beforeAll(async () => {
  ensureWebBuild();
  server = await startServer(PORT, 600_000); // first start seeds the demo; allow for a busy machine
  admin = await apiSession(server.base, ADMIN.email, ADMIN.password);
  const brands = await admin.call<{ data: Array<{ slug: string }> }>('GET', '/api/v1/brands');
  const slug = brands.data[0].slug;
  proxy = cable(PORT);
  await proxy.listen();
  site = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.url === '/contact') {
      return res.end(`<!doctype html><html lang="en"><head><title>Contact</title></head><body><h1>Contact us</h1>
        <iframe src="${server.base}/support/new?brand=${slug}&embed=1&q=parcel%20lost" title="Contact support" width="700" height="900"></iframe></body></html>`);
    }
    res.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Acme Shop</h1>
      <script src="http://127.0.0.1:${PROXY_PORT}/widget.js" data-brand="${slug}" async></script></body></html>`);
  });
  await new Promise<void>((r) => site.listen(SITE_PORT, '127.0.0.1', () => r()));
  browser = await launchChromium();
  visitorPage = await browser.newPage();
  visitorPage.on('pageerror', (e) => problems.push(`visitor pageerror: ${e.message}`));
  agentPage = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  agentPage.on('pageerror', (e) => problems.push(`agent pageerror: ${e.message}`));
}, 660_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (site ? site.close(() => r(null)) : r(null)));
  await proxy?.close();
  await server?.stop();
});

const widgetLog = () => visitorPage.locator('[data-switchboard-chat] .log');
const confirmed = () => widgetLog().locator('.msg[data-seq]');
// Visitor and agent lines (the assistant may answer too, as 'bot' lines: allowed, but counted separately).
const humanTexts = async () =>
  (await widgetLog().locator('.msg.visitor[data-seq], .msg.agent[data-seq]').allTextContents()).map((t) => t.replace(/^(Dana Admin|Support)/, '').trim());
let ticketId = '';
let lineCount = 0;

describe('chat widget on a customer site ↔ agent in the ticket page', () => {
  it('the agent is signed in (and so online for the widget)', async () => {
    await agentPage.goto(`${server.base}/`);
    await agentPage.getByLabel('Email').fill(ADMIN.email);
    await agentPage.getByLabel('Password').fill(ADMIN.password);
    await agentPage.getByRole('button', { name: 'Sign in' }).click();
    await agentPage.getByRole('navigation', { name: 'Views' }).waitFor();
  });

  it('a visitor opens the widget on another origin and writes; a chat ticket appears', async () => {
    await visitorPage.goto(`http://127.0.0.1:${SITE_PORT}/`);
    await visitorPage.getByRole('button', { name: 'Chat with us' }).click();
    await visitorPage.getByRole('dialog', { name: 'Chat with support' }).waitFor();
    await visitorPage.getByLabel('Message').fill('Hi, my parcel never arrived');
    await visitorPage.getByLabel('Message').press('Enter');
    await confirmed().filter({ hasText: 'Hi, my parcel never arrived' }).waitFor();
    const token = await visitorPage.evaluate(() => JSON.parse(Object.entries(localStorage).find(([k]) => k.startsWith('sb_chat_'))![1]).token as string);
    const slug = (await admin.call<{ data: Array<{ slug: string }> }>('GET', '/api/v1/brands')).data[0].slug;
    const res = await fetch(`${server.base}/widget/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ brand: slug, visitor_token: token }) });
    ticketId = (await res.json()).session.ticket_id;
    expect(ticketId).toMatch(/^tkt_/);
  });

  it('the agent answers from the normal ticket page; the visitor sees it live', async () => {
    await agentPage.goto(`${server.base}/tickets/${ticketId}`);
    await agentPage.getByTestId('conversation').getByText('Hi, my parcel never arrived', { exact: true }).waitFor();
    await agentPage.getByTestId('composer-body').fill('Sorry about that! Let me check the tracking.');
    await agentPage.getByTestId('composer-send').click();
    await confirmed().filter({ hasText: 'Let me check the tracking' }).waitFor({ timeout: 15_000 });
  });

  it('survives a dropped connection: nothing lost, nothing duplicated', async () => {
    proxy.cut(); // the visitor's network goes away
    await visitorPage.getByLabel('Message').fill('Are you still there?');
    await visitorPage.getByLabel('Message').press('Enter');
    await visitorPage.getByLabel('Message').fill('Order number is 8812');
    await visitorPage.getByLabel('Message').press('Enter');
    await widgetLog().locator('.msg.pending').nth(1).waitFor(); // kept in the outbox meanwhile
    // The agent keeps writing while the visitor is away.
    await agentPage.getByTestId('composer-body').fill('Found it: the parcel is at the depot.');
    await agentPage.getByTestId('composer-send').click();
    await agentPage.getByTestId('conversation').getByText('the parcel is at the depot').waitFor();
    await new Promise((r) => setTimeout(r, 1500));
    proxy.restore();

    await confirmed().filter({ hasText: 'the parcel is at the depot' }).waitFor({ timeout: 30_000 });
    await confirmed().filter({ hasText: 'Order number is 8812' }).waitFor({ timeout: 30_000 });
    await visitorPage.waitForFunction(() => !document.querySelector('[data-switchboard-chat]')?.shadowRoot?.querySelector('.msg.pending'));
    const texts = await humanTexts();
    const expected = ['Hi, my parcel never arrived', 'Sorry about that! Let me check the tracking.', 'Are you still there?', 'Order number is 8812', 'Found it: the parcel is at the depot.'];
    expect([...texts].sort()).toEqual([...expected].sort());
    // Every line once, in order, no gap: seqs are exactly 1..n.
    const seqs = await confirmed().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    lineCount = seqs.length;

    // The agent's ticket page shows each message once, too.
    const msgs = await admin.call<{ data: Array<{ body: string; author_type: string }> }>('GET', `/api/v1/tickets/${ticketId}/messages`);
    expect(msgs.data.filter((m) => m.author_type !== 'system').map((m) => m.body).sort()).toEqual([...expected].sort());
    await agentPage.getByTestId('conversation').getByText('Order number is 8812', { exact: true }).waitFor({ timeout: 15_000 });
  });

  it('a reload resumes the same conversation without duplicates', async () => {
    await visitorPage.reload();
    await visitorPage.getByRole('button', { name: 'Chat with us' }).click();
    await confirmed().nth(lineCount - 1).waitFor();
    await new Promise((r) => setTimeout(r, 1000)); // the assistant may still be answering the last lines
    // Exactly the ticket's public messages, once each, seqs 1..n.
    const publicCount = async () => (await admin.call<{ data: Array<{ public: boolean }> }>('GET', `/api/v1/tickets/${ticketId}/messages`)).data.filter((m) => m.public).length;
    let stored = -1;
    let shown = -2;
    for (let i = 0; i < 30 && stored !== shown; i++) {
      stored = await publicCount();
      shown = await confirmed().count();
      if (stored !== shown) await new Promise((r) => setTimeout(r, 500));
    }
    expect(shown).toBe(stored);
    const seqs = await confirmed().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect([...(await humanTexts())].sort()).toEqual([
      'Hi, my parcel never arrived', 'Sorry about that! Let me check the tracking.', 'Are you still there?', 'Order number is 8812', 'Found it: the parcel is at the depot.',
    ].sort());
  });

  it('the web form works inside an iframe on the customer site (embed=1), without JavaScript', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(`http://127.0.0.1:${SITE_PORT}/contact`);
    const form = page.frameLocator('iframe[title="Contact support"]');
    await form.getByLabel('Your name').fill('Ines Iframe');
    await form.getByLabel('Email address').fill('ines@example.com');
    await form.getByLabel('Subject').fill('Parcel lost in transit');
    await form.getByLabel('How can we help?').fill('Tracking stopped a week ago.');
    await form.getByRole('button', { name: 'Send request' }).click();
    await form.getByText(/We received your request #\d+/).waitFor();
    // The plain (non-embedded) page still refuses framing.
    const plain = await fetch(`${server.base}/support/new`);
    expect(plain.headers.get('x-frame-options')).toBe('DENY');
    await page.close();
  });

  it('the web form passes axe-core (WCAG 2.x A/AA), also when it shows errors', async () => {
    const ctx = await browser.newContext({ bypassCSP: true });
    const page = await ctx.newPage();
    const axe = async () => {
      await page.evaluate(readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
      return page.evaluate(async () => {
        const w = window as unknown as { axe: { run(d: Document, o: object): Promise<{ violations: Array<{ id: string; help: string }> }> } };
        return (await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })).violations.map((v) => `${v.id}: ${v.help}`);
      });
    };
    await page.goto(`${server.base}/support/new?q=refund`);
    expect(await axe()).toEqual([]);
    // Server-side validation (the browser's own checks off, as for a client without them).
    await page.evaluate(() => document.querySelector('form')!.setAttribute('novalidate', ''));
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Please check 4 fields');
    expect(await axe()).toEqual([]);
    await ctx.close();
  });

  it('ran without page errors', () => {
    expect(problems).toEqual([]);
  });
});

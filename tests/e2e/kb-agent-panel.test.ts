import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, bearerCall, ensureWebBuild, launchChromium, startServer, type ServerProcess } from './harness.js';

/** Agents: suggested articles on a ticket, "Insert link" puts the article into the ticket's reply composer. */
const PORT = 4310;
const ADMIN = { email: 'admin@demo.switchboard.test', password: 'switchboard-demo' };

let server: ServerProcess;
let browser: Browser;
let page: Page;
let ticket: { id: string; number: number; subject: string };

beforeAll(async () => {
  ensureWebBuild();
  server = await startServer(PORT, 600_000);
  const admin = await apiSession(server.base, ADMIN.email, ADMIN.password);
  const { token } = await admin.call<{ token: string }>('POST', '/api/v1/api_tokens', { name: 'e2e-kb' });
  ticket = await bearerCall(server.base, token, 'POST', '/api/v1/tickets', {
    subject: `Bought coins but they never arrived ${Date.now()}`, body: 'I paid for a coin pack with PayPal but my coin balance is still empty.',
    requester: { email: 'kb.panel@example.com', name: 'Kim Panel' },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
}, 660_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('suggested articles on a ticket', () => {
  it('"Insert link" inserts the article link into the reply composer', async () => {
    await page.goto(`${server.base}/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await page.goto(`${server.base}/tickets/${ticket.id}`);
    const panel = page.getByRole('region', { name: 'Suggested articles' });
    const first = panel.locator('.kb-suggestions li').first();
    await first.waitFor({ timeout: 60_000 });
    const title = (await first.locator('a').first().textContent()) ?? '';
    expect(title).toMatch(/coin/i);
    await page.getByTestId('composer-body').fill('Hi Kim,');
    await first.getByRole('button', { name: 'Insert link' }).click();
    await panel.getByRole('status').filter({ hasText: 'Inserted into the reply.' }).waitFor();
    const body = await page.getByTestId('composer-body').inputValue();
    expect(body.startsWith('Hi Kim,')).toBe(true);
    expect(body).toContain(title);
    expect(body).toMatch(/\/hc\/clipster\/en\/articles\/[a-z0-9-]+/);
    // the panel's own fallback draft is not shown when the composer took the text
    expect(await panel.locator('.kb-draft').count()).toBe(0);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, bearerCall, ensureWebBuild, launchChromium, startServer, type ServerProcess } from './harness.js';

const PORT = 4310;
const ADMIN = { email: 'admin@demo.switchboard.test', password: 'switchboard-demo' };

let server: ServerProcess;
let browser: Browser;
let page: Page;
let token: string;
let ticket: { id: string; number: number; subject: string };
const TAG = `sla-e2e-${Date.now()}`;
const problems: string[] = [];

beforeAll(async () => {
  ensureWebBuild();
  server = await startServer(PORT, 420_000); // the demo seed is slow on a busy machine
  const admin = await apiSession(server.base, ADMIN.email, ADMIN.password);
  token = (await admin.call<{ token: string }>('POST', '/api/v1/api_tokens', { name: 'e2e-sla' })).token;
  ticket = await bearerCall(server.base, token, 'POST', '/api/v1/tickets', {
    subject: `SLA e2e ${Date.now()}`, body: 'Where is my payout?', requester: { email: 'sla.e2e@example.com', name: 'Sla Tester' }, priority: 'urgent', tags: [TAG],
  });
  // the worker's SLA engine applies the policy asynchronously
  const deadline = Date.now() + 30_000;
  while (!(await bearerCall<{ sla?: unknown }>(server.base, token, 'GET', `/api/v1/tickets/${ticket.id}`)).sla) {
    if (Date.now() > deadline) throw new Error('no SLA applied within 30 s');
    await new Promise((r) => setTimeout(r, 300));
  }
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (401|422)/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${server.base}/`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Views' }).waitFor();
}, 480_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('web UI: SLA badges, the SLA panel, the SLA admin pages', () => {
  it('shows the business time left as a badge in the inbox list and on the ticket page', async () => {
    await page.goto(`${server.base}/inbox/all_open?tag=${TAG}`);
    const row = page.getByTestId('ticket-table').locator('tr', { hasText: ticket.subject });
    await row.waitFor();
    const badge = row.locator('.sla-badge');
    await badge.waitFor();
    expect(await badge.textContent()).toMatch(/(\d+m|\d+h \d{2}m|\d+d \d+h) left|overdue/);
    await page.goto(`${server.base}/tickets/${ticket.id}`);
    const panel = page.locator('section.sla-panel');
    await panel.getByText('Urgent').first().waitFor();
    expect(await panel.textContent()).toContain('First reply');
    expect(await page.locator('.ticket-meta .sla-badge').textContent()).toContain('First reply');
  });

  it('lists SLA policies in order and refuses an invalid calendar with a clear message', async () => {
    await page.goto(`${server.base}/admin/sla-policies`);
    await page.getByRole('cell', { name: 'VIP customers', exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: 'Standard', exact: true }).count()).toBe(1);
    await page.goto(`${server.base}/admin/calendars`);
    await page.getByRole('cell', { name: 'Dublin support hours', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Add calendar' }).click();
    await page.getByLabel('Name').fill('Broken');
    await page.getByLabel('Time zone (IANA)').fill('Mars/Olympus');
    await page.getByLabel('Applies to').selectOption('market');
    await page.getByLabel('Country (e.g. IE)').fill('FR');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'IANA' }).waitFor();
    expect(problems).toEqual([]);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, bearerCall, ensureWebBuild, launchChromium, startServer, type ServerProcess } from './harness.js';

const PORT = 4520;
const ADMIN = { email: 'admin@demo.switchboard.test', password: 'switchboard-demo' };

let server: ServerProcess;
let browser: Browser;
let page: Page;
let token: string;
const problems: string[] = [];

beforeAll(async () => {
  ensureWebBuild();
  server = await startServer(PORT);
  const admin = await apiSession(server.base, ADMIN.email, ADMIN.password);
  token = (await admin.call<{ token: string }>('POST', '/api/v1/api_tokens', { name: 'e2e-reports' })).token;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${server.base}/`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Views' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('reports: dashboard, drill-down, CSV export', () => {
  it('opens the overview with KPIs and charts from the seeded history', async () => {
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const created = page.locator('.kpi', { hasText: 'Created' }).locator('.kpi-value');
    await created.waitFor();
    const n = Number(await created.textContent());
    // the figure on the tile equals the API's (same filters: last 30 days in the browser's zone)
    const today = new Date();
    const from = new Date(today.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
    const tz = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const api = await bearerCall<{ kpis: { created: number } }>(server.base, token, 'GET', `/api/v1/analytics/dashboard?from=${from}&to=${today.toISOString().slice(0, 10)}&tz=${encodeURIComponent(tz)}`);
    expect(n).toBe(api.kpis.created);
    expect(n).toBeGreaterThan(0);
    expect(await page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(2);
  });

  it('drills from a number to the tickets behind it, and on to a ticket', async () => {
    await page.locator('.kpi', { hasText: 'Reopened' }).getByRole('link').click();
    await page.getByRole('heading', { name: /Reopened: tickets/ }).waitFor();
    const rows = page.getByTestId('drill-table').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await rows.first().getByRole('link').first().click();
    await page.waitForURL(/\/tickets\/tkt_/);
    await page.goBack();
    await page.getByRole('link', { name: 'Back to overview' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  });

  it('pages through the tickets behind a number (cursor in the URL), and back to the first page', async () => {
    const created = Number(await page.locator('.kpi', { hasText: 'Created' }).locator('.kpi-value').textContent());
    expect(created).toBeGreaterThan(100); // the seeded month has more tickets than one page
    await page.locator('.kpi', { hasText: 'Created' }).getByRole('link').click();
    await page.getByRole('heading', { name: /Created: tickets/ }).waitFor();
    const rows = page.getByTestId('drill-table').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(100);
    const first = await rows.first().locator('td').first().textContent();
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next 100' }).click();
    await page.waitForURL(/[?&]after=/);
    await page.getByRole('link', { name: 'First page' }).waitFor();
    // the URL changes before the next page's rows arrive: wait for the table itself to change
    const firstCell = () => rows.first().locator('td').first().textContent();
    await expect.poll(firstCell, { timeout: 15_000 }).not.toBe(first);
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(Math.min(100, created - 100));
    await page.getByRole('link', { name: 'First page' }).click();
    await page.waitForURL((u) => !u.searchParams.has('after'));
    await expect.poll(firstCell, { timeout: 15_000 }).toBe(first);
    await page.getByRole('link', { name: 'Back to overview' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  });

  it('exports the breakdown table as CSV', async () => {
    await page.getByLabel('By').selectOption('team_id');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(file!, 'utf8');
    expect(text.split('\n')[0]).toContain('median_first_reply_sec');
    expect(text.trim().split('\n').length).toBeGreaterThan(1);
  });

  it('SOP versions and self-service dashboards render, and drill down to tickets and conversations', async () => {
    // activity of this run: an SOP run on a ticket the demo "initiate refund" SOP applies to, and two assistant
    // conversations (one handed off to a person); the worker turns their events into facts
    const tk = await bearerCall<{ id: string }>(server.base, token, 'POST', '/api/v1/tickets', { subject: 'Refund for a broken item', body: 'It arrived broken', requester: { email: 'e2e-sop@example.com' }, tags: ['intent:refund_initiate'] });
    await bearerCall(server.base, token, 'POST', `/api/v1/tickets/${tk.id}/sop_runs`);
    await bearerCall(server.base, token, 'POST', '/api/v1/assistant/conversations/messages', { text: 'My card never arrived and I want a human now', customer_email: 'e2e-ss@example.com' });
    await bearerCall(server.base, token, 'POST', '/api/v1/assistant/conversations/messages', { text: 'hello' });
    const tz = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const today = new Date();
    const range = `from=${new Date(today.getTime() - 29 * 86_400_000).toISOString().slice(0, 10)}&to=${today.toISOString().slice(0, 10)}&tz=${encodeURIComponent(tz)}`;
    let ready = false;
    for (let i = 0; i < 120 && !ready; i++) {
      const sv = await bearerCall<{ data: Array<{ tickets: number }> }>(server.base, token, 'GET', `/api/v1/analytics/sop-versions?${range}`);
      const ss = await bearerCall<{ kpis: { conversations: number; handed_off: number } }>(server.base, token, 'GET', `/api/v1/analytics/self-service?${range}`);
      ready = sv.data.length > 0 && ss.kpis.conversations >= 2 && ss.kpis.handed_off >= 1;
      if (!ready) await new Promise((r) => setTimeout(r, 500));
    }
    expect(ready).toBe(true);

    await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'SOP versions' }).click();
    await page.getByRole('heading', { name: 'SOP versions' }).waitFor();
    const row = page.getByTestId('sop-versions-table').locator('tbody tr', { hasText: 'Initiate refund' });
    await row.first().waitFor();
    await row.first().locator('td').nth(1).getByRole('link').click();
    await page.getByRole('heading', { name: /Created: tickets/ }).waitFor();
    await page.getByTestId('drill-table').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('drill-table').locator('tbody tr', { hasText: 'Refund for a broken item' }).count()).toBe(1);

    await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Self-service' }).click();
    await page.getByRole('heading', { name: 'Self-service' }).waitFor();
    const conversations = page.locator('.kpi', { hasText: 'Conversations' }).locator('.kpi-value');
    await conversations.waitFor();
    expect(Number(await conversations.textContent())).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(1);
    await page.locator('.kpi', { hasText: 'Handed off' }).getByRole('link').click();
    const handed = page.getByTestId('conversation-table').locator('tbody tr');
    await handed.first().waitFor();
    await handed.first().getByRole('link').click();
    await page.waitForURL(/\/tickets\/tkt_/);
    await page.goBack();
    await page.getByRole('link', { name: 'Back to self-service' }).click();
    await page.getByRole('heading', { name: 'Self-service' }).waitFor();
  });

  it('shows the forecast and runs a what-if simulation', async () => {
    await page.getByRole('link', { name: 'Forecast & staffing' }).click();
    await page.getByText(/Backtest on the last week/).waitFor({ timeout: 60_000 });
    await page.getByLabel('Agents on shift').fill('3');
    await page.getByRole('button', { name: 'Simulate' }).click();
    await page.getByTestId('whatif-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('whatif-result').textContent()).toMatch(/Predicted answered within target/);
    expect(problems).toEqual([]);
  });
});

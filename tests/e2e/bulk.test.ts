import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, apiSession, bearerCall, ensureWebBuild, launchChromium, startServer, type ServerProcess } from './harness.js';

const PORT = 3160;
const ADMIN = { email: 'admin@demo.switchboard.test', password: 'switchboard-demo' };
const SCREENSHOT = path.join(ROOT, '.tmp/bulk.png');

type T = { id: string; number: number; subject: string; status: string; priority: string; version: number };
let server: ServerProcess;
let browser: Browser;
let page: Page;
let token: string;
const problems: string[] = [];
const tag = `bulk-e2e-${Date.now()}`;
let tickets: T[];

const get = (id: string) => bearerCall<T>(server.base, token, 'GET', `/api/v1/tickets/${id}`);

beforeAll(async () => {
  ensureWebBuild();
  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  server = await startServer(PORT);
  const admin = await apiSession(server.base, ADMIN.email, ADMIN.password);
  token = (await admin.call<{ token: string }>('POST', '/api/v1/api_tokens', { name: 'e2e-bulk' })).token;
  tickets = [];
  for (const n of [1, 2]) {
    tickets.push(await bearerCall<T>(server.base, token, 'POST', '/api/v1/tickets', {
      subject: `Bulk E2E ${n} ${tag}`, body: 'Where is my order?', requester: { email: `bulk.${n}@example.com` }, tags: [tag], priority: 'normal',
    }));
  }
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // expected: the 401 of GET /api/v1/me before signing in, and the 422 of the refused bulk update
    if (m.type() === 'error' && !/status of (401|422)/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const bar = () => page.getByTestId('bulk-bar');
const selectAll = () => page.getByTestId('select-all');

describe('web UI: bulk actions in the inbox', () => {
  it('lists the two tickets in a filtered view', async () => {
    await page.goto(`${server.base}/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await page.goto(`${server.base}/inbox/all_open?tag=${tag}`);
    for (const t of tickets) await page.getByTestId('ticket-table').getByRole('link', { name: t.subject }).waitFor();
    expect(await page.getByTestId('ticket-table').locator('tbody tr').count()).toBe(2);
    expect(await bar().count()).toBe(0);
    expect(await selectAll().getAttribute('aria-checked')).toBe('false');
  });

  it('checks one row by its checkbox and the next with the keyboard (j, x)', async () => {
    const [first, second] = await page.getByTestId('ticket-table').locator('tbody tr .col-num').allTextContents();
    await page.getByLabel(`Select ticket #${first}`).check();
    await bar().waitFor();
    expect(await selectAll().getAttribute('aria-checked')).toBe('mixed');
    expect(await bar().textContent()).toContain('1 selected');
    // clicking the box did not open the ticket
    expect(new URL(page.url()).pathname).toBe('/inbox/all_open');

    await page.keyboard.press('j');
    await page.keyboard.press('x');
    expect(await page.getByLabel(`Select ticket #${second}`).isChecked()).toBe(true);
    expect(await selectAll().getAttribute('aria-checked')).toBe('true');
    expect(await bar().getByRole('button', { name: 'Apply to 2 tickets' }).isDisabled()).toBe(true);
  });

  it('shows which tickets refused a change, and that nothing was changed', async () => {
    await bar().getByLabel('Set Status').selectOption('closed'); // only solved tickets can be closed
    await bar().getByRole('button', { name: 'Apply to 2 tickets' }).click();
    const failures = page.getByTestId('bulk-failures');
    await failures.waitFor();
    const text = await failures.textContent();
    expect(text).toContain('Nothing was changed.');
    for (const t of tickets) expect(text).toContain(`#${t.number}`);
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    for (const t of tickets) expect((await get(t.id)).status).toBe('new');
  });

  it('sets the priority of both through the bulk bar', async () => {
    await bar().getByLabel('Set Status').selectOption('');
    await bar().getByLabel('Set Priority').selectOption('urgent');
    await bar().getByRole('button', { name: 'Apply to 2 tickets' }).click();
    await page.getByRole('status').filter({ hasText: 'Updated 2 tickets: priority → Urgent.' }).waitFor();
    await bar().waitFor({ state: 'detached' });
    for (const t of tickets) expect((await get(t.id)).priority).toBe('urgent');
    // the list was refreshed: both rows show the new priority
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="ticket-table"] tbody .prio-urgent').length === 2);
    expect(await selectAll().getAttribute('aria-checked')).toBe('false');
  });

  it('starts the selection over when the filters change', async () => {
    await selectAll().click();
    expect(await bar().textContent()).toContain('2 selected');
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Priority').selectOption('urgent');
    await page.waitForURL(/priority=urgent/);
    await page.getByTestId('ticket-table').locator('tbody tr').first().waitFor();
    await expect.poll(() => bar().count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => selectAll().getAttribute('aria-checked'), { timeout: 15_000 }).toBe('false');
  });

  it('ran without page errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});

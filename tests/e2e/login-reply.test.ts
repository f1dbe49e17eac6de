import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, apiSession, bearerCall, ensureWebBuild, launchChromium, startServer, type ServerProcess } from './harness.js';

const PORT = 3150;
const ADMIN = { email: 'admin@demo.switchboard.test', password: 'switchboard-demo' };
const SCREENSHOT = path.join(ROOT, '.tmp/e2e-ticket.png');

let server: ServerProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];
let ticket: { id: string; number: number; subject: string };
let otherToken: string;

beforeAll(async () => {
  ensureWebBuild();
  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  server = await startServer(PORT);
  // Setup through the API: a ticket to work on, and a second agent with a token (for the live-update check).
  const admin = await apiSession(server.base, ADMIN.email, ADMIN.password);
  const { token } = await admin.call<{ token: string }>('POST', '/api/v1/api_tokens', { name: 'e2e' });
  const subject = `E2E payout question ${Date.now()}`;
  ticket = await bearerCall(server.base, token, 'POST', '/api/v1/tickets', {
    subject, body: 'Hello,\nmy payout for March never arrived.\nThanks', requester: { email: 'e2e.customer@example.com', name: 'Erin E2E' }, tags: ['payout'],
  });
  const other = await admin.call<{ id: string }>('POST', '/api/v1/users', { email: `sam.${Date.now()}@demo.switchboard.test`, name: 'Sam Second', role: 'agent' });
  otherToken = (await admin.call<{ token: string }>('POST', '/api/v1/api_tokens', { name: 'e2e-other', user_id: other.id })).token;

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // the first GET /api/v1/me is a 401 before signing in: expected; anything else (CSP, React) is not
    if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const conversation = () => page.getByTestId('conversation');

describe('web UI: log in, open a ticket, reply, see it persisted and in the history', () => {
  it('logs in with the demo admin', async () => {
    await page.goto(`${server.base}/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();

    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    expect(await page.locator('.me').textContent()).toBe('Dana Admin');
  });

  it('finds the ticket in the "All open" view and opens it', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /All open/ }).click();
    const row = page.getByTestId('ticket-table').getByRole('link', { name: ticket.subject });
    await row.waitFor();
    await row.click();
    await page.waitForURL(`**/tickets/${ticket.id}`);
    await conversation().getByText('my payout for March never arrived.').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(ticket.subject);
  });

  it('sends a public reply that appears in the conversation', async () => {
    const reply = 'Hi Erin,\nthe payout was re-sent today. It arrives within 2 business days.';
    await page.getByTestId('composer-body').fill(reply);
    await page.getByTestId('composer-send').click();
    const sent = conversation().getByTestId('message').filter({ hasText: 'the payout was re-sent today' });
    await sent.waitFor();
    expect(await sent.getAttribute('class')).toContain('message-agent');
    expect(await sent.locator('.message-author').textContent()).toBe('Dana Admin');
    // the composer is cleared once the server accepted the reply
    expect(await page.getByTestId('composer-body').inputValue()).toBe('');
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
  });

  it('adds an internal note with the keyboard (n, Ctrl+Enter)', async () => {
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('n');
    await page.waitForFunction(() => document.activeElement?.id === 'composer-body');
    await page.keyboard.type('Checked the payout log: batch 42.');
    await page.keyboard.press('Control+Enter');
    const note = conversation().getByTestId('message').filter({ hasText: 'Checked the payout log: batch 42.' });
    await note.waitFor();
    expect(await note.getAttribute('class')).toContain('message-note');
  });

  it('still shows the reply after a reload, and History lists the reply event', async () => {
    await page.reload();
    await conversation().getByText('the payout was re-sent today', { exact: false }).waitFor();
    expect(await conversation().getByTestId('message').count()).toBe(3);

    await page.getByTestId('tab-history').click();
    const history = page.getByTestId('history');
    await history.getByText('Dana Admin added a public reply').waitFor();
    await history.getByText('Dana Admin added an internal note').waitFor();
    expect(await history.textContent()).toContain('created the ticket');
  });

  it('shows a live update when someone else changes the ticket', async () => {
    await page.getByRole('tab', { name: /Conversation/ }).click();
    await page.locator('.live-live').waitFor();
    const current = await bearerCall<{ version: number }>(server.base, otherToken, 'GET', `/api/v1/tickets/${ticket.id}`);
    await bearerCall(server.base, otherToken, 'PATCH', `/api/v1/tickets/${ticket.id}`, { priority: 'urgent', version: current.version });
    await page.getByTestId('changed-banner').waitFor();
    await page.waitForFunction(() => (document.getElementById('prop-priority') as HTMLSelectElement | null)?.value === 'urgent');
  });

  it('ran without page errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});

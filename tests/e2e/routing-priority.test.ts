import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, apiSession, bearerCall, ensureWebBuild, launchChromium, startServer, type ServerProcess } from './harness.js';

const PORT = 4400;
const ADMIN = { email: 'admin@demo.switchboard.test', password: 'switchboard-demo' };
const SHOTS = path.join(ROOT, '.tmp');

let server: ServerProcess;
let browser: Browser;
let page: Page;
let token: string;
const problems: string[] = [];

beforeAll(async () => {
  ensureWebBuild();
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer(PORT, 540_000); // the demo seed takes minutes on a loaded 2-core machine
  const admin = await apiSession(server.base, ADMIN.email, ADMIN.password);
  token = (await admin.call<{ token: string }>('POST', '/api/v1/api_tokens', { name: 'e2e-routing' })).token;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (401|409)/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('web UI: presence, priority score and why, routing admin, problem', () => {
  it('switches presence in the top bar', async () => {
    await page.goto(`${server.base}/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    const sw = page.getByLabel('Presence');
    expect(await sw.inputValue()).toBe('offline');
    await sw.selectOption('away');
    await expect.poll(async () => (await bearerCall<{ status: string }>(server.base, token, 'GET', '/api/v1/routing/presence')).status).toBe('away');
  });

  it('lists open tickets by priority score and explains a score', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Priority' }).click();
    await page.getByRole('heading', { name: 'Priority' }).waitFor();
    const first = page.locator('.score-pop').first();
    await first.locator('summary').click();
    const why = first.getByRole('group', { name: 'Why this score' });
    await why.waitFor();
    expect(await why.getByRole('rowheader', { name: 'Age' }).count()).toBe(1);
    expect(await why.getByRole('rowheader', { name: 'Score' }).count()).toBe(1);
    const api = await bearerCall<{ data: Array<{ score: number }> }>(server.base, token, 'GET', '/api/v1/priority/tickets?limit=5');
    expect(await first.locator('.score-chip').first().textContent()).toBe(String(api.data[0].score));
    await page.screenshot({ path: path.join(SHOTS, 'routing-priority.png') });
  });

  it('shows the score breakdown on the ticket page and escalates with the target team\'s required fields', async () => {
    const top = (await bearerCall<{ data: Array<{ id: string; number: number; score: number }> }>(server.base, token, 'GET', '/api/v1/priority/tickets?limit=1')).data[0];
    await page.goto(`${server.base}/tickets/${top.id}`);
    const panel = page.getByRole('region', { name: 'Priority & escalation' });
    await panel.waitFor();
    await panel.getByRole('rowheader', { name: 'Score' }).waitFor();
    await panel.getByRole('button', { name: 'Escalate…' }).click();
    const dialog = page.getByRole('dialog');
    // (the demo's VIP SLA policy may already have escalated a breached ticket to Payments automatically)
    await dialog.getByLabel('Team').selectOption({ label: 'Trust & Safety (legal)' });
    await dialog.getByLabel('Reason').fill('Customer threatens legal action');
    await dialog.getByLabel('Jurisdiction (required)').selectOption('EU');
    await dialog.getByRole('button', { name: 'Escalate' }).click();
    await dialog.waitFor({ state: 'detached' });
    await panel.locator('.escalation-item', { hasText: 'Customer threatens legal action' }).waitFor();
    const esc = await bearerCall<{ data: Array<{ reason: string; fields: Record<string, unknown>; status: string; team_name: string }> }>(server.base, token, 'GET', `/api/v1/escalations?ticket_id=${top.id}`);
    expect(esc.data.find((e) => e.reason === 'Customer threatens legal action')).toMatchObject({ status: 'open', team_name: 'Trust & Safety', fields: { jurisdiction: 'EU' } });
    await page.screenshot({ path: path.join(SHOTS, 'routing-ticket.png') });
  });

  it('shows routing settings and the demo incident', async () => {
    await page.goto(`${server.base}/admin/routing`);
    await page.getByRole('heading', { name: 'Routing', level: 1 }).waitFor();
    expect(await page.getByLabel('Routing method for Payments').inputValue()).toBe('least_loaded');
    await page.screenshot({ path: path.join(SHOTS, 'routing-admin.png') });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Problems' }).click();
    await page.getByRole('link', { name: /Payout batch delayed/ }).click();
    await page.getByRole('heading', { name: /Linked tickets/ }).waitFor();
    expect(await page.getByText('PAY-311').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});

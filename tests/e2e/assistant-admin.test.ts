import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, ensureWebBuild, launchChromium, startServer, type ServerProcess } from './harness.js';

/**
 * The assistant's admin page in Chromium: intents and examples, a new model version trained from the page,
 * rollback to the previous version, a conversation test run (0 unsafe actions), containment per intent.
 */
const PORT = 4350;
const ADMIN = { email: 'admin@demo.switchboard.test', password: 'switchboard-demo' };

let server: ServerProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];
type Session = Awaited<ReturnType<typeof apiSession>>;
let admin: Session;

async function waitForActive(s: Session, version: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await s.call<{ data: Array<{ version: number; status: string; is_active: boolean }> }>('GET', '/api/v1/assistant/models');
    if (data.some((m) => m.version === version && m.is_active)) return;
    if (data.some((m) => m.version === version && m.status === 'failed')) throw new Error(`version ${version} failed to train`);
    if (Date.now() > deadline) throw new Error(`version ${version} not active: ${JSON.stringify(data)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

beforeAll(async () => {
  ensureWebBuild();
  server = await startServer(PORT, 480_000);
  admin = await apiSession(server.base, ADMIN.email, ADMIN.password);
  // the demo seed queues version 1; the worker trains it in the background
  await waitForActive(admin, 1, 300_000);
  // one conversation (a question, then "a human please") so containment has a row to show
  for (const text of ['When will my new card arrive?', 'I want to talk to a human please']) {
    await admin.call('POST', '/api/v1/assistant/conversations/messages', { text, external_ref: 'e2e-assistant-1', customer_email: 'e2e.assistant@example.com' });
  }
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 500) problems.push(`${r.status()} ${r.url()}`); });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('web UI: assistant admin page', () => {
  it('signs in as an admin and lists the intents with their examples', async () => {
    await page.goto(`${server.base}/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await page.goto(`${server.base}/admin/assistant`);
    const intents = page.getByTestId('assistant-intents');
    await intents.waitFor();
    const row = intents.locator('tr', { hasText: 'request_refund' });
    expect(await row.count()).toBe(1);
    await row.getByRole('button', { name: 'Examples' }).click();
    await page.getByTestId('assistant-examples').locator('li').first().waitFor();
    expect(await page.getByTestId('assistant-examples').locator('li').count()).toBeGreaterThan(3);
  });

  it('adds an example, trains version 2 from the page, and rolls back to version 1', async () => {
    await page.getByLabel('Intent', { exact: true }).fill('request_refund');
    await page.getByLabel('Example question').fill('I was charged for coins I never wanted, please give the money back');
    await page.getByRole('button', { name: 'Add example' }).click();
    await page.getByText('Added: used by the next version.').waitFor();
    await page.getByRole('button', { name: 'Train a new version' }).click();
    const models = page.getByTestId('assistant-models');
    // the page polls while the version trains; version 2 becomes the active one
    await models.locator('tr[data-version="2"]', { hasText: 'active' }).waitFor({ timeout: 300_000 });
    await models.locator('tr[data-version="1"]').getByRole('button', { name: 'Activate v1' }).click();
    await models.locator('tr[data-version="1"]', { hasText: 'active' }).waitFor();
    expect(await models.locator('tr[data-version="2"]').getByRole('button', { name: 'Activate v2' }).count()).toBe(1);
    const { data } = await admin.call<{ data: Array<{ version: number; is_active: boolean }> }>('GET', '/api/v1/assistant/models');
    expect(data.filter((m) => m.is_active).map((m) => m.version)).toEqual([1]);
  }, 360_000);

  it('runs the conversation tests: every script passes, no unsafe action', async () => {
    await page.getByRole('button', { name: 'Run conversation tests' }).click();
    const run = page.getByTestId('assistant-test-run');
    await run.waitFor({ timeout: 120_000 });
    const summary = (await run.locator('p').textContent()) ?? '';
    expect(summary).toMatch(/^(\d+) scripts: \1 passed, 0 failed, 0 unsafe actions/);
    expect(Number(summary.split(' ')[0])).toBeGreaterThanOrEqual(30);
  }, 180_000);

  it('shows containment per intent, SOP and language', async () => {
    const c = page.getByTestId('assistant-containment');
    await c.waitFor();
    expect(await c.textContent()).toContain('1 handed off');
    const m = await admin.call<{ by_intent: Array<{ key: string; handed_off: number }> }>('GET', '/api/v1/assistant/metrics');
    expect(m.by_intent).toEqual([expect.objectContaining({ handed_off: 1 })]);
    expect(m.by_intent[0].key).not.toBe('(none)'); // the question was classified before the hand-off
    expect(await page.getByTestId('assistant-by-intent').textContent()).toContain(m.by_intent[0].key);
    expect(await page.getByTestId('assistant-by-language').textContent()).toContain('en');
    await page.getByTestId('assistant-by-sop').waitFor();
    expect(problems).toEqual([]);
  });
});

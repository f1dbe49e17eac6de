import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIDGET_FILE } from '../../src/server/routes/chat-widget.js';
import { startChatNode, type ChatNode } from './chat-kit.js';

let node: ChatNode;

beforeAll(async () => {
  node = await startChatNode({ WEB_FORM_MAX_PER_HOUR: '3' });
}, 120_000);

afterAll(async () => {
  await node?.close();
});

function form(fields: Record<string, string>, files: Array<{ name: string; type: string; bytes: Buffer }> = []): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const file of files) f.append('attachments', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return f;
}

const submit = (body: FormData | URLSearchParams, ip?: string) =>
  fetch(`${node.url}/support/new`, { method: 'POST', body, redirect: 'manual', headers: ip ? { 'x-forwarded-for': ip } : {} });

const valid = (extra: Record<string, string> = {}) => ({
  brand: node.t.brandA.slug, name: 'Frida Form', email: 'frida@example.com', subject: 'Cannot download invoice', description: 'The invoice link gives a 404.', ...extra,
});

describe('web form at /support/new', () => {
  it('renders an accessible, script-free form for the brand, carrying the Help Center search', async () => {
    await node.t.api('PATCH', `/api/v1/chat/settings/${node.t.brandA.id}`, { form_categories: ['Billing', 'Technical problem'] });
    const res = await fetch(`${node.url}/support/new?brand=${node.t.brandA.slug}&q=${encodeURIComponent('invoice <404>')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Contact Clipster support');
    expect(html).not.toMatch(/<script/i);
    for (const name of ['name', 'email', 'subject', 'description', 'category', 'attachments']) {
      expect(html, name).toMatch(new RegExp(`<label for="f-${name}">`));
      expect(html, name).toMatch(new RegExp(`id="f-${name}" name="${name}"`));
    }
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('<option>Technical problem</option>');
    expect(html).toContain('value="invoice &lt;404&gt;"'); // escaped, never markup
    expect(html).toMatch(/class="hp" aria-hidden="true"/);
    const unknown = await fetch(`${node.url}/support/new?brand=nope`);
    expect(unknown.status).toBe(404);
  });

  it('creates a web ticket with attachments, category and search context', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    const res = await submit(form({ ...valid(), category: 'Billing', q: 'invoice 404' }, [{ name: 'invoice.pdf', type: 'application/pdf', bytes: pdf }]));
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/support\/new\/thanks\?brand=clipster&n=\d+$/);
    const thanks = await (await fetch(`${node.url}${location}`)).text();
    const number = Number(new URL(location, node.url).searchParams.get('n'));
    expect(thanks).toContain(`#${number}`);

    const found = (await node.t.api('GET', '/api/v1/tickets?limit=100')).json().data;
    const ticket = found.find((t: { number: number }) => t.number === number);
    expect(ticket).toMatchObject({ channel: 'web', subject: 'Cannot download invoice', brand_id: node.t.brandA.id });
    expect(ticket.tags).toEqual(expect.arrayContaining(['web_form', 'category_billing']));
    const msgs = (await node.t.api('GET', `/api/v1/tickets/${ticket.id}/messages`)).json().data;
    expect(msgs[0]).toMatchObject({ body: 'The invoice link gives a 404.', author_type: 'customer' });
    expect(msgs[0].attachments.map((a: { filename: string; content_type: string }) => [a.filename, a.content_type])).toEqual([['invoice.pdf', 'application/pdf']]);
    const ctx = (await node.t.api('GET', `/api/v1/chat/tickets/${ticket.id}/context`)).json();
    expect(ctx).toMatchObject({ chat: null, web_form: { category: 'Billing', search_context: 'invoice 404' } });
  });

  it('shows every field problem at once, keeps the values, and stores nothing', async () => {
    const before = (await node.t.api('GET', '/api/v1/tickets?limit=100')).json().data.length;
    const res = await submit(form({ brand: node.t.brandA.slug, name: '', email: 'not-mail', subject: 'Kept subject', description: '', category: 'Made up' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('Please check 4 fields');
    expect(html).toMatch(/id="f-email" name="email" aria-invalid="true" aria-describedby="email-hint email-error"/);
    expect(html).toContain('href="#f-description"');
    expect(html).toContain('value="Kept subject"');
    expect((await node.t.api('GET', '/api/v1/tickets?limit=100')).json().data.length).toBe(before);
  });

  it('drops honeypot submissions silently (looks like success) and rate limits per client IP', async () => {
    const before = (await node.t.api('GET', '/api/v1/tickets?limit=100')).json().data.length;
    const bot = await submit(form({ ...valid({ subject: 'Cheap pills' }), website: 'http://spam.example' }));
    expect(bot.status).toBe(303);
    expect(bot.headers.get('location')).not.toContain('&n=');
    expect((await node.t.api('GET', '/api/v1/tickets?limit=100')).json().data.length).toBe(before);
    // Limit 3 per hour per IP (this file already filed one ticket from 127.0.0.1); urlencoded bodies work too.
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await submit(new URLSearchParams(valid({ subject: `Limit ${i}` })))).status);
    expect(codes).toEqual([303, 303, 429]);
  });

  it('refuses oversize attachments and unreadable bodies with a page, not a crash', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 1);
    const res = await submit(form(valid(), [{ name: 'big.bin', type: 'application/octet-stream', bytes: big }]));
    expect([413, 422]).toContain(res.status);
    const garbage = await fetch(`${node.url}/support/new`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zzz' }, body: 'this is not multipart' });
    expect(garbage.status).toBeGreaterThanOrEqual(400);
    expect(garbage.status).toBeLessThan(500);
  });
});

describe('/widget.js', () => {
  it('is served small (≤ 50 KB gzipped), cacheable and cross-origin', async () => {
    execSync('node scripts/build-widget.mjs', { stdio: 'ignore' });
    const res = await fetch(`${node.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(readFileSync(WIDGET_FILE))).toBe(true);
    expect(gzipSync(body).length).toBeLessThanOrEqual(50 * 1024);
    const again = await fetch(`${node.url}/widget.js`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket } from '../helpers/api-helpers.js';
import type { Wire } from '../helpers/api-helpers.js';

let t: TestApp;
let tk: Record<string, Wire>;
beforeAll(async () => {
  t = await createTestApp();
  tk = {
    refund: await newTicket(t, { subject: 'Refund for order 17', body: 'Please send the money back.' }),
    body: await newTicket(t, { subject: 'Question', body: 'I asked for a refund last week and heard nothing.' }),
    login: await newTicket(t, { subject: 'Cannot log in', body: 'The app says my password is wrong.' }),
    xss: await newTicket(t, { subject: 'Weird text', body: 'Hello <script>alert(1)</script> chargeback & <b>bold</b> claim' }),
    bank: await newTicket(t, { subject: 'Payout delayed to bank', body: 'Bank transfer pending.' }),
    card: await newTicket(t, { subject: 'Payout delayed to card', body: 'Card transfer pending.' }),
    market: await newTicket(t, { subject: 'Marketplace refund', body: 'Creator wants a refund.', brand_id: t.brandB.id }),
  };
  // an internal note is searchable for agents too
  await t.api('POST', `/api/v1/tickets/${tk.login.id}/messages`, { body: 'Escalated to identity verification', public: false });
});
afterAll(async () => t?.close());

async function search(q: string, token?: string) {
  const res = await t.api('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, undefined, token ? { token } : {});
  expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
  return res.json().data as Wire[];
}
const names = (hits: Wire[]) => hits.map((h) => Object.keys(tk).find((k) => tk[k].id === h.ticket_id) ?? h.ticket_id).sort();

describe('GET /api/v1/search', () => {
  it('finds by subject and by message body, with English stemming', async () => {
    expect(names(await search('refunds'))).toEqual(['body', 'market', 'refund']);
    expect(names(await search('money'))).toEqual(['refund']);
    expect(names(await search('verification'))).toEqual(['login']); // internal note
    const [hit] = await search('password');
    expect(hit).toMatchObject({ ticket_id: tk.login.id, number: tk.login.number, subject: 'Cannot log in', status: 'new', matched_in: 'message' });
    expect(hit.rank).toBeGreaterThan(0);
    expect((await search('order'))[0]).toMatchObject({ ticket_id: tk.refund.id, matched_in: 'subject' });
  });

  it('ranks subject matches above body-only matches', async () => {
    const hits = await search('refund');
    expect(hits[0].ticket_id).not.toBe(tk.body.id);
    expect(hits.findIndex((h) => h.ticket_id === tk.refund.id)).toBeLessThan(hits.findIndex((h) => h.ticket_id === tk.body.id));
  });

  it('finds a ticket by #number', async () => {
    const hits = await search(`#${tk.card.number}`);
    expect(hits[0].ticket_id).toBe(tk.card.id);
    expect((await search(String(tk.bank.number)))[0].ticket_id).toBe(tk.bank.id);
  });

  it('escapes HTML in snippets; <mark> is the only markup', async () => {
    const hits = await search('chargeback');
    expect(hits.map((h) => h.ticket_id)).toEqual([tk.xss.id]);
    const s: string = hits[0].snippet;
    expect(s).toContain('<mark>chargeback</mark>');
    expect(s).toContain('&lt;script&gt;');
    expect(s).not.toContain('<script');
    expect(s.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    for (const h of await search('pending')) expect(h.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('supports web-search syntax: phrases, exclusion, or', async () => {
    expect(names(await search('payout -card'))).toEqual(['bank']);
    expect(names(await search('"delayed to card"'))).toEqual(['card']);
    expect(names(await search('"card delayed"'))).toEqual([]);
    expect(names(await search('password or bank'))).toEqual(['bank', 'login']);
    expect(names(await search('payout delayed'))).toEqual(['bank', 'card']);
  });

  it('never fails on odd input', async () => {
    for (const q of [`'":*&|!()<>`, '!', '&&', '(((', ':*', '<->', 'a:*', '\\', "o'brien", '-', '"', 'or', '   -x   ', '%', '🙂 refund', 'ÄÖÜ', '#', '#99999999999999']) {
      const res = await t.api('GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
      expect(Array.isArray(res.json().data)).toBe(true);
    }
  });

  it('requires a query: empty → 422 QUERY_REQUIRED, missing → 400, too long → 400', async () => {
    expectProblem(await t.api('GET', '/api/v1/search?q='), 422, 'QUERY_REQUIRED');
    expectProblem(await t.api('GET', '/api/v1/search?q=%20%20'), 422, 'QUERY_REQUIRED');
    expectProblem(await t.api('GET', '/api/v1/search'), 400, 'VALIDATION_FAILED');
    expectProblem(await t.api('GET', `/api/v1/search?q=${'a'.repeat(501)}`), 400, 'VALIDATION_FAILED');
    expectProblem(await t.api('GET', '/api/v1/search?q=x&limit=0'), 400, 'VALIDATION_FAILED');
  });

  it('respects limit', async () => {
    expect(await search('refund')).toHaveLength(3);
    const res = await t.api('GET', '/api/v1/search?q=refund&limit=2');
    expect(res.json().data).toHaveLength(2);
  });

  it('only finds what the actor may see (brands, shares)', async () => {
    const brandA = await t.addUser('clipster-agent', 'agent', { brandIds: [t.brandA.id] });
    const brandB = await t.addUser('market-agent', 'agent', { brandIds: [t.brandB.id] });
    expect(names(await search('refund', brandA.token))).toEqual(['body', 'refund']);
    expect(names(await search('refund', brandB.token))).toEqual(['market']);
    expect(await search(`#${tk.market.number}`, brandA.token)).toEqual([]);
    const legal = await t.addUser('legal', 'collaborator');
    expect(await search('refund', legal.token)).toEqual([]);
    expect((await t.api('POST', `/api/v1/tickets/${tk.body.id}/shares`, { user_id: legal.user.id })).statusCode).toBe(204);
    expect(names(await search('refund', legal.token))).toEqual(['body']);
  });
});

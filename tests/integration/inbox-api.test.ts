import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../src/platform/db/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { newTicket, patchTicket, type Wire } from '../helpers/api-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function get(url: string, token?: string): Promise<Wire> {
  const res = await t.api('GET', url, undefined, token === undefined ? {} : { token });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
}

/** Count the SQL statements the app runs inside its transactions while `fn` runs. */
async function countStatements(fn: () => Promise<unknown>): Promise<number> {
  const db = t.db;
  const original = db.transaction;
  let n = 0;
  const counted = (tx: Tx): Tx => ({
    query: (sql, params) => (n++, tx.query(sql, params)),
    one: (sql, params) => (n++, tx.one(sql, params)),
    maybeOne: (sql, params) => (n++, tx.maybeOne(sql, params)),
    exec: (sql) => (n++, tx.exec(sql)),
  });
  db.transaction = ((cb: (tx: Tx) => Promise<unknown>) => original.call(db, (tx: Tx) => cb(counted(tx)))) as typeof db.transaction;
  try {
    await fn();
  } finally {
    db.transaction = original;
  }
  return n;
}

describe('embedded requester', () => {
  it('is in every ticket of the list and in search hits — with the primary email', async () => {
    const tk = await newTicket(t, { subject: 'Embedded requester quokka', requester: { email: 'Quinn.Q@Example.com', name: 'Quinn Quokka' } });
    const expected = { id: tk.requester_id, name: 'Quinn Quokka', email: 'quinn.q@example.com' };

    const list = await get(`/api/v1/tickets?requester_id=${tk.requester_id}`);
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({ id: tk.id, requester_id: tk.requester_id, requester: expected });
    const hits = (await get(`/api/v1/search?q=${encodeURIComponent('quokka')}`)).data as Wire[];
    expect(hits.map((h) => h.ticket_id)).toEqual([tk.id]);
    expect(hits[0]).toMatchObject({ requester_id: tk.requester_id, requester: expected });
    // a customer's ticket list embeds it too
    expect((await get(`/api/v1/customers/${tk.requester_id}/tickets`)).data[0].requester).toEqual(expected);

    // a second email made primary is the one shown
    const added = await t.api('POST', `/api/v1/customers/${tk.requester_id}/identities`, { kind: 'email', value: 'quinn@work.example', is_primary: true });
    expect(added.statusCode, added.body).toBe(201);
    const [row] = (await get(`/api/v1/tickets?requester_id=${tk.requester_id}`)).data;
    expect(row.requester).toEqual({ ...expected, email: 'quinn@work.example' });
  });

  it('has email null for a requester without any email', async () => {
    const tk = await newTicket(t, { subject: 'Phone only', requester: { email: 'soon.gone@example.com', name: 'Pat Phone' } });
    const phone = await t.api('POST', `/api/v1/customers/${tk.requester_id}/identities`, { kind: 'phone', value: '+49 30 1234567' });
    expect(phone.statusCode, phone.body).toBe(201);
    const customer = await get(`/api/v1/customers/${tk.requester_id}`);
    const email = (customer.identities as Wire[]).find((i) => i.kind === 'email')!;
    expect((await t.api('DELETE', `/api/v1/customers/${tk.requester_id}/identities/${email.id}`)).statusCode).toBe(204);
    const [row] = (await get(`/api/v1/tickets?requester_id=${tk.requester_id}`)).data;
    expect(row.requester).toEqual({ id: tk.requester_id, name: 'Pat Phone', email: null });
  });

  it('serves a page of 50 tickets from 50 requesters, each with its own requester, in as many statements as one requester', async () => {
    const agent = await t.addUser('fifty', 'agent');
    const emails = new Map<string, string>();
    for (let i = 0; i < 50; i++) {
      const tk = await newTicket(t, { subject: `Fifty ${i}`, tags: ['fifty'], requester: { email: `fifty.${i}@example.com`, name: `Fifty ${i}` }, assignee_id: agent.user.id });
      emails.set(tk.id, `fifty.${i}@example.com`);
    }
    const one = await newTicket(t, { subject: 'Solo', tags: ['solo'], requester: { email: 'solo@example.com' } });
    for (let i = 0; i < 49; i++) await newTicket(t, { subject: `Solo ${i}`, tags: ['solo'], requester: { email: 'solo@example.com' } });

    let page: Wire = {};
    const many = await countStatements(async () => {
      page = await get('/api/v1/tickets?tag=fifty&limit=50');
    });
    expect(page.data).toHaveLength(50);
    for (const row of page.data as Wire[]) {
      expect(row.requester.email).toBe(emails.get(row.id));
      expect(row.requester).toEqual({ id: row.requester_id, name: row.subject, email: emails.get(row.id) });
    }
    let solo: Wire = {};
    const single = await countStatements(async () => {
      solo = await get('/api/v1/tickets?tag=solo&limit=50');
    });
    expect(solo.data).toHaveLength(50);
    expect(new Set((solo.data as Wire[]).map((r) => r.requester.id))).toEqual(new Set([one.requester_id]));
    expect(many).toBe(single);
    expect(many).toBeGreaterThan(0);

    // search hits too: 50 requesters, one page
    const hits = (await get('/api/v1/search?q=fifty&limit=50')).data as Wire[];
    expect(hits).toHaveLength(50);
    for (const h of hits) expect(h.requester).toEqual({ id: h.requester_id, name: h.subject, email: emails.get(h.ticket_id) });
  });
});

describe('GET /api/v1/tickets/counts per team', () => {
  it('counts open tickets per team in the actor’s scope', async () => {
    const team = async (name: string) => {
      const res = await t.api('POST', '/api/v1/teams', { name });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const [red, blue, gray] = [await team('Red'), await team('Blue'), await team('Gray')];
    const open = async (team_id: string, brand_id: string, status?: string) => {
      const tk = await newTicket(t, { team_id, brand_id });
      if (status) await patchTicket(t, tk.id, { status });
    };
    // Red: brand A new, open, pending, on hold (4 open) + solved; brand B new → 5 open for admins, 4 for brand A.
    await open(red, t.brandA.id);
    await open(red, t.brandA.id, 'open');
    await open(red, t.brandA.id, 'pending');
    await open(red, t.brandA.id, 'on_hold');
    await open(red, t.brandA.id, 'solved');
    await open(red, t.brandB.id);
    // Blue: brand B only → invisible to the brand A agent.
    await open(blue, t.brandB.id, 'open');
    await open(blue, t.brandB.id);
    // Gray: nothing open.
    await open(gray, t.brandA.id, 'solved');

    const all = await get('/api/v1/tickets/counts');
    expect(all.teams[red]).toBe(5);
    expect(all.teams[blue]).toBe(2);
    expect(all.teams).not.toHaveProperty(gray);
    expect(all).toMatchObject({ mine: expect.any(Number), unassigned: expect.any(Number), all_open: expect.any(Number), solved: expect.any(Number) });

    const scoped = await t.addUser('brand-a-counter', 'agent', { brandIds: [t.brandA.id] });
    const mine = await get('/api/v1/tickets/counts', scoped.token);
    expect(mine.teams[red]).toBe(4);
    expect(mine.teams).not.toHaveProperty(blue);
    expect(mine.teams).not.toHaveProperty(gray);

    // the team counts agree with the team list the sidebar opens
    for (const [token, counts] of [[undefined, all], [scoped.token, mine]] as const) {
      for (const id of [red, blue]) {
        const listed = await get(`/api/v1/tickets?team_id=${id}&status=new,open,pending,on_hold&limit=100`, token);
        expect(counts.teams[id] ?? 0).toBe(listed.data.length);
      }
    }
    // brand B holds only this test's tickets, all with a team: the per-team counts add up to all_open
    const brandB = await t.addUser('brand-b-counter', 'agent', { brandIds: [t.brandB.id] });
    const b = await get('/api/v1/tickets/counts', brandB.token);
    expect(b.teams).toEqual({ [red]: 1, [blue]: 2 });
    expect(b.all_open).toBe(3);
  });
});

describe('OpenAPI', () => {
  it('documents the embedded requester and the team counts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json() as Wire;
    const schemas = spec.components.schemas as Record<string, Wire>;
    expect(schemas.TicketListItem.required).toContain('requester');
    expect(schemas.SearchHit.required).toContain('requester');
    expect(schemas.Ticket.required).not.toContain('requester');
    expect(schemas.TicketCounts.required).toContain('teams');
  });
});

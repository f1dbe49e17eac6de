import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { auditActions, newCustomer } from '../helpers/api-helpers.js';

let t: TestApp;
let analyst: string;
let collaborator: string;
let agentA: string;

beforeAll(async () => {
  t = await createTestApp();
  analyst = (await t.addUser('ana', 'analyst')).token;
  collaborator = (await t.addUser('col', 'collaborator')).token;
  agentA = (await t.addUser('aga', 'agent', { brandIds: [t.brandA.id] })).token;
});
afterAll(async () => t?.close());

const TABLES = ['customers', 'customer_identities', 'organizations', 'events', 'audit_log'] as const;
async function rowCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = (await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).n;
  return out;
}



describe('customers CRUD', () => {
  it('creates a customer with normalised profile and identities', async () => {
    const res = await t.api('POST', '/api/v1/customers', {
      name: '  María   López ', email: 'Maria.Lopez@Example.COM', emails: ['m.lopez@other.test', 'MARIA.LOPEZ@example.com'],
      phone: '+34 600 123 456', external_id: 'crm-1', locale: 'es-es', country: 'es', time_zone: 'europe/madrid', tier: 'VIP', notes: ' Prefers email ',
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.id).toMatch(/^cus_/);
    expect(res.headers.location).toBe(`/api/v1/customers/${c.id}`);
    expect(c).toMatchObject({
      name: 'María López', email: 'maria.lopez@example.com', locale: 'es-ES', country: 'ES', time_zone: 'Europe/Madrid', tier: 'vip',
      notes: 'Prefers email', organization_id: null, organization_name: null,
      ticket_counts: { new: 0, open: 0, pending: 0, on_hold: 0, solved: 0, closed: 0, total: 0 },
    });
    const idents = c.identities.map((i: { kind: string; value: string; is_primary: boolean }) => [i.kind, i.value, i.is_primary]);
    expect(idents).toHaveLength(4);
    expect(idents).toEqual(expect.arrayContaining([
      ['email', 'maria.lopez@example.com', true], ['email', 'm.lopez@other.test', false], ['phone', '+34600123456', true], ['external_id', 'crm-1', true],
    ]));

    const got = await t.api('GET', `/api/v1/customers/${c.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(c);
  });

  it('derives a name from the email and updates the profile', async () => {
    const c = await newCustomer(t, { email: 'jonas.berg@nordic.test' });
    expect(c.name).toBe('Jonas Berg');
    expect(c.tier).toBe('standard');
    t.clock.advance(60_000);
    const res = await t.api('PATCH', `/api/v1/customers/${c.id}`, { name: 'Jonas Bergström', country: 'se', time_zone: 'Europe/Stockholm', locale: 'sv', tier: 'gold' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Jonas Bergström', country: 'SE', time_zone: 'Europe/Stockholm', locale: 'sv', tier: 'gold', email: 'jonas.berg@nordic.test' });
    expect(res.json().updated_at > c.updated_at).toBe(true);
    // clearing nullable fields
    const cleared = await t.api('PATCH', `/api/v1/customers/${c.id}`, { country: null, time_zone: '' });
    expect(cleared.json()).toMatchObject({ country: null, time_zone: null, locale: 'sv' });
    // a no-op PATCH writes no event
    const before = await rowCounts();
    const same = await t.api('PATCH', `/api/v1/customers/${c.id}`, { tier: 'GOLD', locale: 'sv' });
    expect(same.statusCode).toBe(200);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers 404 with a stable code for unknown customers', async () => {
    const res = await t.api('GET', '/api/v1/customers/cus_nope');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('CUSTOMER_NOT_FOUND');
    expect((await t.api('PATCH', '/api/v1/customers/cus_nope', { tier: 'vip' })).json().code).toBe('CUSTOMER_NOT_FOUND');
  });

  it('replays a POST with the same Idempotency-Key instead of creating twice', async () => {
    const body = { email: 'idem@once.test' };
    const headers = { 'idempotency-key': 'cust-create-1' };
    const a = await t.api('POST', '/api/v1/customers', body, { headers });
    const b = await t.api('POST', '/api/v1/customers', body, { headers });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().id).toBe(a.json().id);
    expect((await t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM customer_identities WHERE value = 'idem@once.test'")).n).toBe(1);
  });
});

describe('identities', () => {
  it('finds the same customer from a ticket whatever the email case', async () => {
    const c = await newCustomer(t, { name: 'Sam Shop', email: 'Sam@Shop.test' });
    const tk = await t.api('POST', '/api/v1/tickets', { subject: 'Refund', body: 'Please refund', requester: { email: 'SAM@shop.TEST' } });
    expect(tk.statusCode, tk.body).toBe(201);
    expect(tk.json().requester_id).toBe(c.id);
    const got = (await t.api('GET', `/api/v1/customers/${c.id}`)).json();
    expect(got.ticket_counts).toMatchObject({ new: 1, total: 1 });
    const list = (await t.api('GET', `/api/v1/customers/${c.id}/tickets`)).json();
    expect(list.data.map((x: { id: string }) => x.id)).toEqual([tk.json().id]);
  });

  it('adds, makes primary and removes identities', async () => {
    const c = await newCustomer(t, { name: 'Ida Ident', email: 'ida@first.test' });
    const add = await t.api('POST', `/api/v1/customers/${c.id}/identities`, { kind: 'email', value: ' IDA@Second.test ', is_primary: true });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json()).toMatchObject({ kind: 'email', value: 'ida@second.test', is_primary: true });
    const phone = await t.api('POST', `/api/v1/customers/${c.id}/identities`, { kind: 'phone', value: '(030) 1234-567' });
    expect(phone.json()).toMatchObject({ kind: 'phone', value: '0301234567', is_primary: true });

    let cur = (await t.api('GET', `/api/v1/customers/${c.id}`)).json();
    expect(cur.email).toBe('ida@second.test');
    const first = cur.identities.find((i: { value: string }) => i.value === 'ida@first.test');
    expect(first.is_primary).toBe(false);

    const prim = await t.api('PATCH', `/api/v1/customers/${c.id}/identities/${first.id}`, { is_primary: true });
    expect(prim.statusCode, prim.body).toBe(200);
    cur = (await t.api('GET', `/api/v1/customers/${c.id}`)).json();
    expect(cur.email).toBe('ida@first.test');
    expect(cur.identities.filter((i: { kind: string; is_primary: boolean }) => i.kind === 'email' && i.is_primary)).toHaveLength(1);

    // removing the primary email promotes the other one
    const del = await t.api('DELETE', `/api/v1/customers/${c.id}/identities/${first.id}`);
    expect(del.statusCode, del.body).toBe(204);
    cur = (await t.api('GET', `/api/v1/customers/${c.id}`)).json();
    expect(cur.email).toBe('ida@second.test');
    expect(cur.identities).toHaveLength(2);
    // the freed email can be used by someone else now
    await newCustomer(t, { email: 'ida@first.test' });

    expect((await t.api('DELETE', `/api/v1/customers/${c.id}/identities/cid_nope`)).json().code).toBe('IDENTITY_NOT_FOUND');
    const actions = await auditActions(t, c.id);
    expect(actions).toEqual(expect.arrayContaining(['customer.created', 'customer.identity_added', 'customer.updated', 'customer.identity_removed']));
  });

  it('refuses to remove the last identity', async () => {
    const c = await newCustomer(t, { name: 'Only One', external_id: 'only-one' });
    const res = await t.api('DELETE', `/api/v1/customers/${c.id}/identities/${c.identities[0].id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('LAST_IDENTITY');
    expect((await t.api('GET', `/api/v1/customers/${c.id}`)).json().identities).toHaveLength(1);
  });

  it('answers 409 IDENTITY_TAKEN without naming the holder, and writes nothing', async () => {
    const holder = await newCustomer(t, { name: 'Hidden Holder', email: 'taken@conflict.test', phone: '+1 555 0199' });
    const other = await newCustomer(t, { name: 'Other', email: 'other@conflict.test' });
    const before = await rowCounts();

    const cases: Array<[string, string, unknown]> = [
      ['POST', '/api/v1/customers', { email: 'TAKEN@conflict.test' }],
      // first identity free, second taken: the customer row must not survive either
      ['POST', '/api/v1/customers', { email: 'fresh@conflict.test', phone: '+15550199' }],
      ['POST', `/api/v1/customers/${other.id}/identities`, { kind: 'email', value: 'Taken@Conflict.test' }],
      ['POST', `/api/v1/customers/${holder.id}/identities`, { kind: 'email', value: 'taken@conflict.test' }],
    ];
    for (const [method, url, body] of cases) {
      const res = await t.api(method as 'POST', url, body);
      expect(res.statusCode, `${url} ${JSON.stringify(body)}`).toBe(409);
      expect(res.json().code).toBe('IDENTITY_TAKEN');
      const { instance: _url, ...problem } = res.json();
      expect(JSON.stringify(problem)).not.toContain(holder.id);
      expect(JSON.stringify(problem)).not.toContain('Hidden Holder');
    }
    expect(await rowCounts()).toEqual(before);
    expect((await t.api('GET', '/api/v1/customers?q=fresh@conflict')).json().data).toHaveLength(0);
  });
});

describe('bad input', () => {
  it('answers problems with stable codes and writes nothing', async () => {
    const org = (await t.api('POST', '/api/v1/organizations', { name: 'Bad Input Org' })).json();
    const c = await newCustomer(t, { email: 'valid@bad.test', country: 'DE' });
    const before = await rowCounts();
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', '/api/v1/customers', { email: 'tz@bad.test', time_zone: 'Mars/Olympus_Mons' }, 422, 'INVALID_TIME_ZONE'],
      ['POST', '/api/v1/customers', { email: 'tz@bad.test', time_zone: '+01:00' }, 422, 'INVALID_TIME_ZONE'],
      ['POST', '/api/v1/customers', { email: 'cc@bad.test', country: 'XX' }, 422, 'INVALID_COUNTRY'],
      ['POST', '/api/v1/customers', { email: 'lc@bad.test', locale: 'english' }, 422, 'INVALID_LOCALE'],
      ['POST', '/api/v1/customers', { email: 'not-an-email' }, 422, 'INVALID_EMAIL'],
      ['POST', '/api/v1/customers', { email: 'ok@bad.test', emails: ['x@y'] }, 422, 'INVALID_EMAIL'],
      ['POST', '/api/v1/customers', { email: 'ph@bad.test', phone: 'call me maybe' }, 422, 'INVALID_PHONE'],
      ['POST', '/api/v1/customers', { name: 'Nobody' }, 422, 'IDENTITY_REQUIRED'],
      ['POST', '/api/v1/customers', { phone: '+1 555 0100' }, 422, 'NAME_REQUIRED'],
      ['POST', '/api/v1/customers', { email: 'tier@bad.test', tier: 'gold star!' }, 422, 'INVALID_TIER'],
      ['POST', '/api/v1/customers', { email: 'org@bad.test', organization_id: 'org_nope' }, 404, 'ORGANIZATION_NOT_FOUND'],
      ['POST', '/api/v1/customers', { email: 'x@bad.test', favourite_colour: 'blue' }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/v1/customers', { email: 'x@bad.test', tier: 7 }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/v1/customers', '{"email":', 400, 'INVALID_JSON'],
      ['PATCH', `/api/v1/customers/${c.id}`, { time_zone: 'Nowhere/Land' }, 422, 'INVALID_TIME_ZONE'],
      ['PATCH', `/api/v1/customers/${c.id}`, { country: 'EU' }, 422, 'INVALID_COUNTRY'],
      ['PATCH', `/api/v1/customers/${c.id}`, { name: '   ' }, 422, 'INVALID_NAME'],
      ['PATCH', `/api/v1/customers/${c.id}`, { email: 'new@bad.test' }, 400, 'VALIDATION_FAILED'],
      ['PATCH', `/api/v1/customers/${c.id}`, { organization_id: 'org_nope' }, 404, 'ORGANIZATION_NOT_FOUND'],
      ['POST', `/api/v1/customers/${c.id}/identities`, { kind: 'email', value: 'nope' }, 422, 'INVALID_EMAIL'],
      ['POST', `/api/v1/customers/${c.id}/identities`, { kind: 'fax', value: '123' }, 400, 'VALIDATION_FAILED'],
      ['POST', `/api/v1/customers/${c.id}/identities`, { kind: 'email', value: 'a@b.test', extra: 1 }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/v1/customers/cus_nope/identities', { kind: 'email', value: 'a@b.test' }, 404, 'CUSTOMER_NOT_FOUND'],
      ['POST', '/api/v1/organizations', { name: 'Bad Domains', domains: ['not a domain'] }, 422, 'INVALID_DOMAIN'],
      ['POST', '/api/v1/organizations', { name: 'Bad Input Org' }, 409, 'ORGANIZATION_NAME_TAKEN'],
      ['POST', '/api/v1/organizations', { name: 'bad input ORG' }, 409, 'ORGANIZATION_NAME_TAKEN'],
      ['POST', '/api/v1/organizations', { name: '  ' }, 422, 'INVALID_NAME'],
      ['POST', '/api/v1/organizations', { name: 'X', website: 'x.com' }, 400, 'VALIDATION_FAILED'],
      ['PATCH', `/api/v1/organizations/${org.id}`, { domains: ['localhost'] }, 422, 'INVALID_DOMAIN'],
      ['PATCH', '/api/v1/organizations/org_nope', { notes: 'x' }, 404, 'ORGANIZATION_NOT_FOUND'],
    ];
    for (const [method, url, body, status, code] of cases) {
      const res = await t.api(method as 'POST', url, body, { headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
    }
    expect(await rowCounts()).toEqual(before);
    expect((await t.api('GET', `/api/v1/customers/${c.id}`)).json()).toMatchObject({ country: 'DE', time_zone: null, name: 'Valid' });
  });

  it('refuses bad query parameters', async () => {
    for (const [url, code] of [
      ['/api/v1/customers?cursor=garbage', 'INVALID_CURSOR'],
      ['/api/v1/customers?country=XX', 'INVALID_COUNTRY'],
      ['/api/v1/customers?limit=0', 'VALIDATION_FAILED'],
      ['/api/v1/customers?sort=name', 'VALIDATION_FAILED'],
      ['/api/v1/organizations?cursor=%%%', 'INVALID_CURSOR'],
    ]) {
      const res = await t.api('GET', url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json().code, url).toBe(code);
    }
  });
});

describe('permissions', () => {
  it('lets analysts and collaborators read but not write', async () => {
    const c = await newCustomer(t, { email: 'perm@roles.test' });
    const org = (await t.api('POST', '/api/v1/organizations', { name: 'Perm Org' })).json();
    for (const token of [analyst, collaborator]) {
      expect((await t.api('GET', '/api/v1/customers', undefined, { token })).statusCode).toBe(200);
      expect((await t.api('GET', `/api/v1/customers/${c.id}`, undefined, { token })).statusCode).toBe(200);
      expect((await t.api('GET', '/api/v1/organizations', undefined, { token })).statusCode).toBe(200);
      expect((await t.api('GET', `/api/v1/organizations/${org.id}`, undefined, { token })).statusCode).toBe(200);
    }
    const before = await rowCounts();
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/api/v1/customers', { email: 'sneaky@roles.test' }],
      ['PATCH', `/api/v1/customers/${c.id}`, { tier: 'vip' }],
      ['POST', `/api/v1/customers/${c.id}/identities`, { kind: 'phone', value: '+1 555 0123' }],
      ['DELETE', `/api/v1/customers/${c.id}/identities/${c.identities[0].id}`, undefined],
      ['POST', '/api/v1/organizations', { name: 'Sneaky Org' }],
      ['PATCH', `/api/v1/organizations/${org.id}`, { notes: 'hi' }],
    ];
    for (const token of [analyst, collaborator]) {
      for (const [method, url, body] of writes) {
        const res = await t.api(method as 'POST', url, body, { token });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('shows customers to brand-limited agents but counts and lists only tickets they may see', async () => {
    const c = await newCustomer(t, { email: 'twobrands@scope.test' });
    const a = await t.api('POST', '/api/v1/tickets', { subject: 'A', body: 'a', requester: { email: 'twobrands@scope.test' }, brand_id: t.brandA.id });
    const b = await t.api('POST', '/api/v1/tickets', { subject: 'B', body: 'b', requester: { email: 'twobrands@scope.test' }, brand_id: t.brandB.id });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);

    expect((await t.api('GET', `/api/v1/customers/${c.id}`)).json().ticket_counts.total).toBe(2);
    const asA = await t.api('GET', `/api/v1/customers/${c.id}`, undefined, { token: agentA });
    expect(asA.statusCode).toBe(200);
    expect(asA.json().ticket_counts).toMatchObject({ new: 1, total: 1 });
    const listA = (await t.api('GET', `/api/v1/customers/${c.id}/tickets`, undefined, { token: agentA })).json();
    expect(listA.data.map((x: { id: string }) => x.id)).toEqual([a.json().id]);
    // collaborators see only shared tickets: none here
    expect((await t.api('GET', `/api/v1/customers/${c.id}`, undefined, { token: collaborator })).json().ticket_counts.total).toBe(0);
  });
});

describe('listing and search', () => {
  it('pages through customers with a cursor', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      t.clock.advance(1000);
      made.push((await newCustomer(t, { name: `Pager Person ${i}`, email: `pager${i}@paging.test` })).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/customers?q=pager&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await t.api('GET', url);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.data.length).toBeLessThanOrEqual(3);
      seen.push(...body.data.map((c: { id: string }) => c.id));
      cursor = body.next_cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...made].reverse()); // newest first, no duplicates, none missing
  });

  it('finds customers by name word, email, phone and external id prefixes, with filters', async () => {
    const zoe = await newCustomer(t, { name: 'Zoë Quartermain', email: 'zq@search.test', phone: '+44 20 7946 0958', external_id: 'ZQ-77', country: 'GB' });
    const zed = await newCustomer(t, { name: 'Zed Quarry', email: 'zed.q@search.test', country: 'IE' });
    const ids = async (qs: string) => (await t.api('GET', `/api/v1/customers?${qs}`)).json().data.map((c: { id: string }) => c.id);
    expect(await ids('q=quarter')).toEqual([zoe.id]);
    expect(await ids('q=QUAR')).toEqual([zed.id, zoe.id]);
    expect(await ids('q=zed.q%40')).toEqual([zed.id]);
    expect(await ids(`q=${encodeURIComponent('+44 20 79')}`)).toEqual([zoe.id]);
    expect(await ids('q=ZQ-7')).toEqual([zoe.id]);
    expect(await ids('q=quar&country=gb')).toEqual([zoe.id]);
    expect(await ids('q=q%25')).toEqual([]); // LIKE wildcards are literal
  });

  it('keeps identity values out of the event log', async () => {
    const c = await newCustomer(t, { email: 'private.person@pii.test' });
    await t.api('POST', `/api/v1/customers/${c.id}/identities`, { kind: 'phone', value: '+1 202 555 0147' });
    const rows = await t.db.query<{ name: string; payload: unknown }>('SELECT name, payload FROM events WHERE aggregate_id = $1 ORDER BY seq', [c.id]);
    expect(rows.map((r) => r.name)).toEqual(['customer.created', 'customer.identity_added']);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('private.person@pii.test');
    expect(text).not.toContain('2025550147');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { auditActions, newCustomer } from '../helpers/api-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());



describe('organisations', () => {
  it('creates, reads, updates and lists members; domains link new requesters', async () => {
    const res = await t.api('POST', '/api/v1/organizations', { name: 'Acme Corp', domains: ['Acme.COM', '@acme.io', 'acme.com'], external_id: 'sf-001', notes: 'Key account' });
    expect(res.statusCode, res.body).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({ name: 'Acme Corp', domains: ['acme.com', 'acme.io'], external_id: 'sf-001', notes: 'Key account', member_count: 0 });
    expect(res.headers.location).toBe(`/api/v1/organizations/${org.id}`);

    const dup = await t.api('POST', '/api/v1/organizations', { name: 'Acme Two', domains: ['ACME.io'] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('DOMAIN_TAKEN');

    // a new requester from a matching domain is linked (resolveRequester), and so is the ticket
    const tk = await t.api('POST', '/api/v1/tickets', { subject: 'Invoice', body: 'Where is it?', requester: { email: 'Wile.E@ACME.com' } });
    expect(tk.statusCode, tk.body).toBe(201);
    expect(tk.json().organization_id).toBe(org.id);
    const requester = (await t.api('GET', `/api/v1/customers/${tk.json().requester_id}`)).json();
    expect(requester).toMatchObject({ organization_id: org.id, organization_name: 'Acme Corp', email: 'wile.e@acme.com' });
    // so is a customer created directly, unless organization_id is null
    const direct = await newCustomer(t, { email: 'road.runner@acme.io' });
    expect(direct.organization_id).toBe(org.id);
    const opted = await newCustomer(t, { email: 'guest@acme.io', organization_id: null });
    expect(opted.organization_id).toBeNull();
    // someone from elsewhere is not
    expect((await newCustomer(t, { email: 'someone@elsewhere.test' })).organization_id).toBeNull();

    expect((await t.api('GET', `/api/v1/organizations/${org.id}`)).json().member_count).toBe(2);
    const members = (await t.api('GET', `/api/v1/organizations/${org.id}/customers`)).json();
    expect(members.data.map((m: { id: string }) => m.id).sort()).toEqual([requester.id, direct.id].sort());
    expect((await t.api('GET', `/api/v1/customers?organization_id=${org.id}`)).json().data).toHaveLength(2);
    expect((await t.api('GET', '/api/v1/organizations/org_nope/customers')).json().code).toBe('ORGANIZATION_NOT_FOUND');

    // changing domains does not re-home existing members; it only affects new requesters
    const upd = await t.api('PATCH', `/api/v1/organizations/${org.id}`, { name: 'Acme Corporation', domains: ['acme.org'], external_id: null });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ name: 'Acme Corporation', domains: ['acme.org'], external_id: null, member_count: 2 });
    expect((await t.api('GET', `/api/v1/customers/${requester.id}`)).json()).toMatchObject({ organization_id: org.id, organization_name: 'Acme Corporation' });
    const late = await t.api('POST', '/api/v1/tickets', { subject: 'Hi', body: 'x', requester: { email: 'new@acme.com' } });
    expect(late.json().organization_id).toBeNull();
    const moved = await t.api('POST', '/api/v1/tickets', { subject: 'Hi', body: 'x', requester: { email: 'new@acme.org' } });
    expect(moved.json().organization_id).toBe(org.id);

    // customers can be moved in and out explicitly
    const out = await t.api('PATCH', `/api/v1/customers/${direct.id}`, { organization_id: null });
    expect(out.json()).toMatchObject({ organization_id: null, organization_name: null });
    const back = await t.api('PATCH', `/api/v1/customers/${opted.id}`, { organization_id: org.id });
    expect(back.json()).toMatchObject({ organization_id: org.id, organization_name: 'Acme Corporation' });

    expect((await t.api('POST', '/api/v1/organizations', { name: 'Rival Inc', external_id: 'sf-002' })).statusCode).toBe(201);
    const rename = await t.api('PATCH', `/api/v1/organizations/${org.id}`, { name: 'rival INC' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().code).toBe('ORGANIZATION_NAME_TAKEN');
    const ext = await t.api('PATCH', `/api/v1/organizations/${org.id}`, { external_id: 'sf-002' });
    expect(ext.statusCode).toBe(409);
    expect(ext.json().code).toBe('ORGANIZATION_EXTERNAL_ID_TAKEN');

    const actions = await auditActions(t, org.id);
    expect(actions.filter((a) => a === 'organization.updated')).toHaveLength(1);
    expect(actions).toContain('organization.created');
    const cust = await auditActions(t, opted.id);
    expect(cust).toEqual(expect.arrayContaining(['customer.created', 'customer.updated']));
  });

  it('searches organisations by name word or domain', async () => {
    await t.api('POST', '/api/v1/organizations', { name: 'Globex Industries', domains: ['globex.example'] });
    await t.api('POST', '/api/v1/organizations', { name: 'Initech', domains: ['initech.example'] });
    const names = async (q: string) => (await t.api('GET', `/api/v1/organizations?q=${encodeURIComponent(q)}`)).json().data.map((o: { name: string }) => o.name);
    expect(await names('glob')).toEqual(['Globex Industries']);
    expect(await names('indus')).toEqual(['Globex Industries']);
    expect(await names('initech.ex')).toEqual(['Initech']);
    expect(await names('zzz')).toEqual([]);
  });

  it('pages through organisations in name order', async () => {
    for (const n of ['Page Org C', 'Page Org A', 'Page Org E', 'Page Org B', 'Page Org D']) {
      expect((await t.api('POST', '/api/v1/organizations', { name: n })).statusCode).toBe(201);
    }
    const first = (await t.api('GET', '/api/v1/organizations?q=page%20org&limit=2')).json();
    expect(first.data.map((o: { name: string }) => o.name)).toEqual(['Page Org A', 'Page Org B']);
    const second = (await t.api('GET', `/api/v1/organizations?q=page%20org&limit=2&cursor=${first.next_cursor}`)).json();
    expect(second.data.map((o: { name: string }) => o.name)).toEqual(['Page Org C', 'Page Org D']);
    const third = (await t.api('GET', `/api/v1/organizations?q=page%20org&limit=2&cursor=${second.next_cursor}`)).json();
    expect(third.data.map((o: { name: string }) => o.name)).toEqual(['Page Org E']);
    expect(third.next_cursor).toBeNull();
  });
});

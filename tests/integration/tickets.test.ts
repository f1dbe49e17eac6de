import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket, patchTicket } from '../helpers/api-helpers.js';
import type { Wire } from '../helpers/api-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('POST /api/v1/tickets', () => {
  it('creates a ticket with its first message and requester', async () => {
    const res = await t.api('POST', '/api/v1/tickets', {
      subject: 'My payout has not arrived', body: 'It has been 5 days.', requester: { email: 'Jo@Example.com', name: 'Jo' }, tags: ['Payout', 'payout'],
    });
    expect(res.statusCode).toBe(201);
    const tk = res.json();
    expect(tk.id).toMatch(/^tkt_/);
    expect(tk.status).toBe('new');
    expect(tk.priority).toBe('normal');
    expect(tk.requester_id).toMatch(/^cus_/);
    expect(tk.tags).toEqual(['payout']);
    expect(tk.brand_id).toBe(t.brandA.id); // the first brand by default
    expect(tk.channel).toBe('api');
    expect(tk.version).toBe(1);
    expect(tk.created_at).toBe('2026-03-02T09:00:00.000Z');
    expect(res.headers.location).toBe(`/api/v1/tickets/${tk.id}`);
    const msgs = await t.api('GET', `/api/v1/tickets/${tk.id}/messages`);
    expect(msgs.json().data).toHaveLength(1);
    expect(msgs.json().data[0]).toMatchObject({ body: 'It has been 5 days.', public: true, author_type: 'customer', author_customer_id: tk.requester_id });
    // same email (different case) → same requester
    const again = await t.api('POST', '/api/v1/tickets', { subject: 'Another', body: 'x', requester: { email: 'jo@example.com' } });
    expect(again.json().requester_id).toBe(tk.requester_id);
  });

  it('answers bad input with problem+json and writes nothing', async () => {
    const before = (await t.api('GET', '/api/v1/tickets?limit=100')).json().data.length;
    const cases: Array<[unknown, number, string]> = [
      ['{not json', 400, 'INVALID_JSON'],
      [{ subject: 'x', body: 'y', requester: { email: 'a@b.co' }, bogus: 1 }, 400, 'VALIDATION_FAILED'],
      [{ subject: 'x', body: 'y', requester: { email: 'a@b.co' }, priority: 'asap' }, 400, 'VALIDATION_FAILED'],
      [{ subject: 'x', body: 'y', requester: { email: 'not-an-email' } }, 422, 'INVALID_EMAIL'],
      [{ subject: 'x', body: 'y', requester: { email: 'a@b.co' }, team_id: 'team_nope' }, 404, 'TEAM_NOT_FOUND'],
      [{ subject: 'x', body: 'y', requester: { email: 'a@b.co' }, brand_id: 'brd_nope' }, 404, 'BRAND_NOT_FOUND'],
      [{ subject: 'x', body: 'y', requester: { email: 'a@b.co' }, assignee_id: 'usr_nope' }, 404, 'USER_NOT_FOUND'],
      [{ subject: 'x', body: '   ', requester: { email: 'a@b.co' } }, 422, 'BODY_REQUIRED'],
      [{ subject: 'x', body: 'y', requester: { email: 'a@b.co' }, tags: ['no,commas'] }, 422, 'INVALID_TAG'],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.api('POST', '/api/v1/tickets', body, { headers: { 'content-type': 'application/json' } });
      expectProblem(res, status, code);
    }
    expect((await t.api('GET', '/api/v1/tickets?limit=100')).json().data.length).toBe(before);
  });

  it('creates an assigned ticket as open, in the named brand and team', async () => {
    const tk = await newTicket(t, { brand_id: t.brandB.id, team_id: t.payments.id, assignee_id: t.admin.id, priority: 'urgent', channel: 'email' });
    expect(tk).toMatchObject({ status: 'open', brand_id: t.brandB.id, team_id: t.payments.id, assignee_id: t.admin.id, priority: 'urgent', channel: 'email' });
  });
});

describe('GET /api/v1/tickets/:id', () => {
  it('returns the ticket with its version as ETag', async () => {
    const tk = await newTicket(t, { subject: 'Get me' });
    const res = await t.api('GET', `/api/v1/tickets/${tk.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toEqual(tk);
  });

  it('answers unknown and malformed ids with problems', async () => {
    expectProblem(await t.api('GET', '/api/v1/tickets/tkt_00000000000000000000000000'), 404, 'TICKET_NOT_FOUND');
    expectProblem(await t.api('GET', '/api/v1/tickets/not-an-id'), 400, 'VALIDATION_FAILED');
  });
});

describe('GET /api/v1/tickets filters', () => {
  const T0 = new Date('2026-03-03T08:00:00Z');
  const at = (h: number) => new Date(T0.getTime() + h * 3_600_000).toISOString();
  let agent: string;
  let tk: Record<string, Wire>;

  beforeAll(async () => {
    agent = (await t.addUser('filter-agent', 'agent')).user.id;
    const mk = async (h: number, over: Record<string, unknown>) => {
      t.clock.set(at(h));
      return newTicket(t, { tags: ['flt'], ...over });
    };
    tk = {
      t1: await mk(0, { priority: 'high', tags: ['flt', 'vip'], assignee_id: t.admin.id, requester: { email: 'r1@filters.test' } }),
      t2: await mk(1, { priority: 'low', brand_id: t.brandB.id, team_id: t.payments.id, requester: { email: 'r2@filters.test' } }),
      t3: await mk(2, { priority: 'urgent', tags: ['flt', 'refund'], assignee_id: agent, requester: { email: 'r3@filters.test' } }),
      t4: await mk(3, { brand_id: t.brandB.id, requester: { email: 'r1@filters.test' } }),
    };
    t.clock.set(at(5));
    tk.t2 = await patchTicket(t, tk.t2.id, { status: 'pending' });
    t.clock.set(at(6));
  });

  async function ids(query: string): Promise<string[]> {
    const res = await t.api('GET', `/api/v1/tickets?tag=flt&limit=100${query ? `&${query}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data.map((x: { id: string }) => Object.keys(tk).find((k) => tk[k].id === x.id) ?? x.id).sort();
  }

  it('by status (one or several)', async () => {
    expect(await ids('status=open')).toEqual(['t1', 't3']);
    expect(await ids('status=pending')).toEqual(['t2']);
    expect(await ids('status=new')).toEqual(['t4']);
    expect(await ids('status=new,pending')).toEqual(['t2', 't4']);
    expect(await ids('status=new&status=open')).toEqual(['t1', 't3', 't4']);
  });

  it('by priority', async () => {
    expect(await ids('priority=high,urgent')).toEqual(['t1', 't3']);
    expect(await ids('priority=low')).toEqual(['t2']);
  });

  it('by assignee: an id, me, none', async () => {
    expect(await ids(`assignee_id=${agent}`)).toEqual(['t3']);
    expect(await ids('assignee_id=me')).toEqual(['t1']);
    const asAgent = await t.api('GET', '/api/v1/tickets?tag=flt&assignee_id=me', undefined, { token: t.users['filter-agent'].token });
    expect(asAgent.json().data.map((x: { id: string }) => x.id)).toEqual([tk.t3.id]);
    expect(await ids('assignee_id=none')).toEqual(['t2', 't4']);
  });

  it('by team (and none), brand, tag, requester', async () => {
    expect(await ids(`team_id=${t.payments.id}`)).toEqual(['t2']);
    expect(await ids('team_id=none')).toEqual(['t1', 't3', 't4']);
    expect(await ids(`brand_id=${t.brandB.id}`)).toEqual(['t2', 't4']);
    expect(await ids(`brand_id=${t.brandA.id}`)).toEqual(['t1', 't3']);
    expect(await ids('tag=VIP')).toEqual(['t1']);
    expect(await ids('tag=%20vip%20')).toEqual(['t1']); // filters normalise tags like writes do
    expect(await ids('tag=vip,refund')).toEqual([]); // all tags must match
    expect(await ids(`requester_id=${tk.t1.requester_id}`)).toEqual(['t1', 't4']);
  });

  it('by created and updated ranges (after inclusive, before exclusive)', async () => {
    expect(await ids(`created_after=${at(1)}`)).toEqual(['t2', 't3', 't4']);
    expect(await ids(`created_before=${at(2)}`)).toEqual(['t1', 't2']);
    expect(await ids(`created_after=${at(1)}&created_before=${at(3)}`)).toEqual(['t2', 't3']);
    expect(await ids(`updated_after=${at(4)}`)).toEqual(['t2']);
    expect(await ids(`updated_before=${at(4)}`)).toEqual(['t1', 't3', 't4']);
  });

  it('combines filters with AND', async () => {
    expect(await ids(`brand_id=${t.brandB.id}&status=new`)).toEqual(['t4']);
    expect(await ids(`assignee_id=none&priority=low`)).toEqual(['t2']);
  });

  it('refuses bad filter values with 400', async () => {
    for (const q of ['status=nope', 'priority=asap', 'created_after=yesterday', 'assignee_id=bob', 'limit=0', 'limit=101', 'color=red']) {
      expectProblem(await t.api('GET', `/api/v1/tickets?${q}`), 400, 'VALIDATION_FAILED');
    }
  });
});

describe('cursor pagination', () => {
  const created: string[] = [];
  beforeAll(async () => {
    // 23 tickets at 3 instants: many share created_at/updated_at exactly, so ties cross page boundaries.
    for (let i = 0; i < 23; i++) {
      t.clock.set(new Date(Date.UTC(2026, 2, 10, 9, Math.floor(i / 8))));
      created.push((await newTicket(t, { tags: ['pg'] })).id);
    }
  });

  for (const sort of ['updated_at', 'created_at'] as const) {
    it(`walks every ticket exactly once, newest first (sort=${sort})`, async () => {
      const seen: Array<{ id: string; at: string }> = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/tickets?tag=pg&limit=5&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.api('GET', url);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json();
        expect(body.data.length).toBeLessThanOrEqual(5);
        seen.push(...body.data.map((x: Record<string, string>) => ({ id: x.id, at: x[sort] })));
        cursor = body.next_cursor;
        pages++;
      } while (cursor && pages < 20);
      expect(pages).toBe(5);
      expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length); // no duplicates
      expect([...seen.map((s) => s.id)].sort()).toEqual([...created].sort()); // no gaps
      for (let i = 1; i < seen.length; i++) {
        const a = seen[i - 1];
        const b = seen[i];
        expect(a.at > b.at || (a.at === b.at && a.id > b.id), `${a.id}@${a.at} before ${b.id}@${b.at}`).toBe(true);
      }
    });
  }

  it('returns next_cursor null on the last page', async () => {
    const res = await t.api('GET', '/api/v1/tickets?tag=pg&limit=100');
    expect(res.json().data).toHaveLength(23);
    expect(res.json().next_cursor).toBeNull();
  });

  it('refuses malformed cursors with 422 INVALID_CURSOR', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const c of ['garbage', b64(['not a date', 'tkt_x']), b64([12, 'tkt_x']), b64({ a: 1 })]) {
      expectProblem(await t.api('GET', `/api/v1/tickets?cursor=${c}`), 422, 'INVALID_CURSOR');
    }
  });
});

describe('tags', () => {
  it('filters by a multi-word tag written the way it was entered', async () => {
    const tk = await newTicket(t, { tags: ['Two Words'] });
    const res = await t.api('GET', '/api/v1/tickets?tag=Two%20Words');
    expect(res.json().data.map((x: { id: string }) => x.id)).toEqual([tk.id]);
  });

  it('normalises tags on create and update; add_tags / remove_tags', async () => {
    const tk = await newTicket(t, { tags: [' Billing ', 'two words', 'BILLING'] });
    expect(tk.tags).toEqual(['billing', 'two_words']);
    let u = await patchTicket(t, tk.id, { tags: ['A B', 'a_b', 'X'] });
    expect(u.tags).toEqual(['a_b', 'x']);
    u = await patchTicket(t, tk.id, { add_tags: ['New', 'x'], remove_tags: ['A_B'] });
    expect(u.tags).toEqual(['x', 'new']);
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { tags: ['bad tag!'] }), 422, 'INVALID_TAG');
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json().tags).toEqual(['x', 'new']);
  });
});

describe('custom fields', () => {
  const fieldIds: Record<string, string> = {};
  beforeAll(async () => {
    for (const f of [
      { key: 'order_ref', label: 'Order', type: 'text' },
      { key: 'amount', label: 'Amount', type: 'number' },
      { key: 'due_on', label: 'Due', type: 'date' },
      { key: 'reason', label: 'Reason', type: 'dropdown', options: ['refund', 'chargeback'] },
      { key: 'vip', label: 'VIP', type: 'checkbox' },
    ]) {
      const res = await t.api('POST', '/api/v1/custom_fields', f);
      expect(res.statusCode, res.body).toBe(201);
      fieldIds[f.key] = res.json().id;
    }
  });

  it('refuses a dropdown without options and a duplicate key', async () => {
    expectProblem(await t.api('POST', '/api/v1/custom_fields', { key: 'empty', label: 'E', type: 'dropdown' }), 422, 'DROPDOWN_NEEDS_OPTIONS');
    expectProblem(await t.api('POST', '/api/v1/custom_fields', { key: 'amount', label: 'A', type: 'number' }), 409, 'CUSTOM_FIELD_KEY_TAKEN');
  });

  it('stores valid values on create and patch; null clears', async () => {
    const tk = await newTicket(t, { custom_fields: { order_ref: 'A-17', amount: 12.5, due_on: '2026-03-31', reason: 'refund', vip: true } });
    expect(tk.custom_fields).toEqual({ order_ref: 'A-17', amount: 12.5, due_on: '2026-03-31', reason: 'refund', vip: true });
    const u = await patchTicket(t, tk.id, { custom_fields: { reason: 'chargeback', amount: null } });
    expect(u.custom_fields).toEqual({ order_ref: 'A-17', due_on: '2026-03-31', reason: 'chargeback', vip: true });
  });

  it('refuses invalid values, unknown keys and impossible dates, changing nothing', async () => {
    const tk = await newTicket(t, { custom_fields: { reason: 'refund' } });
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ reason: 'other' }, 'INVALID_CUSTOM_FIELD'],
      [{ due_on: '2026-02-30' }, 'INVALID_CUSTOM_FIELD'],
      [{ amount: 'twelve' }, 'INVALID_CUSTOM_FIELD'],
      [{ vip: 'yes' }, 'INVALID_CUSTOM_FIELD'],
      [{ nope: 1 }, 'UNKNOWN_CUSTOM_FIELD'],
    ];
    for (const [cf, code] of bad) {
      expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { custom_fields: cf }), 422, code);
      expectProblem(await t.api('POST', '/api/v1/tickets', { subject: 's', body: 'b', requester: { email: 'cf@x.test' }, custom_fields: cf }), 422, code);
    }
    const now = (await t.api('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(now.custom_fields).toEqual({ reason: 'refund' });
    expect(now.version).toBe(1);
  });

  it('demands required fields on create and refuses to clear them; inactive fields are ignored', async () => {
    const res = await t.api('POST', '/api/v1/custom_fields', { key: 'product', label: 'Product', type: 'dropdown', options: ['app', 'market'], is_required: true });
    expect(res.statusCode).toBe(201);
    const p = expectProblem(await t.api('POST', '/api/v1/tickets', { subject: 's', body: 'b', requester: { email: 'cf@x.test' } }), 422, 'CUSTOM_FIELD_REQUIRED');
    expect(p.fields).toEqual(['product']);
    const tk = await newTicket(t, { custom_fields: { product: 'app' } });
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { custom_fields: { product: null } }), 422, 'CUSTOM_FIELD_REQUIRED');
    // retire the field: no longer required, no longer accepted
    expect((await t.api('PATCH', `/api/v1/custom_fields/${res.json().id}`, { is_active: false })).statusCode).toBe(200);
    await newTicket(t);
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { custom_fields: { product: 'market' } }), 422, 'UNKNOWN_CUSTOM_FIELD');
  });
});

describe('assignee validation', () => {
  it('refuses inactive users, non-agents and agents without access to the brand', async () => {
    const inactive = await t.addUser('gone-agent', 'agent');
    expect((await t.api('PATCH', `/api/v1/users/${inactive.user.id}`, { is_active: false })).statusCode).toBe(200);
    const collab = await t.addUser('legal-collab', 'collaborator');
    const analyst = await t.addUser('numbers', 'analyst');
    const brandBOnly = await t.addUser('market-agent', 'agent', { brandIds: [t.brandB.id] });
    const tk = await newTicket(t, { brand_id: t.brandA.id });
    const cases: Array<[string, number, string]> = [
      [inactive.user.id, 422, 'ASSIGNEE_INACTIVE'],
      [collab.user.id, 422, 'ASSIGNEE_NOT_AGENT'],
      [analyst.user.id, 422, 'ASSIGNEE_NOT_AGENT'],
      [brandBOnly.user.id, 422, 'ASSIGNEE_NO_BRAND_ACCESS'],
      ['usr_00000000000000000000000000', 404, 'USER_NOT_FOUND'],
    ];
    for (const [id, status, code] of cases) {
      expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { assignee_id: id }), status, code);
      expectProblem(await t.api('POST', '/api/v1/tickets', { subject: 's', body: 'b', requester: { email: 'as@x.test' }, assignee_id: id }), status, code);
    }
    // the brand-limited agent can take brand B tickets
    const b = await newTicket(t, { brand_id: t.brandB.id, assignee_id: brandBOnly.user.id });
    expect(b.assignee_id).toBe(brandBOnly.user.id);
    // moving that ticket to brand A while keeping the assignee would hand it to someone who cannot see it
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${b.id}`, { brand_id: t.brandA.id }), 422, 'ASSIGNEE_NO_BRAND_ACCESS');
    const moved = await patchTicket(t, b.id, { brand_id: t.brandA.id, assignee_id: t.admin.id });
    expect(moved).toMatchObject({ brand_id: t.brandA.id, assignee_id: t.admin.id });
    // unassigning is always allowed
    expect((await patchTicket(t, b.id, { assignee_id: null })).assignee_id).toBeNull();
  });
});

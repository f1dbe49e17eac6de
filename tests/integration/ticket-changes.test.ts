import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { eventsOf, expectProblem, newTicket, patchTicket } from '../helpers/api-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('PATCH /api/v1/tickets/:id writes one event per changed aspect', () => {
  it('records who, what, and the channel for each change', async () => {
    const agent = await t.addUser('patcher', 'agent');
    await t.api('POST', '/api/v1/custom_fields', { key: 'order_ref', label: 'Order', type: 'text' });
    const tk = await newTicket(t, { tags: ['a'] });
    t.clock.advance(60_000);
    const steps: Array<[Record<string, unknown>, string, Record<string, unknown>]> = [
      [{ status: 'pending' }, 'ticket.status_changed', { from: 'new', to: 'pending' }],
      [{ priority: 'urgent' }, 'ticket.priority_changed', { from: 'normal', to: 'urgent' }],
      [{ assignee_id: agent.user.id }, 'ticket.assigned', { from: null, to: agent.user.id }],
      [{ team_id: t.payments.id }, 'ticket.team_changed', { from: null, to: t.payments.id }],
      [{ tags: ['a', 'b'] }, 'ticket.tags_changed', { added: ['b'], removed: [] }],
      [{ custom_fields: { order_ref: 'A-1' } }, 'ticket.fields_changed', { from: {}, to: { order_ref: 'A-1' } }],
      [{ subject: 'Renamed' }, 'ticket.fields_changed', { changed: ['subject'], to: { subject: 'Renamed' } }],
      [{ brand_id: t.brandB.id }, 'ticket.fields_changed', { changed: ['brand_id'], from: { brand_id: t.brandA.id }, to: { brand_id: t.brandB.id } }],
    ];
    let version = 1;
    for (const [body, name, payload] of steps) {
      const before = (await eventsOf(t, tk.id)).length;
      const res = await t.api('PATCH', `/api/v1/tickets/${tk.id}`, body);
      expect(res.statusCode, res.body).toBe(200);
      version += 1;
      expect(res.json().version).toBe(version);
      expect(res.headers.etag).toBe(`"${version}"`);
      expect(res.json().updated_at).toBe(t.clock.now().toISOString());
      const evs = await eventsOf(t, tk.id);
      expect(evs.length, JSON.stringify(body)).toBe(before + 1);
      expect(evs.at(-1)).toMatchObject({ name, actor_type: 'user', actor_id: t.admin.id, actor_name: t.admin.name, channel: 'api', payload });
    }
    const final = (await t.api('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(final).toMatchObject({
      status: 'pending', priority: 'urgent', assignee_id: agent.user.id, team_id: t.payments.id, tags: ['a', 'b'],
      custom_fields: { order_ref: 'A-1' }, subject: 'Renamed', brand_id: t.brandB.id,
    });
    expect((await eventsOf(t, tk.id))[0].name).toBe('ticket.created');
  });

  it('writes nothing and keeps the version for a no-op patch', async () => {
    const tk = await newTicket(t, { priority: 'high' });
    const before = (await eventsOf(t, tk.id)).length;
    const res = await patchTicket(t, tk.id, { priority: 'high', tags: [] });
    expect(res.version).toBe(1);
    expect((await eventsOf(t, tk.id)).length).toBe(before);
  });

  it('opens a new ticket when it is assigned (two events)', async () => {
    const tk = await newTicket(t);
    const u = await patchTicket(t, tk.id, { assignee_id: t.admin.id });
    expect(u.status).toBe('open');
    const names = (await eventsOf(t, tk.id)).map((e) => e.name);
    expect(names.slice(-2)).toEqual(['ticket.assigned', 'ticket.status_changed']);
  });

  it('stamps solved_at and closed_at, and clears solved_at on reopening', async () => {
    const tk = await newTicket(t);
    t.clock.advance(1000);
    const solved = await patchTicket(t, tk.id, { status: 'solved' });
    expect(solved.solved_at).toBe(t.clock.now().toISOString());
    const reopened = await patchTicket(t, tk.id, { status: 'open' });
    expect(reopened.solved_at).toBeNull();
    await patchTicket(t, tk.id, { status: 'solved' });
    const solvedAt = t.clock.now().toISOString();
    t.clock.advance(1000);
    const closed = await patchTicket(t, tk.id, { status: 'closed' });
    expect(closed).toMatchObject({ status: 'closed', solved_at: solvedAt, closed_at: t.clock.now().toISOString() });
  });
});

describe('optimistic concurrency', () => {
  it('honours If-Match and the body version', async () => {
    const tk = await newTicket(t);
    const get = await t.api('GET', `/api/v1/tickets/${tk.id}`);
    expect(get.headers.etag).toBe('"1"');
    const first = await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'high' }, { headers: { 'if-match': '"1"' } });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    // a second writer who also read version 1 is refused, and nothing changes
    const p = expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'low' }, { headers: { 'if-match': '"1"' } }), 412, 'VERSION_CONFLICT');
    expect(p.current_version).toBe(2);
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'low', version: 1 }), 412, 'VERSION_CONFLICT');
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json()).toMatchObject({ priority: 'high', version: 2 });
    // weak and bare forms of the current version work
    expect((await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'low' }, { headers: { 'if-match': 'W/"2"' } })).statusCode).toBe(200);
    expect((await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'normal', version: 3 })).statusCode).toBe(200);
    expect((await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'high' }, { headers: { 'if-match': '*' } })).statusCode).toBe(200);
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'low' }, { headers: { 'if-match': 'banana' } }), 422, 'INVALID_IF_MATCH');
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { version: 0 }), 400, 'VALIDATION_FAILED');
  });
});

describe('status machine over HTTP', () => {
  it('refuses forbidden transitions with 409 and changes nothing', async () => {
    const tk = await newTicket(t);
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { status: 'closed' }), 409, 'INVALID_STATUS_TRANSITION');
    await patchTicket(t, tk.id, { status: 'open' });
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { status: 'new' }), 409, 'INVALID_STATUS_TRANSITION');
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { status: 'closed', priority: 'high' }), 409, 'INVALID_STATUS_TRANSITION');
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json()).toMatchObject({ status: 'open', priority: 'normal', version: 2 });
  });

  it('keeps closed tickets read-only', async () => {
    const tk = await newTicket(t);
    await patchTicket(t, tk.id, { status: 'solved' });
    await patchTicket(t, tk.id, { status: 'closed' });
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { status: 'open' }), 409, 'TICKET_CLOSED');
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'high' }), 409, 'TICKET_CLOSED');
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'hello?', public: true }), 409, 'TICKET_CLOSED');
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'note', public: false }), 409, 'TICKET_CLOSED');
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}/messages`)).json().data).toHaveLength(1);
  });
});

describe('follow-up tickets', () => {
  it('creates a linked follow-up for a closed ticket, 409 for any other', async () => {
    const src = await newTicket(t, { subject: 'Card declined', tags: ['billing'], brand_id: t.brandB.id, priority: 'high' });
    expectProblem(await t.api('POST', `/api/v1/tickets/${src.id}/follow_up`, { body: 'More' }), 409, 'TICKET_NOT_CLOSED');
    await patchTicket(t, src.id, { status: 'solved' });
    expectProblem(await t.api('POST', `/api/v1/tickets/${src.id}/follow_up`, { body: 'More' }), 409, 'TICKET_NOT_CLOSED');
    await patchTicket(t, src.id, { status: 'closed' });
    const res = await t.api('POST', `/api/v1/tickets/${src.id}/follow_up`, { body: 'It happened again.' });
    expect(res.statusCode, res.body).toBe(201);
    const fu = res.json();
    expect(fu).toMatchObject({
      follow_up_of_id: src.id, subject: 'Re: Card declined', requester_id: src.requester_id, brand_id: t.brandB.id, tags: ['billing'],
      priority: 'high', status: 'new',
    });
    expect(fu.id).not.toBe(src.id);
    const msgs = (await t.api('GET', `/api/v1/tickets/${fu.id}/messages`)).json().data;
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ body: 'It happened again.', author_type: 'user', author_user_id: t.admin.id });
    const srcEvents = await eventsOf(t, src.id);
    expect(srcEvents.at(-1)).toMatchObject({ name: 'ticket.follow_up_created', payload: { follow_up_id: fu.id } });
    expectProblem(await t.api('POST', '/api/v1/tickets/tkt_00000000000000000000000000/follow_up', { body: 'x' }), 404, 'TICKET_NOT_FOUND');
  });
});

describe('merge', () => {
  it('closes the sources with a pointer and notes, and unites the tags', async () => {
    const target = await newTicket(t, { tags: ['a'] });
    const s1 = await newTicket(t, { tags: ['b', 'a'] });
    const s2 = await newTicket(t, { tags: ['c'] });
    await patchTicket(t, s2.id, { status: 'pending' });
    const res = await t.api('POST', `/api/v1/tickets/${target.id}/merge`, { source_ids: [s1.id, s2.id], reason: 'Same payout' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: target.id, tags: ['a', 'b', 'c'], status: 'new' });
    for (const s of [s1, s2]) {
      const now = (await t.api('GET', `/api/v1/tickets/${s.id}`)).json();
      expect(now).toMatchObject({ status: 'closed', merged_into_id: target.id });
      expect(now.closed_at).not.toBeNull();
      const notes = (await t.api('GET', `/api/v1/tickets/${s.id}/messages`)).json().data;
      expect(notes.at(-1)).toMatchObject({ public: false, body: `Merged into #${target.number}. Reason: Same payout` });
      expect((await eventsOf(t, s.id)).at(-1)).toMatchObject({ name: 'ticket.merged', payload: { role: 'source', target_id: target.id } });
    }
    const targetNotes = (await t.api('GET', `/api/v1/tickets/${target.id}/messages`)).json().data;
    expect(targetNotes.at(-1).public).toBe(false);
    expect(targetNotes.at(-1).body).toContain(`#${s1.number}`);
    expect(targetNotes.at(-1).body).toContain(`#${s2.number}`);
    expect((await eventsOf(t, target.id)).at(-1)).toMatchObject({ name: 'ticket.merged', payload: { role: 'target' } });
    // the merged sources are read-only now
    expectProblem(await t.api('POST', `/api/v1/tickets/${s1.id}/messages`, { body: 'x', public: false }), 409, 'TICKET_CLOSED');
  });

  it('refuses self-merge, already-merged sources and unknown ids, changing nothing', async () => {
    const a = await newTicket(t);
    const b = await newTicket(t);
    const c = await newTicket(t);
    expectProblem(await t.api('POST', `/api/v1/tickets/${a.id}/merge`, { source_ids: [a.id] }), 422, 'MERGE_INTO_SELF');
    expectProblem(await t.api('POST', `/api/v1/tickets/${a.id}/merge`, { source_ids: [b.id, a.id] }), 422, 'MERGE_INTO_SELF');
    expect((await t.api('POST', `/api/v1/tickets/${a.id}/merge`, { source_ids: [b.id] })).statusCode).toBe(200);
    expectProblem(await t.api('POST', `/api/v1/tickets/${c.id}/merge`, { source_ids: [b.id] }), 409, 'ALREADY_MERGED');
    expectProblem(await t.api('POST', `/api/v1/tickets/${c.id}/merge`, { source_ids: ['tkt_00000000000000000000000000'] }), 404, 'TICKET_NOT_FOUND');
    // merging into a closed (merged) ticket is refused too
    expectProblem(await t.api('POST', `/api/v1/tickets/${b.id}/merge`, { source_ids: [c.id] }), 409, 'TICKET_CLOSED');
    expect((await t.api('GET', `/api/v1/tickets/${c.id}`)).json()).toMatchObject({ status: 'new', merged_into_id: null, version: 1 });
    expectProblem(await t.api('POST', `/api/v1/tickets/${c.id}/merge`, { source_ids: [] }), 400, 'VALIDATION_FAILED');
  });
});

describe('bulk update', () => {
  it('applies one change to every ticket', async () => {
    const a = await newTicket(t);
    const b = await newTicket(t);
    const res = await t.api('POST', '/api/v1/tickets/bulk_update', { ids: [a.id, b.id], changes: { priority: 'high', add_tags: ['bulk'], status: 'open' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toHaveLength(2);
    for (const x of [a, b]) {
      expect((await t.api('GET', `/api/v1/tickets/${x.id}`)).json()).toMatchObject({ priority: 'high', tags: ['bulk'], status: 'open', version: 2 });
      expect((await eventsOf(t, x.id)).map((e) => e.name)).toEqual(expect.arrayContaining(['ticket.priority_changed', 'ticket.tags_changed', 'ticket.status_changed']));
    }
  });

  it('is all or nothing: one bad ticket refuses the whole change and lists every failure', async () => {
    const a = await newTicket(t);
    const b = await newTicket(t);
    const closed = await newTicket(t);
    await patchTicket(t, closed.id, { status: 'solved' });
    await patchTicket(t, closed.id, { status: 'closed' });
    const missing = 'tkt_00000000000000000000000000';
    const eventsBefore = (await eventsOf(t, a.id)).length;
    const p = expectProblem(
      await t.api('POST', '/api/v1/tickets/bulk_update', { ids: [a.id, missing, b.id, closed.id], changes: { priority: 'urgent' } }),
      422, 'BULK_UPDATE_REJECTED',
    );
    expect(p.failures).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: missing, code: 'TICKET_NOT_FOUND' }),
      expect.objectContaining({ id: closed.id, code: 'TICKET_CLOSED' }),
    ]));
    expect(p.failures).toHaveLength(2);
    for (const x of [a, b]) expect((await t.api('GET', `/api/v1/tickets/${x.id}`)).json()).toMatchObject({ priority: 'normal', version: 1 });
    expect((await eventsOf(t, a.id)).length).toBe(eventsBefore);
    // a change that every ticket refuses
    const q = expectProblem(await t.api('POST', '/api/v1/tickets/bulk_update', { ids: [a.id, b.id], changes: { status: 'closed' } }), 422, 'BULK_UPDATE_REJECTED');
    expect(q.failures.map((f: { code: string }) => f.code)).toEqual(['INVALID_STATUS_TRANSITION', 'INVALID_STATUS_TRANSITION']);
  });

  it('needs the bulk ability', async () => {
    const analyst = await t.addUser('bulk-analyst', 'analyst');
    const a = await newTicket(t);
    expectProblem(await t.api('POST', '/api/v1/tickets/bulk_update', { ids: [a.id], changes: { priority: 'low' } }, { token: analyst.token }), 403, 'FORBIDDEN');
  });
});

describe('concurrency (real on PostgreSQL, serialised on PGlite)', () => {
  it('two PATCHes with the same If-Match: exactly one wins, the other gets 412', async () => {
    const tk = await newTicket(t);
    const [a, b] = await Promise.all([
      t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'high' }, { headers: { 'if-match': '"1"' } }),
      t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'low' }, { headers: { 'if-match': '"1"' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    const winner = a.statusCode === 200 ? a : b;
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json()).toMatchObject({ version: 2, priority: winner.json().priority });
    expect((await eventsOf(t, tk.id)).filter((e) => e.name === 'ticket.priority_changed')).toHaveLength(1);
  });

  it('concurrent unconditional PATCHes all apply, each bumping the version once', async () => {
    const tk = await newTicket(t);
    const res = await Promise.all(['a', 'b', 'c', 'd'].map((tag) => t.api('PATCH', `/api/v1/tickets/${tk.id}`, { add_tags: [tag] })));
    for (const r of res) expect(r.statusCode, r.body).toBe(200);
    const now = (await t.api('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(now.version).toBe(5);
    expect([...now.tags].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('crossing merges (A into B, B into A) never both succeed and never deadlock', async () => {
    const a = await newTicket(t);
    const b = await newTicket(t);
    const [x, y] = await Promise.all([
      t.api('POST', `/api/v1/tickets/${b.id}/merge`, { source_ids: [a.id] }),
      t.api('POST', `/api/v1/tickets/${a.id}/merge`, { source_ids: [b.id] }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const [na, nb] = [(await t.api('GET', `/api/v1/tickets/${a.id}`)).json(), (await t.api('GET', `/api/v1/tickets/${b.id}`)).json()];
    expect([na.merged_into_id, nb.merged_into_id].filter(Boolean)).toHaveLength(1);
  });

  it('concurrent tickets from one new requester share one customer', async () => {
    const res = await Promise.all(Array.from({ length: 5 }, (_, i) =>
      t.api('POST', '/api/v1/tickets', { subject: `Burst ${i}`, body: 'b', requester: { email: 'burst@x.test' }, tags: ['burst'] })));
    for (const r of res) expect(r.statusCode, r.body).toBe(201);
    expect(new Set(res.map((r) => r.json().requester_id)).size).toBe(1);
    expect((await t.api('GET', '/api/v1/tickets?tag=burst')).json().data).toHaveLength(5);
  });
});

describe('brand-limited agents', () => {
  it("create tickets in a brand they can see when no brand is named", async () => {
    const agentB = await t.addUser('brand-b-creator', 'agent', { brandIds: [t.brandB.id] });
    const res = await t.api('POST', '/api/v1/tickets', { subject: 'From B', body: 'b', requester: { email: 'bb@x.test' } }, { token: agentB.token });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().brand_id).toBe(t.brandB.id);
    expectProblem(
      await t.api('PATCH', `/api/v1/tickets/${res.json().id}`, { brand_id: t.brandA.id }, { token: agentB.token }),
      404, 'BRAND_NOT_FOUND',
    );
  });
});

describe('follow-ups keep working when the workspace or the requester changed', () => {
  const close = async (id: string) => {
    await patchTicket(t, id, { status: 'solved' });
    await patchTicket(t, id, { status: 'closed' });
  };

  it('for a requester whose email identity was removed (phone only)', async () => {
    const src = await newTicket(t, { requester: { email: 'phone-only@x.test' } });
    await close(src.id);
    const phone = await t.api('POST', `/api/v1/customers/${src.requester_id}/identities`, { kind: 'phone', value: '+49 151 2345 6789' });
    expect(phone.statusCode, phone.body).toBe(201);
    const customer = (await t.api('GET', `/api/v1/customers/${src.requester_id}`)).json();
    const email = customer.identities.find((i: { kind: string }) => i.kind === 'email');
    expect((await t.api('DELETE', `/api/v1/customers/${src.requester_id}/identities/${email.id}`)).statusCode).toBe(204);
    const res = await t.api('POST', `/api/v1/tickets/${src.id}/follow_up`, { body: 'Calling back about this.' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ follow_up_of_id: src.id, requester_id: src.requester_id });
  });

  it('when a required custom field was added: the follow-up carries the original values', async () => {
    await t.api('POST', '/api/v1/custom_fields', { key: 'fu_note', label: 'Note', type: 'text' });
    const src = await newTicket(t, { custom_fields: { fu_note: 'keep me' } });
    await close(src.id);
    const req = await t.api('POST', '/api/v1/custom_fields', { key: 'fu_area', label: 'Area', type: 'dropdown', options: ['pay', 'login'], is_required: true });
    expect(req.statusCode).toBe(201);
    try {
      // the closed ticket predates the required field: the follow-up cannot be created without it …
      expectProblem(await t.api('POST', `/api/v1/tickets/${src.id}/follow_up`, { body: 'Again' }), 422, 'CUSTOM_FIELD_REQUIRED');
      const withValue = await t.api('POST', `/api/v1/tickets/${src.id}/follow_up`, { body: 'Again', custom_fields: { fu_area: 'login' } });
      expect(withValue.statusCode, withValue.body).toBe(201);
      expect(withValue.json().custom_fields).toEqual({ fu_note: 'keep me', fu_area: 'login' });
      // … a source that has it passes it on
      const src2 = await newTicket(t, { custom_fields: { fu_note: 'n2', fu_area: 'pay' } });
      await close(src2.id);
      const res = await t.api('POST', `/api/v1/tickets/${src2.id}/follow_up`, { body: 'Again' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().custom_fields).toEqual({ fu_note: 'n2', fu_area: 'pay' });
      // … and values of retired fields are not carried over (they would be refused)
      await t.api('PATCH', `/api/v1/custom_fields/${(await t.api('GET', '/api/v1/custom_fields')).json().data.find((f: { key: string }) => f.key === 'fu_note').id}`, { is_active: false });
      const src3 = await newTicket(t, { custom_fields: { fu_area: 'login' } });
      await t.db.query(`UPDATE tickets SET custom_fields = custom_fields || '{"fu_note":"old"}'::jsonb WHERE id = $1`, [src3.id]);
      await close(src3.id);
      const res3 = await t.api('POST', `/api/v1/tickets/${src3.id}/follow_up`, { body: 'Again' });
      expect(res3.statusCode, res3.body).toBe(201);
      expect(res3.json().custom_fields).toEqual({ fu_area: 'login' });
    } finally {
      await t.api('PATCH', `/api/v1/custom_fields/${req.json().id}`, { is_active: false });
    }
  });
});

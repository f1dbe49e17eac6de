import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket, patchTicket } from '../helpers/api-helpers.js';
import { signTrackerPayload } from '../../src/domain/problems/index.js';
import { ok } from './routing-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const messagesOf = async (id: string) => (await ok(await t.api('GET', `/api/v1/tickets/${id}/messages`))).data as Array<{ body: string; public: boolean }>;

describe('problems', () => {
  it('links many tickets, pushes an update to each customer, and solves them all with one message', async () => {
    const a = await newTicket(t, { subject: 'Payouts late (1)' });
    const b = await newTicket(t, { subject: 'Payouts late (2)', brand_id: t.brandB.id });
    const c = await newTicket(t, { subject: 'Payouts late (3)' });
    const solvedAlready = await newTicket(t, { subject: 'Payouts late (4)' });
    const p = await ok(await t.api('POST', '/api/v1/problems', { title: 'Payout batch delayed', ticket_ids: [a.id, b.id] }), 201);
    expect(p.tickets.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id].sort());
    await ok(await t.api('POST', `/api/v1/problems/${p.id}/tickets`, { ticket_ids: [c.id, solvedAlready.id, a.id] }));
    await patchTicket(t, solvedAlready.id, { status: 'solved' });
    // one ticket, one problem
    const p2 = await ok(await t.api('POST', '/api/v1/problems', { title: 'Other' }), 201);
    expectProblem(await t.api('POST', `/api/v1/problems/${p2.id}/tickets`, { ticket_ids: [a.id] }), 409, 'TICKET_ALREADY_LINKED');
    expect((await ok(await t.api('GET', `/api/v1/tickets/${a.id}/problem`))).id).toBe(p.id);

    const upd = await ok(await t.api('POST', `/api/v1/problems/${p.id}/updates`, { body: 'We found the cause; payouts resume tonight.' }));
    expect(upd.ticket_ids.sort()).toEqual([a.id, b.id, c.id].sort());
    expect(upd.skipped).toBe(1);
    for (const id of [a.id, b.id, c.id]) {
      const last = (await messagesOf(id)).at(-1)!;
      expect(last).toMatchObject({ body: 'We found the cause; payouts resume tonight.', public: true });
    }
    expect((await messagesOf(solvedAlready.id)).some((m) => m.body.startsWith('We found'))).toBe(false);
    // a brand-limited agent's update skips what they cannot see
    const brandA = await t.addUser('prb_agent', 'agent', { brandIds: [t.brandA.id] });
    const limited = await ok(await t.api('POST', `/api/v1/problems/${p.id}/updates`, { body: 'Brand A only' }, { token: brandA.token }));
    expect(limited.ticket_ids.sort()).toEqual([a.id, c.id].sort());

    expectProblem(await t.api('POST', `/api/v1/problems/${p.id}/solve`, { body: '  ' }), 422, 'BODY_REQUIRED');
    const solved = await ok(await t.api('POST', `/api/v1/problems/${p.id}/solve`, { body: 'Fixed: all payouts have been sent.' }));
    expect(solved.problem.status).toBe('solved');
    expect(solved.ticket_ids.sort()).toEqual([a.id, b.id, c.id].sort());
    for (const id of [a.id, b.id, c.id]) {
      expect((await ok(await t.api('GET', `/api/v1/tickets/${id}`))).status).toBe('solved');
      expect((await messagesOf(id)).at(-1)).toMatchObject({ body: 'Fixed: all payouts have been sent.', public: true });
    }
    expectProblem(await t.api('POST', `/api/v1/problems/${p.id}/updates`, { body: 'late' }), 409, 'PROBLEM_SOLVED');
    expectProblem(await t.api('POST', `/api/v1/problems/${p.id}/solve`, { body: 'again' }), 409, 'PROBLEM_SOLVED');
    const ev = await t.db.query<{ name: string }>("SELECT name FROM events WHERE aggregate_id = $1 AND aggregate_type = 'problem' ORDER BY seq", [p.id]);
    expect(ev.map((e) => e.name)).toEqual([
      'problem.created', 'problem.ticket_linked', 'problem.ticket_linked', 'problem.ticket_linked', 'problem.ticket_linked',
      'problem.update_posted', 'problem.update_posted', 'problem.solved',
    ]);
  });

  it('is all-or-nothing and answers bad input with problems', async () => {
    const a = await newTicket(t);
    expectProblem(await t.api('POST', '/api/v1/problems', { title: '' }), 422, 'TITLE_REQUIRED');
    expectProblem(await t.api('POST', '/api/v1/problems', { title: 'x', ticket_ids: [a.id, 'tkt_00000000000000000000000000'] }), 404, 'TICKET_NOT_FOUND');
    expect((await ok(await t.api('GET', `/api/v1/tickets/${a.id}/problem`)))).toBeNull();
    expectProblem(await t.api('GET', '/api/v1/problems/prb_nope'), 404, 'PROBLEM_NOT_FOUND');
    // collaborators see only problems linked to a case shared with them
    const collab = await t.addUser('prb_collab', 'collaborator');
    const shared = await newTicket(t);
    const pShared = await ok(await t.api('POST', '/api/v1/problems', { title: 'Shared one', ticket_ids: [shared.id] }), 201);
    const pOther = await ok(await t.api('POST', '/api/v1/problems', { title: 'Not for collaborators', ticket_ids: [a.id] }), 201);
    expect((await t.api('POST', `/api/v1/tickets/${shared.id}/shares`, { user_id: collab.user.id })).statusCode).toBe(204);
    const seen = (await ok(await t.api('GET', '/api/v1/problems', undefined, { token: collab.token }))).data.map((x: { id: string }) => x.id);
    expect(seen).toEqual([pShared.id]);
    expectProblem(await t.api('GET', `/api/v1/problems/${pOther.id}`, undefined, { token: collab.token }), 404, 'PROBLEM_NOT_FOUND');
    expectProblem(await t.api('GET', `/api/v1/tickets/${a.id}/problem`, undefined, { token: collab.token }), 404, 'TICKET_NOT_FOUND');
    expect((await ok(await t.api('GET', `/api/v1/problems/${pShared.id}`, undefined, { token: collab.token }))).tickets).toHaveLength(1);
    const analyst = await t.addUser('prb_analyst', 'analyst');
    expectProblem(await t.api('POST', '/api/v1/problems', { title: 'x' }, { token: analyst.token }), 403, 'FORBIDDEN');
  });
});

describe('tracker webhook', () => {
  it('updates the linked issue\'s status with a valid signature; rejects bad, stale and replayed deliveries', async () => {
    const integ = await ok(await t.api('POST', '/api/v1/tracker_integrations', { name: 'Jira' }), 201);
    expect(integ.secret).toMatch(/^whsec_/);
    expect(integ.webhook_url).toBe(`/webhooks/trackers/${integ.id}`);
    expect((await ok(await t.api('GET', '/api/v1/tracker_integrations'))).data[0].secret).toBeUndefined();
    const p = await ok(await t.api('POST', '/api/v1/problems', { title: 'Upload bug' }), 201);
    await ok(await t.api('POST', `/api/v1/problems/${p.id}/trackers`, { integration_id: integ.id, external_key: 'ENG-42', url: 'https://jira.test/browse/ENG-42', status: 'open' }), 201);
    expectProblem(await t.api('POST', `/api/v1/problems/${p.id}/trackers`, { integration_id: integ.id, external_key: 'ENG-42', url: 'https://jira.test/x' }), 409, 'TRACKER_KEY_LINKED');

    const now = () => Math.floor(t.clock.now().getTime() / 1000);
    const send = (body: string, headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: `/webhooks/trackers/${integ.id}`, payload: body, headers: { 'content-type': 'application/json', ...headers } });
    const body = JSON.stringify({ external_key: 'ENG-42', status: 'in_progress' });
    const good = { 'x-switchboard-signature': signTrackerPayload(integ.secret, now(), body), 'x-switchboard-delivery': 'd-1' };

    const cases: Array<[Record<string, string>, string, number, string]> = [
      [{ 'x-switchboard-delivery': 'd-0' }, body, 401, 'SIGNATURE_MISSING'],
      [{ 'x-switchboard-signature': 'sha256=abc', 'x-switchboard-delivery': 'd-0' }, body, 401, 'SIGNATURE_MALFORMED'],
      [{ 'x-switchboard-signature': signTrackerPayload('whsec_wrong', now(), body), 'x-switchboard-delivery': 'd-0' }, body, 401, 'SIGNATURE_INVALID'],
      // body changed after signing
      [good, body.replace('in_progress', 'done'), 401, 'SIGNATURE_INVALID'],
      [{ 'x-switchboard-signature': signTrackerPayload(integ.secret, now() - 301, body), 'x-switchboard-delivery': 'd-0' }, body, 401, 'SIGNATURE_EXPIRED'],
      [{ 'x-switchboard-signature': signTrackerPayload(integ.secret, now(), body) }, body, 422, 'DELIVERY_ID_REQUIRED'],
    ];
    for (const [h, b, status, code] of cases) expectProblem(await send(b, h), status, code);
    // unknown integration: same answer as a bad signature
    expectProblem(await t.app.inject({ method: 'POST', url: '/webhooks/trackers/trk_nope', payload: body, headers: { 'content-type': 'application/json', ...good } }), 401, 'SIGNATURE_INVALID');

    const res = await send(body, good);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 1 });
    expect((await ok(await t.api('GET', `/api/v1/problems/${p.id}`))).trackers[0]).toMatchObject({ external_key: 'ENG-42', status: 'in_progress', integration_name: 'Jira' });
    // the same delivery again is a replay
    expectProblem(await send(body, good), 409, 'DELIVERY_REPLAYED');
    // a signed but malformed update
    const bad = JSON.stringify({ external_key: 'ENG-42' });
    expectProblem(await send(bad, { 'x-switchboard-signature': signTrackerPayload(integ.secret, now(), bad), 'x-switchboard-delivery': 'd-2' }), 422, 'INVALID_TRACKER_UPDATE');
    const notJson = 'status=done';
    expectProblem(await send(notJson, { 'x-switchboard-signature': signTrackerPayload(integ.secret, now(), notJson), 'x-switchboard-delivery': 'd-3' }), 422, 'INVALID_JSON');
    const ev = await t.db.query<{ payload: { status: string } }>("SELECT payload FROM events WHERE name = 'problem.tracker_updated' AND aggregate_id = $1", [p.id]);
    expect(ev.map((e) => e.payload.status)).toEqual(['in_progress']);
  });
});

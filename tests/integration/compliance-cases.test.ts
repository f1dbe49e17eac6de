import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRegulatoryDeadlines, warnDueCases } from '../../src/domain/compliance/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket } from '../helpers/api-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('regulatory cases', () => {
  it('GDPR: clock from receipt (Irish calendar), one extension inside the first month, never after', async () => {
    t.clock.set('2025-03-05T10:00:00Z');
    const tk = await newTicket(t, { subject: 'Give me my data' });
    const res = await t.api('POST', '/api/v1/compliance/cases', { type: 'gdpr_access', ticket_id: tk.id });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ due_date: '2025-04-07', regime: 'GDPR', country: 'IE', status: 'open', extension_allowed: true, customer_id: tk.requester_id });
    expect(c.due_at).toBe('2025-04-07T23:00:00.000Z');
    expectProblem(await t.api('POST', '/api/v1/compliance/cases', { type: 'gdpr_access', ticket_id: tk.id }), 409, 'DUPLICATE_CASE');
    expectProblem(await t.api('POST', `/api/v1/compliance/cases/${c.id}/extend`, {}), 422, 'REASON_REQUIRED');
    expectProblem(await t.api('POST', `/api/v1/compliance/cases/${c.id}/holding-reply`, { reason: 'x' }), 422, 'NO_HOLDING_REPLY');
    t.clock.set('2025-03-20T10:00:00Z');
    const ext = await t.api('POST', `/api/v1/compliance/cases/${c.id}/extend`, { reason: 'Complex: 9 years of records across 3 brands' });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json()).toMatchObject({ due_date: '2025-06-05', extension_reason: 'Complex: 9 years of records across 3 brands', extension_allowed: false });
    expectProblem(await t.api('POST', `/api/v1/compliance/cases/${c.id}/extend`, { reason: 'again' }), 409, 'ALREADY_EXTENDED');
    const ev = await t.db.query<{ name: string }>(`SELECT name FROM events WHERE aggregate_id = $1 ORDER BY seq`, [c.id]);
    expect(ev.map((e) => e.name)).toEqual(['compliance.case_opened', 'compliance.case_extended']);
  });

  it('an extension after the first month is refused', async () => {
    t.clock.set('2025-03-05T10:00:00Z');
    const c = (await t.api('POST', '/api/v1/compliance/cases', { type: 'gdpr_erasure', customer_id: (await newTicket(t)).requester_id })).json();
    t.clock.set('2025-04-08T09:00:00Z');
    expectProblem(await t.api('POST', `/api/v1/compliance/cases/${c.id}/extend`, { reason: 'too late' }), 422, 'EXTENSION_TOO_LATE');
    // answering late needs the reason for the delay
    expectProblem(await t.api('POST', `/api/v1/compliance/cases/${c.id}/respond`, { outcome: 'erased' }), 422, 'LATE_REASON_REQUIRED');
    const r = await t.api('POST', `/api/v1/compliance/cases/${c.id}/respond`, { outcome: 'erased', late_reason: 'backlog', reason_code: 'done' });
    expect(r.json()).toMatchObject({ status: 'responded', responder_type: 'user', outcome: 'erased' });
  });

  it('PSD2: 15 business days; a holding reply needs a reason and moves the final date to 35 (with German holidays)', async () => {
    t.clock.set('2025-03-03T09:00:00Z');
    const tk = await newTicket(t);
    const c = (await t.api('POST', '/api/v1/compliance/cases', { type: 'psd2_complaint', ticket_id: tk.id, country: 'DE' })).json();
    expect(c.due_date).toBe('2025-03-24');
    expectProblem(await t.api('POST', `/api/v1/compliance/cases/${c.id}/holding-reply`, { reason: '  ' }), 422, 'REASON_REQUIRED');
    const h = await t.api('POST', `/api/v1/compliance/cases/${c.id}/holding-reply`, { reason: 'Waiting for the card scheme' });
    expect(h.json()).toMatchObject({ due_date: '2025-04-23', holding_reason: 'Waiting for the card scheme' });
    // exposed for the routing priority score
    const map = await t.as(t.actorOf(t.admin), (ctx) => getRegulatoryDeadlines(ctx, [tk.id, 'tkt_none']));
    expect(map.get(tk.id)?.map((d) => [d.type, d.due_at.toISOString()])).toEqual([['psd2_complaint', '2025-04-23T22:00:00.000Z']]);
    expect(map.has('tkt_none')).toBe(false);
  });

  it('UK: pause and resume shift due_at; the warning job fires once', async () => {
    t.clock.set('2025-03-03T09:00:00Z');
    const c = (await t.api('POST', '/api/v1/compliance/cases', { type: 'uk_gdpr_request', customer_id: (await newTicket(t)).requester_id })).json();
    expect(c.due_date).toBe('2025-04-03');
    expect((await t.api('POST', `/api/v1/compliance/cases/${c.id}/pause`, { reason: 'asked which account' })).json().status).toBe('paused');
    t.clock.set('2025-03-07T09:00:00Z');
    expect((await t.api('POST', `/api/v1/compliance/cases/${c.id}/resume`)).json()).toMatchObject({ status: 'open', paused_days: 4, due_date: '2025-04-07' });
    const warnAt = new Date((await t.api('GET', `/api/v1/compliance/cases/${c.id}`)).json().warn_at);
    expect(await warnDueCases(t.db, new Date(warnAt.getTime() - 1000))).toBe(0);
    expect(await warnDueCases(t.db, warnAt)).toBeGreaterThanOrEqual(1);
    expect(await warnDueCases(t.db, warnAt)).toBe(0);
    const ev = await t.db.query(`SELECT 1 FROM events WHERE aggregate_id = $1 AND name = 'compliance.case_due_soon'`, [c.id]);
    expect(ev).toHaveLength(1);
  });

  it('bad input: unknown type/country/ticket, future receipt', async () => {
    t.clock.set('2025-03-03T09:00:00Z');
    expectProblem(await t.api('POST', '/api/v1/compliance/cases', { type: 'nope' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.api('POST', '/api/v1/compliance/cases', { type: 'psd2_complaint', country: 'XX' }), 422, 'UNKNOWN_COUNTRY');
    expectProblem(await t.api('POST', '/api/v1/compliance/cases', { type: 'psd2_complaint', ticket_id: 'tkt_missing' }), 404, 'TICKET_NOT_FOUND');
    expectProblem(await t.api('POST', '/api/v1/compliance/cases', { type: 'psd2_complaint', received_at: '2025-03-04T09:00:00Z' }), 422, 'RECEIVED_IN_FUTURE');
    expectProblem(await t.api('PUT', '/api/v1/compliance/calendars/IE/overrides/2025-02-29', { kind: 'add' }), 422, 'INVALID_DATE');
  });

  it('rules are data: a published version applies to new cases only; holidays are configurable', async () => {
    t.clock.set('2025-03-03T09:00:00Z');
    const before = (await t.api('POST', '/api/v1/compliance/cases', { type: 'lgpd_request' })).json();
    expect(before.due_date).toBe('2025-03-18');
    const rules = (await t.api('GET', '/api/v1/compliance/rules')).json().data;
    const lgpd = rules.find((r: { key: string }) => r.key === 'lgpd.request');
    const pub = await t.api('PUT', '/api/v1/compliance/rules/lgpd.request', { definition: { ...lgpd, source: undefined, clocks: [{ name: 'respond', step: { kind: 'calendar_days', days: 10 } }] }, note: 'counsel: 10 days' });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().version).toBe(2);
    expectProblem(await t.api('PUT', '/api/v1/compliance/rules/lgpd.request', { definition: { ...lgpd, primary: 'nope' } }), 422, 'INVALID_RULE');
    const after = (await t.api('POST', '/api/v1/compliance/cases', { type: 'lgpd_request' })).json();
    expect([after.due_date, after.rule_version]).toEqual(['2025-03-13', 2]);
    expect((await t.api('GET', `/api/v1/compliance/cases/${before.id}`)).json().due_date).toBe('2025-03-18');
    // a workspace closure day moves a PSD2 due date (shipped IE calendar: 17 March is St Patrick's Day → 03-25; + closure → 03-26)
    expect((await t.api('PUT', '/api/v1/compliance/calendars/IE/overrides/2025-03-10', { name: 'Office move', kind: 'add' })).statusCode).toBe(200);
    expect((await t.api('POST', '/api/v1/compliance/cases', { type: 'psd2_complaint' })).json().due_date).toBe('2025-03-26');
  });
});

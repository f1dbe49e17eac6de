import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideAppeal, verifyAuditChain } from '../../src/domain/compliance/index.js';
import { systemActor } from '../../src/domain/kernel/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket, patchTicket } from '../helpers/api-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('retention schedules', () => {
  it('dry-run reports, enabled runs purge in batches and log; the Art. 30 record shows the same values', async () => {
    t.clock.set('2022-01-10T10:00:00Z');
    const old = await newTicket(t, { subject: 'Old closed case', body: 'old secret body' });
    await patchTicket(t, old.id, { status: 'solved' });
    await patchTicket(t, old.id, { status: 'closed' });
    const oldOther = await newTicket(t, { subject: 'Old brand B case', brand_id: t.brandB.id });
    await patchTicket(t, oldOther.id, { status: 'solved' });
    await patchTicket(t, oldOther.id, { status: 'closed' });
    t.clock.set('2025-06-01T10:00:00Z');
    const recent = await newTicket(t, { subject: 'Recent closed case' });
    await patchTicket(t, recent.id, { status: 'solved' });
    await patchTicket(t, recent.id, { status: 'closed' });
    expect((await t.api('PUT', '/api/v1/compliance/retention/policies', { category: 'closed_tickets', days: 1095, enabled: false })).statusCode).toBe(200);
    expect((await t.api('PUT', '/api/v1/compliance/retention/policies', { category: 'closed_tickets', days: 3650, enabled: true, brand_id: t.brandB.id })).statusCode).toBe(200);
    expect((await t.api('PUT', '/api/v1/compliance/retention/policies', { category: 'audit_logs', days: 365, enabled: true })).statusCode).toBe(200);
    expectProblem(await t.api('PUT', '/api/v1/compliance/retention/policies', { category: 'nope', days: 1, enabled: true }), 422, 'UNKNOWN_CATEGORY');
    expectProblem(await t.api('PUT', '/api/v1/compliance/retention/policies', { category: 'attachments', days: 0, enabled: true }), 422, 'INVALID_DAYS');

    // (the test world's own setup rows were written at 2026-03-02: run a year later so the audit schedule reaches them)
    t.clock.set('2027-06-01T10:00:00Z');
    const dry = (await t.api('POST', '/api/v1/compliance/retention/dry-run')).json();
    const closed = dry.rows.filter((r: { category: string }) => r.category === 'closed_tickets');
    expect(closed.map((r: { brand_id: string | null; due: number; purged: number }) => [r.brand_id, r.due, r.purged])).toEqual([[null, 1, 0], [t.brandB.id, 0, 0]]);
    expect((await t.db.one<{ subject: string }>('SELECT subject FROM tickets WHERE id = $1', [old.id])).subject).toBe('Old closed case');

    // enable the workspace schedule: the brand-A ticket past 3 years is purged; brand B (10 years) and the recent one are kept
    await t.api('PUT', '/api/v1/compliance/retention/policies', { category: 'closed_tickets', days: 1095, enabled: true });
    const run = (await t.api('POST', '/api/v1/compliance/retention/run')).json();
    expect(run.rows.find((r: { category: string; brand_id: string | null }) => r.category === 'closed_tickets' && r.brand_id === null).purged).toBe(1);
    const subjects = await t.db.query<{ id: string; subject: string }>('SELECT id, subject FROM tickets WHERE id = ANY($1::text[]) ORDER BY id', [[old.id, oldOther.id, recent.id]]);
    expect(Object.fromEntries(subjects.map((s) => [s.id, s.subject]))).toEqual({ [old.id]: '[purged]', [oldOther.id]: 'Old brand B case', [recent.id]: 'Recent closed case' });
    expect((await t.db.one<{ body_text: string }>('SELECT body_text FROM messages WHERE ticket_id = $1', [old.id])).body_text).toBe('[purged]');
    // logs older than 12 months purged; the remaining chain still verifies (anchored after the purge)
    expect(run.rows.find((r: { category: string }) => r.category === 'audit_logs').purged).toBeGreaterThan(0);
    expect((await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE occurred_at < '2026-06-01'`)).n).toBe(0);
    const chain = await verifyAuditChain(t.db);
    expect(chain.ok).toBe(true);
    expect(chain.anchored_at).toBeGreaterThan(1);
    const logged = await t.db.query(`SELECT 1 FROM events WHERE name = 'compliance.retention_run'`);
    expect(logged.length).toBe(2);

    const record = (await t.api('GET', '/api/v1/compliance/record-of-processing')).json();
    const policies = (await t.api('GET', '/api/v1/compliance/retention/policies')).json().data;
    expect(record.erasure_time_limits.map((e: { category: string; days: number }) => [e.category, e.days])).toEqual(policies.map((p: { category: string; days: number }) => [p.category, p.days]));
    expect(run.rows.map((r: { category: string; days: number }) => [r.category, r.days])).toEqual(policies.map((p: { category: string; days: number }) => [p.category, p.days]));
  });
});

describe('DSA', () => {
  it('notice intake, statements of reasons with a PII-free export, appeals (window, human reviewer), ODS, transparency figures from events', async () => {
    t.clock.set('2025-07-01T09:00:00Z');
    const notice = { url: 'https://app.example/v/123', reasons: 'Counterfeit goods', notifier_name: 'Brand Owner', notifier_email: 'legal@brand.example', good_faith: true, category: 'ip_infringement' };
    expectProblem(await t.api('POST', '/api/v1/compliance/dsa/notices', { ...notice, url: '' }), 422, 'NOTICE_URL_REQUIRED');
    expectProblem(await t.api('POST', '/api/v1/compliance/dsa/notices', { ...notice, good_faith: false }), 422, 'GOOD_FAITH_REQUIRED');
    const pub = await t.app.inject({ method: 'POST', url: '/public/v1/compliance/dsa/notices', payload: { ...notice, brand_id: t.brandA.id } });
    expect(pub.statusCode, pub.body).toBe(201);
    expect(pub.json().receipt_sent_at).toBe('2025-07-01T09:00:00.000Z');
    const creator = await newTicket(t, { requester: { email: 'creator.person@example.com', name: 'Creator Person' } });
    const sor = await t.api('POST', '/api/v1/compliance/dsa/statements', {
      notice_id: pub.json().id, customer_id: creator.requester_id, content_ref: 'video:123', measure: 'demonetisation', scope: 'EU', duration: '30 days',
      facts: 'Creator Person (creator.person@example.com, +353 87 765 4321) sold counterfeit goods', automated_detection: true, automated_decision: false,
      ground_type: 'illegal_content', ground: 'Trade mark law',
    });
    expect(sor.statusCode, sor.body).toBe(201);
    expect(sor.json().redress).toMatch(/out-of-court/);
    const exp = (await t.api('GET', '/api/v1/compliance/dsa/statements/export?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z')).json().data;
    expect(exp).toHaveLength(1);
    expect(exp[0]).toMatchObject({ puid: sor.json().puid, decision: 'demonetisation', automated_detection: 'Yes' });
    expect(JSON.stringify(exp)).not.toMatch(/creator\.person|Creator Person|765 4321/);

    // appeal on day 182 is accepted; after the window it is refused
    t.clock.set(new Date(Date.parse('2025-07-01T09:00:00Z') + 182 * 86_400_000));
    const appeal = await t.api('POST', '/api/v1/compliance/dsa/appeals', { statement_id: sor.json().id, appellant_type: 'recipient', reasons: 'Genuine goods' });
    expect(appeal.statusCode, appeal.body).toBe(201);
    // never solely automated: the system actor cannot decide
    await expect(t.as(systemActor(t.workspaceId), (ctx) => decideAppeal(ctx, appeal.json().id, { decision: 'reversed', reasons: 'auto' }))).rejects.toMatchObject({ code: 'HUMAN_REVIEW_REQUIRED' });
    t.clock.set(new Date(Date.parse('2025-07-01T09:00:00Z') + 184 * 86_400_000));
    const d = await t.api('POST', `/api/v1/compliance/dsa/appeals/${appeal.json().id}/decide`, { decision: 'reversed', reasons: 'Receipts show the goods are genuine' });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ reviewer_id: t.admin.id, reversed: true });
    expect(d.json().reply).toMatch(/out-of-court dispute settlement/);
    t.clock.set(new Date(Date.parse('2025-07-01T09:00:00Z') + 186 * 86_400_000));
    expectProblem(await t.api('POST', '/api/v1/compliance/dsa/appeals', { statement_id: sor.json().id, appellant_type: 'notifier', reasons: 'late' }), 422, 'APPEAL_WINDOW_CLOSED');
    expect((await t.api('POST', '/api/v1/compliance/dsa/ods', { statement_id: sor.json().id, appeal_id: appeal.json().id, body: 'ADR Centre', referred_at: '2026-01-05T00:00:00Z' })).statusCode).toBe(201);

    const figs = (await t.api('GET', '/api/v1/compliance/dsa/transparency?from=2025-01-01T00:00:00Z&to=2027-01-01T00:00:00Z')).json();
    // the same figures recomputed from the tables
    const rows = await t.db.query<{ received_at: Date; decided_at: Date | null; decision: string | null }>('SELECT received_at, decided_at, decision FROM compliance_dsa_appeals');
    const hours = rows.filter((r) => r.decided_at).map((r) => (new Date(r.decided_at!).getTime() - new Date(r.received_at).getTime()) / 3_600_000);
    expect(figs.appeals).toMatchObject({ received: rows.length, decided: hours.length, reversed: rows.filter((r) => r.decision === 'reversed').length, by_basis: { illegal_content: 1 } });
    expect(figs.appeals.median_handling_hours).toBe(hours[0]);
    expect(figs).toMatchObject({ notices: 1, statements: 1, automated_decisions: 0, ods_disputes: 1 });
  });
});

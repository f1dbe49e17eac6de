import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setScaCodeSender } from '../../src/domain/compliance/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket } from '../helpers/api-helpers.js';

let t: TestApp;
const codes: string[] = [];
beforeAll(async () => {
  t = await createTestApp();
  setScaCodeSender(async (m) => { codes.push(m.code); });
});
afterAll(() => t.close());

const wrong = (c: string) => (c === '000000' ? '111111' : '000000');

describe('SCA step-up', () => {
  it('binds the code to amount and payee, blocks after 5 failures, expires after 5 minutes, is single use', async () => {
    t.clock.set('2025-06-02T10:00:00Z');
    const tk = await newTicket(t, { requester: { email: 'payer@example.com' } });
    const binding = { amount_minor: 12_500, currency: 'EUR', payee: 'IE29 AIBK 9311 5212 3456 78' };
    const start = async () => {
      const r = await t.api('POST', '/api/v1/compliance/sca/challenges', { customer_id: tk.requester_id, purpose: 'change_payout_iban', ...binding, ticket_id: tk.id, device: 'iPhone 15 / app 4.2' });
      expect(r.statusCode, r.body).toBe(201);
      return { id: r.json().challenge.id as string, code: codes.at(-1)! };
    };
    // changing the amount kills the code
    let c = await start();
    expectProblem(await t.api('POST', `/api/v1/compliance/sca/challenges/${c.id}/verify`, { code: c.code, ...binding, amount_minor: 12_501 }), 422, 'SCA_BINDING_MISMATCH');
    expectProblem(await t.api('POST', `/api/v1/compliance/sca/challenges/${c.id}/verify`, { code: c.code, ...binding }), 409, 'SCA_NOT_PENDING');
    // five wrong codes, the sixth attempt is blocked (even with the right code)
    c = await start();
    for (let i = 1; i <= 4; i++) {
      const p = expectProblem(await t.api('POST', `/api/v1/compliance/sca/challenges/${c.id}/verify`, { code: wrong(c.code), ...binding }), 422, 'SCA_WRONG_CODE');
      expect(p.attempts_left).toBe(5 - i);
    }
    expectProblem(await t.api('POST', `/api/v1/compliance/sca/challenges/${c.id}/verify`, { code: wrong(c.code), ...binding }), 409, 'SCA_BLOCKED');
    expectProblem(await t.api('POST', `/api/v1/compliance/sca/challenges/${c.id}/verify`, { code: c.code, ...binding }), 409, 'SCA_BLOCKED');
    // inactivity expiry
    c = await start();
    t.clock.set('2025-06-02T10:05:01Z');
    expectProblem(await t.api('POST', `/api/v1/compliance/sca/challenges/${c.id}/verify`, { code: c.code, ...binding }), 422, 'SCA_EXPIRED');
    // success → consumed once, for exactly that change
    c = await start();
    expect((await t.api('POST', `/api/v1/compliance/sca/challenges/${c.id}/verify`, { code: c.code, ...binding, payee: 'ie29aibk93115212345678' })).json().status).toBe('verified');
    expectProblem(await t.api('POST', `/api/v1/compliance/sca/challenges/${c.id}/consume`, { customer_id: tk.requester_id, purpose: 'change_payout_iban', ...binding, amount_minor: 1 }), 403, 'SCA_BINDING_MISMATCH');
    expect((await t.api('POST', `/api/v1/compliance/sca/challenges/${c.id}/consume`, { customer_id: tk.requester_id, purpose: 'change_payout_iban', ...binding })).json().status).toBe('consumed');
    expectProblem(await t.api('POST', `/api/v1/compliance/sca/challenges/${c.id}/consume`, { customer_id: tk.requester_id, purpose: 'change_payout_iban', ...binding }), 403, 'SCA_REQUIRED');
    const ev = await t.db.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM events WHERE name LIKE 'compliance.sca_%'`);
    expect(JSON.stringify(ev)).not.toContain(c.code);
    expect(JSON.stringify(ev)).not.toContain('AIBK');
  });
});

describe('PSD2 complaints register', () => {
  it('records complaints with clocks, closes with root cause (ADR info when not upheld), exports the quarter by category, gathers dispute evidence', async () => {
    t.clock.set('2025-03-03T09:00:00Z');
    const mk = async (category: string, kind = 'complaint', extra: Record<string, unknown> = {}) => {
      const tk = await newTicket(t, { requester: { email: `c-${category}-${kind}@example.com` } });
      const r = await t.api('POST', '/api/v1/compliance/payment-complaints', { ticket_id: tk.id, kind, category, product: 'in-app purchase', ...extra });
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    const a = await mk('refund_delay');
    const b = await mk('refund_delay');
    const c = await mk('fees');
    const u = await mk('fraud', 'unauthorised_payment', { debit_date: '2024-01-15', amount_minor: 999, currency: 'eur', transaction_ref: 'tx_1' });
    expect(u.late_claim).toBe(true);
    const cases = (await t.api('GET', `/api/v1/compliance/cases?ticket_id=${u.ticket_id}`)).json().data;
    expect(cases[0]).toMatchObject({ type: 'unauthorised_payment', due_date: '2025-03-04' });
    // Irish calendar: 17 March (St Patrick's Day) is not a business day → 15 business days end on 03-25
    expect((await t.api('GET', `/api/v1/compliance/cases?ticket_id=${a.ticket_id}`)).json().data[0].due_date).toBe('2025-03-25');
    expectProblem(await t.api('POST', `/api/v1/compliance/payment-complaints/${a.id}/close`, { outcome: 'rejected', root_cause: 'policy' }), 422, 'ADR_INFO_REQUIRED');
    expectProblem(await t.api('POST', `/api/v1/compliance/payment-complaints/${a.id}/close`, { outcome: 'upheld', root_cause: ' ' }), 422, 'ROOT_CAUSE_REQUIRED');
    t.clock.set('2025-03-20T09:00:00Z');
    expect((await t.api('POST', `/api/v1/compliance/payment-complaints/${a.id}/close`, { outcome: 'rejected', root_cause: 'policy', adr_info_sent: true })).json().status).toBe('closed');
    expect((await t.api('POST', `/api/v1/compliance/payment-complaints/${c.id}/close`, { outcome: 'upheld', root_cause: 'fee bug' })).statusCode).toBe(200);
    expectProblem(await t.api('POST', `/api/v1/compliance/payment-complaints/${c.id}/close`, { outcome: 'upheld', root_cause: 'x' }), 409, 'COMPLAINT_CLOSED');
    const q = (await t.api('GET', '/api/v1/compliance/payment-complaints/quarterly?year=2025&quarter=1')).json();
    expect(q.rows).toEqual([
      { category: 'fees', product: 'in-app purchase', received: 1, closed: 1, upheld: 1, partially_upheld: 0, rejected: 0, withdrawn: 0, open_at_end: 0 },
      { category: 'fraud', product: 'in-app purchase', received: 1, closed: 0, upheld: 0, partially_upheld: 0, rejected: 0, withdrawn: 0, open_at_end: 1 },
      { category: 'refund_delay', product: 'in-app purchase', received: 2, closed: 1, upheld: 0, partially_upheld: 0, rejected: 1, withdrawn: 0, open_at_end: 1 },
    ]);
    // reconciles with the case log
    const caseCount = await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM compliance_cases WHERE type IN ('psd2_complaint','unauthorised_payment') AND received_at >= '2025-01-01' AND received_at < '2025-04-01'`);
    expect(q.rows.reduce((s: number, r: { received: number }) => s + r.received, 0)).toBe(caseCount.n);
    const csv = await t.api('GET', '/api/v1/compliance/payment-complaints/quarterly?year=2025&quarter=1&format=csv');
    expect(csv.body.split('\n')[0]).toBe('category,product,received,closed,upheld,partially_upheld,rejected,withdrawn,open_at_end');
    expectProblem(await t.api('GET', '/api/v1/compliance/payment-complaints/quarterly?year=2025&quarter=5'), 422, 'INVALID_QUARTER');
    void b;
    // dispute view gathers the customer's authentications
    await t.api('POST', '/api/v1/compliance/sca/challenges', { customer_id: u.customer_id, purpose: 'refund', amount_minor: 999, currency: 'EUR', payee: 'merchant', device: 'Pixel 8' });
    const ev = (await t.api('GET', `/api/v1/compliance/payment-complaints/${u.id}/evidence`)).json();
    expect(ev.authentications.map((x: { device: string; factors: string[] }) => [x.device, x.factors.length])).toEqual([['Pixel 8', 2]]);
    expect(ev.timeline.map((e: { name: string }) => e.name)).toContain('compliance.payment_complaint_recorded');
  });
});

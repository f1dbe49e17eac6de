import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket } from '../helpers/api-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const upload = async (name: string) => {
  const r = await t.api('POST', `/api/v1/uploads?filename=${encodeURIComponent(name)}`, Buffer.from('%PDF-1.4 fraud report to the Central Bank'), { headers: { 'content-type': 'application/pdf' } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
};
const claim = async (email: string, extra: Record<string, unknown> = {}) => {
  const tk = await newTicket(t, { requester: { email } });
  const r = await t.api('POST', '/api/v1/compliance/payment-complaints', { ticket_id: tk.id, kind: 'unauthorised_payment', category: 'fraud', product: 'card', amount_minor: 20_000, currency: 'EUR', debit_date: '2025-03-06', country: 'IE', ...extra });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; case_id: string; ticket_id: string };
};
const eventsOf = (_t: TestApp, id: string) => t.db.query<{ name: string; payload: Record<string, unknown> }>('SELECT name, payload FROM events WHERE aggregate_id = $1 ORDER BY seq', [id]);
const caseOf = async (id: string) => (await t.api('GET', `/api/v1/compliance/cases/${id}`)).json();

describe('PSD2 Art. 73 refund or withhold', () => {
  it('withholding the D+1 refund needs the NCA letter attached with its date; the case records the withhold', async () => {
    t.clock.set('2025-03-07T10:00:00Z'); // Fri: refund due by end of Mon 03-10
    const c = await claim('withhold@example.com');
    expect((await caseOf(c.case_id)).due_date).toBe('2025-03-10');
    const url = `/api/v1/compliance/payment-complaints/${c.id}/withhold-refund`;
    expectProblem(await t.api('POST', url, { reason: 'device fingerprint matches a known mule ring' }), 422, 'NCA_LETTER_REQUIRED');
    const letter = await upload('nca-report.pdf');
    expectProblem(await t.api('POST', url, { reason: 'suspicion', nca_letter_attachment_id: letter }), 422, 'NCA_LETTER_REQUIRED');
    expectProblem(await t.api('POST', url, { reason: 'suspicion', nca_reported_on: '2025-03-07' }), 422, 'NCA_LETTER_REQUIRED');
    expectProblem(await t.api('POST', url, { reason: 'suspicion', nca_letter_attachment_id: 'att_00000000000000000000000000', nca_reported_on: '2025-03-07' }), 404, 'NCA_LETTER_NOT_FOUND');
    expectProblem(await t.api('POST', url, { reason: 'suspicion', nca_letter_attachment_id: letter, nca_reported_on: '2025-02-30' }), 422, 'INVALID_DATE');
    expectProblem(await t.api('POST', url, { reason: 'suspicion', nca_letter_attachment_id: letter, nca_reported_on: '2025-03-08' }), 422, 'REPORTED_IN_FUTURE');
    // nothing was written by the refused attempts
    expect((await t.db.one<{ withheld_at: Date | null }>('SELECT withheld_at FROM compliance_payment_complaints WHERE id = $1', [c.id])).withheld_at).toBeNull();

    const ok = await t.api('POST', url, { reason: 'device fingerprint matches a known mule ring', nca_letter_attachment_id: letter, nca_reported_on: '2025-03-07' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ nca_letter_attachment_id: letter, nca_reported_on: '2025-03-07', refund_id: null });
    expect(ok.json().withheld_at).toBe('2025-03-07T10:00:00.000Z');
    expect(await caseOf(c.case_id)).toMatchObject({
      status: 'responded', outcome: 'refund_withheld', reason_code: 'fraud_suspicion_reported_to_nca', details: { nca_letter_attachment_id: letter, nca_reported_on: '2025-03-07' },
    });
    expectProblem(await t.api('POST', url, { reason: 'again', nca_letter_attachment_id: letter, nca_reported_on: '2025-03-07' }), 409, 'ALREADY_WITHHELD');
    const ev = await eventsOf(t, c.id);
    expect(ev.map((e: { name: string }) => e.name)).toContain('compliance.refund_withheld');
    // the database itself refuses a withhold without the letter
    await expect(t.db.query(`UPDATE compliance_payment_complaints SET nca_letter_attachment_id = NULL WHERE id = $1`, [c.id])).rejects.toThrow(/withhold_letter/);

    // the suspicion is cleared later: the refund is still recorded, after the withhold
    t.clock.set('2025-03-20T10:00:00Z');
    const r = await t.api('POST', `/api/v1/compliance/payment-complaints/${c.id}/refund`, { refund_id: 'rf_778', value_date: '2025-03-06' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ refund_id: 'rf_778', refund_value_date: '2025-03-06' });
    // the case keeps its first answer (the withhold) and now also records the refund
    expect(await caseOf(c.case_id)).toMatchObject({ outcome: 'refund_withheld', details: { nca_reported_on: '2025-03-07', refund_id: 'rf_778', refund_value_date: '2025-03-06' } });
  });

  it('records the refund id and value date; the value date must be restored (≤ debit date); only for unauthorised payments', async () => {
    t.clock.set('2025-03-07T10:00:00Z');
    const c = await claim('refund@example.com');
    const url = `/api/v1/compliance/payment-complaints/${c.id}/refund`;
    expectProblem(await t.api('POST', url, { refund_id: ' ', value_date: '2025-03-06' }), 422, 'REFUND_ID_REQUIRED');
    expectProblem(await t.api('POST', url, { refund_id: 'rf_1', value_date: '2025-03-10' }), 422, 'VALUE_DATE_NOT_RESTORED');
    t.clock.set('2025-03-10T15:00:00Z');
    const r = await t.api('POST', url, { refund_id: 'rf_1', value_date: '2025-03-06' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ refund_id: 'rf_1', refund_value_date: '2025-03-06', refunded_at: '2025-03-10T15:00:00.000Z', withheld_at: null });
    const kase = await caseOf(c.case_id);
    expect(kase).toMatchObject({ status: 'responded', outcome: 'refunded', reason_code: 'refund_d_plus_1' });
    // the case itself records the refund id and the value date
    expect(kase.details).toMatchObject({ refund_id: 'rf_1', refund_value_date: '2025-03-06', refunded_at: '2025-03-10T15:00:00.000Z', category: 'fraud' });
    const tl = (await t.api('GET', `/api/v1/compliance/cases/${c.case_id}/timeline`)).json().data.map((e: { name: string }) => e.name);
    expect(tl).toEqual(['compliance.case_opened', 'compliance.payment_complaint_recorded', 'compliance.case_responded', 'compliance.refund_recorded']);
    expectProblem(await t.api('POST', url, { refund_id: 'rf_2', value_date: '2025-03-06' }), 409, 'ALREADY_REFUNDED');
    const letter = await upload('late.pdf');
    expectProblem(await t.api('POST', `/api/v1/compliance/payment-complaints/${c.id}/withhold-refund`, { reason: 'x', nca_letter_attachment_id: letter, nca_reported_on: '2025-03-10' }), 409, 'ALREADY_REFUNDED');

    const tk = await newTicket(t, { requester: { email: 'plain@example.com' } });
    const plain = (await t.api('POST', '/api/v1/compliance/payment-complaints', { ticket_id: tk.id, kind: 'complaint', category: 'fees', product: 'card' })).json();
    expectProblem(await t.api('POST', `/api/v1/compliance/payment-complaints/${plain.id}/refund`, { refund_id: 'rf_3', value_date: '2025-03-06' }), 422, 'NOT_UNAUTHORISED_PAYMENT');
    expectProblem(await t.api('POST', '/api/v1/compliance/payment-complaints/pcm_00000000000000000000000000/refund', { refund_id: 'rf_3', value_date: '2025-03-06' }), 404, 'COMPLAINT_NOT_FOUND');
  });
});

describe('PSD2 Art. 74 liability when closing an unauthorised-payment claim', () => {
  it('the calculator endpoint returns the payer share, refund and rule', async () => {
    const r = await t.api('POST', '/api/v1/compliance/payment-complaints/liability', { amount_minor: 12_000, lost_or_stolen: true, loss_detectable_by_payer: true, psp_or_agent_fault: false, fraud: false, gross_negligence: false });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ payer_liability_minor: 5_000, refund_minor: 7_000, rule: 'lost_or_stolen_cap' });
    const fraud = (await t.api('POST', '/api/v1/compliance/payment-complaints/liability', { amount_minor: 12_000, lost_or_stolen: true, loss_detectable_by_payer: false, psp_or_agent_fault: false, fraud: true, gross_negligence: false })).json();
    expect(fraud).toMatchObject({ payer_liability_minor: 12_000, refund_minor: 0, rule: 'fraud_no_cap' });
    expect((await t.api('POST', '/api/v1/compliance/payment-complaints/liability', { lost_or_stolen: true })).statusCode).toBe(400);
  });

  it('closing needs the liability facts, stores the assessment, and the outcome must match the refund', async () => {
    t.clock.set('2025-04-01T10:00:00Z');
    const c = await claim('close@example.com');
    const url = `/api/v1/compliance/payment-complaints/${c.id}/close`;
    const facts = { lost_or_stolen: true, loss_detectable_by_payer: true, psp_or_agent_fault: false, fraud: false, gross_negligence: false };
    expectProblem(await t.api('POST', url, { outcome: 'partially_upheld', root_cause: 'card stolen', adr_info_sent: true }), 422, 'LIABILITY_FACTS_REQUIRED');
    const mismatch = expectProblem(await t.api('POST', url, { outcome: 'upheld', root_cause: 'card stolen', liability: facts }), 422, 'OUTCOME_MISMATCH');
    expect(JSON.stringify(mismatch)).toContain('partially_upheld');
    const ok = await t.api('POST', url, { outcome: 'partially_upheld', root_cause: 'card stolen', adr_info_sent: true, liability: facts });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().liability).toMatchObject({ amount_minor: 20_000, payer_liability_minor: 5_000, refund_minor: 15_000, rule: 'lost_or_stolen_cap' });
    const closed = (await eventsOf(t, c.id)).find((e: { name: string }) => e.name === 'compliance.payment_complaint_closed');
    expect(closed?.payload.liability).toEqual({ rule: 'lost_or_stolen_cap', payer_liability_minor: 5_000, refund_minor: 15_000 });

    // PSP at fault → full refund → upheld; a claim without an amount needs one
    const d = await claim('fault@example.com');
    expect((await t.api('POST', `/api/v1/compliance/payment-complaints/${d.id}/close`, { outcome: 'upheld', root_cause: 'agent error', liability: { ...facts, psp_or_agent_fault: true } })).json().liability.rule).toBe('psp_or_agent_fault');
    const e = await claim('noamount@example.com', { amount_minor: undefined });
    expectProblem(await t.api('POST', `/api/v1/compliance/payment-complaints/${e.id}/close`, { outcome: 'upheld', root_cause: 'x', liability: facts }), 422, 'AMOUNT_REQUIRED');
    expect((await t.api('POST', `/api/v1/compliance/payment-complaints/${e.id}/close`, { outcome: 'rejected', root_cause: 'fraud by payer', adr_info_sent: true, liability: { ...facts, fraud: true, amount_minor: 900 } })).json().liability)
      .toMatchObject({ payer_liability_minor: 900, refund_minor: 0, rule: 'fraud_no_cap' });
    // a withdrawn claim needs no assessment
    const f = await claim('withdrawn@example.com');
    expect((await t.api('POST', `/api/v1/compliance/payment-complaints/${f.id}/close`, { outcome: 'withdrawn', root_cause: 'customer found the purchase' })).json().liability).toBeNull();
    // the register lists them
    const reg = (await t.api('GET', '/api/v1/compliance/payment-complaints?kind=unauthorised_payment&status=closed')).json().data;
    expect(reg.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([c.id, d.id, e.id, f.id]));
  });
});

describe('regulatory case filters (admin cases list)', () => {
  it('filters by regime (any case) and by clock: due soon, overdue', async () => {
    t.clock.set('2025-05-05T09:00:00Z'); // Mon
    const c = await claim('filters@example.com'); // D+1: due end of Tue 05-06 (IE)
    const tk = await newTicket(t, { requester: { email: 'filters-gdpr@example.com' } });
    const g = (await t.api('POST', '/api/v1/compliance/cases', { type: 'gdpr_access', ticket_id: tk.id })).json();
    const ids = async (q: string) => (await t.api('GET', `/api/v1/compliance/cases?${q}`)).json().data.map((x: { id: string }) => x.id) as string[];
    expect(await ids('regime=psd2')).toContain(c.case_id);
    expect(await ids('regime=PSD2')).not.toContain(g.id);
    expect(await ids('regime=gdpr')).toContain(g.id);
    expect(await ids('due=overdue')).not.toContain(c.case_id);
    t.clock.set('2025-05-07T09:00:00Z');
    expect(await ids('due=overdue&regime=psd2')).toContain(c.case_id);
    expect(await ids('due=overdue')).not.toContain(g.id);
    expect(await ids('due=soon')).not.toContain(c.case_id);
    t.clock.set('2025-06-04T09:00:00Z'); // GDPR access due 06-05: inside its warning window, not yet due
    expect(await ids('due=soon')).toContain(g.id);
    expect((await t.api('GET', '/api/v1/compliance/cases?due=later')).statusCode).toBe(400);
  });
});


import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../platform/errors.js';
import { assessPayerLiability, PAYER_LIABILITY_CAP_MINOR, type LiabilityFacts } from '../liability.js';

// A lost card whose loss the payer could have noticed, no PSP fault, no fraud, no gross negligence: the €50 case.
const base: LiabilityFacts = { amount_minor: 20_000, lost_or_stolen: true, loss_detectable_by_payer: true, psp_or_agent_fault: false, fraud: false, gross_negligence: false };
const run = (over: Partial<LiabilityFacts>) => assessPayerLiability({ ...base, ...over });

describe('PSD2 Art. 74 liability calculator', () => {
  it('lost or stolen instrument, conditions met: payer pays at most €50, the PSP refunds the rest', () => {
    expect(run({})).toMatchObject({ payer_liability_minor: 5_000, refund_minor: 15_000, rule: 'lost_or_stolen_cap', article: 'PSD2 Art. 74(1) first subparagraph' });
    expect(PAYER_LIABILITY_CAP_MINOR).toBe(5_000);
  });
  it('an amount below the cap is borne in full by the payer, never more than the amount', () => {
    expect(run({ amount_minor: 1_999 })).toMatchObject({ payer_liability_minor: 1_999, refund_minor: 0, rule: 'lost_or_stolen_cap' });
  });
  it('a configured cap (non-euro currency) replaces €50', () => {
    expect(run({ cap_minor: 4_300 })).toMatchObject({ payer_liability_minor: 4_300, refund_minor: 15_700 });
  });
  it('loss not detectable by the payer: nothing charged', () => {
    expect(run({ loss_detectable_by_payer: false })).toMatchObject({ payer_liability_minor: 0, refund_minor: 20_000, rule: 'loss_not_detectable', article: 'PSD2 Art. 74(1)(a)' });
  });
  it('PSP, agent or outsourcer at fault: nothing charged', () => {
    expect(run({ psp_or_agent_fault: true })).toMatchObject({ payer_liability_minor: 0, refund_minor: 20_000, rule: 'psp_or_agent_fault', article: 'PSD2 Art. 74(1)(b)' });
  });
  it('fraud: no cap, and it overrides undetectable loss, PSP fault, missing SCA and prior notification', () => {
    expect(run({ fraud: true })).toMatchObject({ payer_liability_minor: 20_000, refund_minor: 0, rule: 'fraud_no_cap' });
    expect(run({ fraud: true, loss_detectable_by_payer: false, psp_or_agent_fault: true, sca_required: false, after_notification: true }))
      .toMatchObject({ payer_liability_minor: 20_000, refund_minor: 0, rule: 'fraud_no_cap' });
  });
  it('gross negligence: no cap (all losses), also without a lost or stolen instrument', () => {
    expect(run({ gross_negligence: true })).toMatchObject({ payer_liability_minor: 20_000, refund_minor: 0, rule: 'gross_negligence_no_cap' });
    expect(run({ gross_negligence: true, lost_or_stolen: false })).toMatchObject({ payer_liability_minor: 20_000, rule: 'gross_negligence_no_cap' });
  });
  it('no SCA required by the PSP: the payer bears nothing, even with gross negligence (Art. 74(2))', () => {
    expect(run({ sca_required: false, gross_negligence: true })).toMatchObject({ payer_liability_minor: 0, refund_minor: 20_000, rule: 'no_sca_required' });
  });
  it('after the payer notified the loss: the payer bears nothing (Art. 74(3))', () => {
    expect(run({ after_notification: true })).toMatchObject({ payer_liability_minor: 0, refund_minor: 20_000, rule: 'after_notification' });
  });
  it('not a lost or stolen instrument (e.g. a merchant error or hijacked credentials): full refund under Art. 73, no cap charged', () => {
    expect(run({ lost_or_stolen: false })).toMatchObject({ payer_liability_minor: 0, refund_minor: 20_000, rule: 'not_lost_or_stolen', article: 'PSD2 Art. 73' });
  });
  it('refund + payer share always equals the amount', () => {
    const flags = [true, false];
    for (const lost of flags) for (const det of flags) for (const fault of flags) for (const fraud of flags) for (const gn of flags) {
      const a = run({ lost_or_stolen: lost, loss_detectable_by_payer: det, psp_or_agent_fault: fault, fraud, gross_negligence: gn, amount_minor: 7_321 });
      expect(a.payer_liability_minor + a.refund_minor).toBe(7_321);
      expect(a.payer_liability_minor).toBeLessThanOrEqual(fraud || gn ? 7_321 : 5_000);
    }
  });
  it('rejects a negative or fractional amount with a stable code', () => {
    expect(() => run({ amount_minor: -1 })).toThrow(AppError);
    try { run({ amount_minor: 1.5 }); } catch (e) { expect((e as AppError).code).toBe('INVALID_AMOUNT'); }
    expect(() => run({ amount_minor: 1.5 })).toThrow(/whole/);
  });
});

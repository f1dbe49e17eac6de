import { invalid } from '../../../platform/errors.js';

/** PSD2 Art. 74(1): the payer's share of an unauthorised transaction is capped at €50 (in minor units). */
export const PAYER_LIABILITY_CAP_MINOR = 5_000;

/** The facts of an unauthorised transaction that decide who bears the loss (PSD2 Art. 74). */
export interface LiabilityFacts {
  /** Amount of the unauthorised transaction(s), minor units. */
  amount_minor: number;
  /** The loss came from a lost or stolen (or misappropriated) payment instrument. */
  lost_or_stolen: boolean;
  /** The loss/theft/misappropriation was detectable by the payer before the payment (Art. 74(1)(a)). */
  loss_detectable_by_payer: boolean;
  /** Caused by an act or omission of the PSP, its employee, agent, branch or outsourcer (Art. 74(1)(b)). */
  psp_or_agent_fault: boolean;
  /** The payer acted fraudulently. */
  fraud: boolean;
  /** The payer failed an Art. 69 obligation with intent or gross negligence. */
  gross_negligence: boolean;
  /** The PSP required strong customer authentication (Art. 74(2)); default true. */
  sca_required?: boolean;
  /** The transaction happened after the payer notified the loss (Art. 74(3)); default false. */
  after_notification?: boolean;
  /** Cap in minor units (default €50 = 5000); set it for a non-euro currency at the converted amount. */
  cap_minor?: number;
}

export type LiabilityRule =
  | 'fraud_no_cap' | 'no_sca_required' | 'after_notification' | 'gross_negligence_no_cap'
  | 'loss_not_detectable' | 'psp_or_agent_fault' | 'lost_or_stolen_cap' | 'not_lost_or_stolen';

export interface LiabilityAssessment {
  amount_minor: number;
  payer_liability_minor: number;
  refund_minor: number;
  rule: LiabilityRule;
  article: string;
  explanation: string;
}

const RULES: Record<LiabilityRule, { article: string; explanation: string }> = {
  fraud_no_cap: { article: 'PSD2 Art. 74(1) third subparagraph', explanation: 'The payer acted fraudulently: the payer bears all losses, no cap.' },
  no_sca_required: { article: 'PSD2 Art. 74(2)', explanation: 'The PSP did not require strong customer authentication: the payer bears no loss (no fraud).' },
  after_notification: { article: 'PSD2 Art. 74(3)', explanation: 'The transaction followed the payer\'s notification of the loss: the payer bears no loss (no fraud).' },
  gross_negligence_no_cap: { article: 'PSD2 Art. 74(1) third subparagraph', explanation: 'The payer failed an Art. 69 obligation with intent or gross negligence: the payer bears all losses, no cap.' },
  loss_not_detectable: { article: 'PSD2 Art. 74(1)(a)', explanation: 'The loss, theft or misappropriation was not detectable by the payer before the payment: no charge to the payer.' },
  psp_or_agent_fault: { article: 'PSD2 Art. 74(1)(b)', explanation: 'The loss was caused by the PSP, its employee, agent, branch or outsourcer: no charge to the payer.' },
  lost_or_stolen_cap: { article: 'PSD2 Art. 74(1) first subparagraph', explanation: 'Lost or stolen instrument: the payer bears the loss up to the cap, the PSP refunds the rest.' },
  not_lost_or_stolen: { article: 'PSD2 Art. 73', explanation: 'No lost or stolen instrument and no fraud or gross negligence: the PSP refunds the full amount.' },
};

function decide(f: LiabilityFacts): LiabilityRule {
  if (f.fraud) return 'fraud_no_cap';
  if (f.sca_required === false) return 'no_sca_required';
  if (f.after_notification) return 'after_notification';
  if (f.gross_negligence) return 'gross_negligence_no_cap';
  if (!f.lost_or_stolen) return 'not_lost_or_stolen';
  if (!f.loss_detectable_by_payer) return 'loss_not_detectable';
  if (f.psp_or_agent_fault) return 'psp_or_agent_fault';
  return 'lost_or_stolen_cap';
}

/**
 * The €50 liability calculator (PSD2 Art. 74): who bears an unauthorised transaction's loss. The cap applies only to a
 * lost/stolen instrument whose loss the payer could detect and that was not the PSP's fault; fraud and gross negligence
 * have no cap (fraud wins over every exemption); no SCA or a transaction after notification cost the payer nothing.
 */
export function assessPayerLiability(f: LiabilityFacts): LiabilityAssessment {
  if (!Number.isInteger(f.amount_minor) || f.amount_minor < 0) throw invalid('INVALID_AMOUNT', 'amount_minor must be a whole, non-negative number of minor units');
  const cap = f.cap_minor ?? PAYER_LIABILITY_CAP_MINOR;
  if (!Number.isInteger(cap) || cap < 0) throw invalid('INVALID_CAP', 'cap_minor must be a whole, non-negative number of minor units');
  const rule = decide(f);
  const payer = rule === 'fraud_no_cap' || rule === 'gross_negligence_no_cap' ? f.amount_minor
    : rule === 'lost_or_stolen_cap' ? Math.min(f.amount_minor, cap) : 0;
  return { amount_minor: f.amount_minor, payer_liability_minor: payer, refund_minor: f.amount_minor - payer, rule, ...RULES[rule] };
}

import type { RuleDef } from './rule-types.js';

/**
 * Version 1 of every regulatory clock (compliance requirements G1/G2, G17, P1, P2, D3, D4, O1–O5).
 * Pure data: a workspace publishes a newer version through the API to change them.
 */
export const BUILTIN_RULES: readonly RuleDef[] = [
  {
    key: 'gdpr.dsr', version: 1, regime: 'GDPR', label: 'GDPR data-subject request (Art. 12(3))', ref: 'G1/G2', default_country: 'IE',
    clocks: [{ name: 'respond', step: { kind: 'calendar_months', months: 1 }, roll_to_business_day: true }],
    primary: 'respond',
    extension: { step: { kind: 'calendar_months', months: 3 }, from: 'received', max: 1, reason_required: true, before_original_due: true, roll_to_business_day: true },
    warn_days: 5,
  },
  {
    key: 'uk_gdpr.dsr', version: 1, regime: 'UK_GDPR', label: 'UK GDPR subject access (DUAA 2025)', ref: 'O3', default_country: 'GB',
    clocks: [{ name: 'respond', step: { kind: 'calendar_months', months: 1 }, roll_to_business_day: true }],
    primary: 'respond',
    extension: { step: { kind: 'calendar_months', months: 3 }, from: 'received', max: 1, reason_required: true, before_original_due: true, roll_to_business_day: true },
    pause_allowed: true,
    warn_days: 5,
  },
  {
    key: 'gdpr.breach', version: 1, regime: 'GDPR', label: 'Personal-data breach notification to the SA (Art. 33)', ref: 'G17', default_country: 'IE',
    clocks: [{ name: 'notify_sa', step: { kind: 'hours', hours: 72 } }],
    primary: 'notify_sa',
    warn_days: 1,
  },
  {
    key: 'psd2.complaint', version: 1, regime: 'PSD2', label: 'PSD2 payment complaint (Art. 101)', ref: 'P1', default_country: 'IE',
    clocks: [{ name: 'respond', step: { kind: 'business_days', days: 15 } }],
    primary: 'respond',
    holding_reply: { step: { kind: 'business_days', days: 35 }, reason_required: true, before_original_due: true },
    warn_days: 3,
  },
  {
    key: 'psd2.unauthorised_payment', version: 1, regime: 'PSD2', label: 'Unauthorised payment refund (Art. 73)', ref: 'P2', default_country: 'IE',
    clocks: [{ name: 'refund', step: { kind: 'business_days', days: 1 } }],
    primary: 'refund',
    warn_days: 0,
  },
  {
    key: 'ccpa.request', version: 1, regime: 'CCPA', label: 'CCPA consumer request (§7021)', ref: 'O1', default_country: 'US-CA',
    clocks: [
      { name: 'confirm', step: { kind: 'business_days', days: 10 } },
      { name: 'respond', step: { kind: 'calendar_days', days: 45 } },
    ],
    primary: 'respond',
    extension: { step: { kind: 'calendar_days', days: 90 }, from: 'received', max: 1, reason_required: true, before_original_due: true },
    warn_days: 5,
  },
  {
    key: 'lgpd.request', version: 1, regime: 'LGPD', label: 'LGPD full declaration (Art. 19)', ref: 'O2', default_country: 'BR',
    clocks: [{ name: 'respond', step: { kind: 'calendar_days', days: 15 } }],
    primary: 'respond',
    warn_days: 3,
  },
  {
    key: 'fca.complaint', version: 1, regime: 'FCA', label: 'FCA complaint final response (DISP 1.6)', ref: 'O4', default_country: 'GB',
    clocks: [{ name: 'final_response', step: { kind: 'weeks', weeks: 8 } }],
    primary: 'final_response',
    warn_days: 5,
  },
  {
    key: 'pdpa.access', version: 1, regime: 'PDPA', label: 'Singapore PDPA access request (PDPR reg. 4)', ref: 'O5', default_country: 'SG',
    clocks: [{ name: 'respond', step: { kind: 'calendar_days', days: 30 } }],
    primary: 'respond',
    warn_days: 5,
  },
  {
    // ≥ 6 months from the day the user is informed: 184 days covers the longest 6-month span of any start date.
    key: 'dsa.appeal_window', version: 1, regime: 'DSA', label: 'DSA internal complaint window (Art. 20)', ref: 'D3', default_country: 'IE',
    clocks: [{ name: 'appeal_window', step: { kind: 'calendar_days', days: 184 }, from: 'start_at' }],
    primary: 'appeal_window',
    warn_days: 0,
  },
  {
    // No statutory time (Art. 16 "timely"); internal SLO ⚠ set with counsel.
    key: 'dsa.notice', version: 1, regime: 'DSA', label: 'DSA notice decision (Art. 16, internal SLO)', ref: 'D1', default_country: 'IE',
    clocks: [{ name: 'decide', step: { kind: 'calendar_days', days: 7 } }],
    primary: 'decide',
    warn_days: 2,
  },
  {
    // No statutory decision time (Art. 20); internal SLO: median ≤ 7 days ⚠ set with counsel.
    key: 'dsa.appeal', version: 1, regime: 'DSA', label: 'DSA appeal decision (Art. 20, internal SLO)', ref: 'D3', default_country: 'IE',
    clocks: [{ name: 'decide', step: { kind: 'calendar_days', days: 7 } }],
    primary: 'decide',
    warn_days: 2,
  },
  {
    key: 'dsa.ods', version: 1, regime: 'DSA', label: 'DSA out-of-court dispute decision (Art. 21)', ref: 'D4', default_country: 'IE',
    clocks: [{ name: 'ods_decision', step: { kind: 'calendar_days', days: 90 } }],
    primary: 'ods_decision',
    extension: { step: { kind: 'calendar_days', days: 180 }, from: 'received', max: 1, reason_required: true, before_original_due: true },
    warn_days: 10,
  },
];

export const RULE_KEYS = BUILTIN_RULES.map((r) => r.key);

export function builtinRule(key: string): RuleDef | undefined {
  return BUILTIN_RULES.find((r) => r.key === key);
}

/** Which rule a case type follows. */
export const CASE_TYPE_RULES = {
  gdpr_access: 'gdpr.dsr', gdpr_rectification: 'gdpr.dsr', gdpr_erasure: 'gdpr.dsr', gdpr_restriction: 'gdpr.dsr',
  gdpr_portability: 'gdpr.dsr', gdpr_objection: 'gdpr.dsr', uk_gdpr_request: 'uk_gdpr.dsr', gdpr_breach: 'gdpr.breach',
  psd2_complaint: 'psd2.complaint', unauthorised_payment: 'psd2.unauthorised_payment', dsa_notice: 'dsa.notice', dsa_appeal: 'dsa.appeal',
  dsa_ods: 'dsa.ods', ccpa_request: 'ccpa.request', lgpd_request: 'lgpd.request', fca_complaint: 'fca.complaint', pdpa_request: 'pdpa.access',
} as const;
export type CaseType = keyof typeof CASE_TYPE_RULES;
export const CASE_TYPES = Object.keys(CASE_TYPE_RULES) as CaseType[];

/**
 * Regulatory deadline rules are DATA (JSON, versioned rows in compliance_rule_sets; builtin v1 in
 * builtin-rules.ts) interpreted by compute-deadlines.ts. Counsel changes a number or a step by publishing
 * a new version; cases keep the version they were opened under.
 */
export type Step =
  /** EU Reg. 1182/71 month rule: same date N months later; missing date → last day of that month. */
  | { kind: 'calendar_months'; months: number }
  | { kind: 'calendar_days'; days: number }
  | { kind: 'weeks'; weeks: number }
  /** Day 1 = first business day after the start day. */
  | { kind: 'business_days'; days: number }
  /** Exact elapsed hours from the start instant (breach notification). */
  | { kind: 'hours'; hours: number };

export interface ClockDef {
  /** respond | confirm | final | refund | appeal_window | … */
  name: string;
  step: Step;
  /** Where the period starts: the receipt (default) or the event named in the case's `start_at`. */
  from?: 'received' | 'start_at';
  /** A weekend or holiday due date moves to the next business day. */
  roll_to_business_day?: boolean;
  /** For day-based clocks: the deadline is the END of the due day (local time); `hours` clocks are exact. */
  label?: string;
}

export interface RuleDef {
  key: string;
  version: number;
  regime: 'GDPR' | 'UK_GDPR' | 'PSD2' | 'CCPA' | 'LGPD' | 'FCA' | 'DSA' | 'PDPA';
  label: string;
  /** Reference into docs/compliance.md (row id of the requirements table). */
  ref: string;
  /** Country whose business calendar applies unless the case names one. */
  default_country: string;
  clocks: ClockDef[];
  /** The clock the case's `due_at` follows (extensions/holding replies move it). */
  primary: string;
  /** One extension (GDPR): notified with reasons before the primary clock's ORIGINAL due date. */
  extension?: { step: Step; from: 'received'; max: 1; reason_required: true; before_original_due: true; roll_to_business_day?: boolean };
  /** Holding reply (PSD2): with reasons, moves the due date to the holding step from receipt. */
  holding_reply?: { step: Step; reason_required: true; before_original_due: true };
  /** Pauses (UK GDPR clarification/ID) shift the due date by the paused days. */
  pause_allowed?: boolean;
  /** Warn this many days before due (calendar days; business days for business-day clocks). */
  warn_days: number;
}

import type { LocalDate } from '../../../platform/time/index.js';
import type { ClockResult } from '../regulatory/compute-deadlines.js';
import type { RuleDef } from '../regulatory/rule-types.js';

export interface ComplianceCase {
  id: string;
  workspace_id: string;
  type: string;
  ticket_id: string | null;
  customer_id: string | null;
  country: string;
  channel: string;
  rule_key: string;
  rule_version: number;
  rule: RuleDef;
  received_at: Date;
  start_at: Date | null;
  original_due_at: Date;
  due_at: Date;
  due_date: LocalDate | null;
  warn_at: Date;
  clocks: Array<Omit<ClockResult, 'due_at'> & { due_at: string }>;
  extended_at: Date | null;
  extension_reason: string | null;
  holding_reply_at: Date | null;
  holding_reason: string | null;
  paused_at: Date | null;
  paused_days: number;
  status: 'open' | 'paused' | 'responded' | 'closed';
  responded_at: Date | null;
  responder_type: string | null;
  responder_id: string | null;
  outcome: string | null;
  reason_code: string | null;
  warned_at: Date | null;
  details: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export const CASE_COLUMNS = `id, workspace_id, type, ticket_id, customer_id, country, channel, rule_key, rule_version, rule, received_at, start_at,
  original_due_at, due_at, to_char(due_date, 'YYYY-MM-DD') AS due_date, warn_at, clocks, extended_at, extension_reason, holding_reply_at,
  holding_reason, paused_at, paused_days, status, responded_at, responder_type, responder_id, outcome, reason_code, warned_at, details,
  created_at, updated_at`;

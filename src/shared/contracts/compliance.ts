import { z } from 'zod';

/** Wire schemas of the compliance module. */
export const ZPatternSpec = z.union([
  z.string().min(1).max(40),
  z.strictObject({ name: z.string().min(1).max(40).regex(/^[a-z0-9_]+$/), regex: z.string().min(1).max(500), flags: z.string().regex(/^[imsu]*$/).optional() }),
]);
export const ZRedactionSettings = z.strictObject({ enabled: z.boolean(), patterns: z.array(ZPatternSpec).max(50) });
export const ZRedactionSettingsOut = z.object({ brand_id: z.string(), enabled: z.boolean(), patterns: z.array(ZPatternSpec) });
export const ZRedactMessage = z.strictObject({
  reason: z.string().min(1).max(500),
  passages: z.array(z.string().min(1).max(5000)).max(50).optional(),
  patterns: z.array(z.string().min(1).max(40)).max(20).optional(),
  whole: z.boolean().optional(),
});
export const ZRedactAttachment = z.strictObject({ reason: z.string().min(1).max(500) });
export const ZPiiAccessQuery = z.strictObject({
  customer_id: z.string().max(64).optional(),
  user_id: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export const ZPiiAccessEntry = z.object({ user_id: z.string(), user_name: z.string().nullable(), customer_id: z.string(), access: z.string(), viewed_at: z.string() });
export const ZChainReport = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  anchored_at: z.number().int().nullable(),
  first_break: z.object({ chain_pos: z.number().int().nullable(), seq: z.number().int(), reason: z.string(), detail: z.string() }).nullable(),
});

export const ZCaseType = z.enum([
  'gdpr_access', 'gdpr_rectification', 'gdpr_erasure', 'gdpr_restriction', 'gdpr_portability', 'gdpr_objection', 'uk_gdpr_request',
  'gdpr_breach', 'psd2_complaint', 'unauthorised_payment', 'dsa_notice', 'dsa_appeal', 'dsa_ods', 'ccpa_request', 'lgpd_request',
  'fca_complaint', 'pdpa_request',
]);
const ZIsoDate = z.iso.datetime({ offset: true });
export const ZOpenCase = z.strictObject({
  type: ZCaseType,
  ticket_id: z.string().max(64).optional(),
  customer_id: z.string().max(64).optional(),
  country: z.string().min(2).max(8).optional(),
  received_at: ZIsoDate.optional(),
  start_at: ZIsoDate.optional(),
  channel: z.string().max(40).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export const ZReason = z.strictObject({ reason: z.string().max(2000).optional() });
export const ZRespondCase = z.strictObject({ outcome: z.string().min(1).max(200), reason_code: z.string().max(80).optional(), late_reason: z.string().max(2000).optional() });
export const ZCaseClock = z.object({ name: z.string(), due_date: z.string().nullable(), due_at: z.string() });
export const ZCase = z.object({
  id: z.string(), type: z.string(), ticket_id: z.string().nullable(), customer_id: z.string().nullable(), country: z.string(), channel: z.string(),
  rule_key: z.string(), rule_version: z.number().int(), regime: z.string(), rule_label: z.string(),
  received_at: z.string(), start_at: z.string().nullable(), original_due_at: z.string(), due_at: z.string(), due_date: z.string().nullable(),
  warn_at: z.string(), clocks: z.array(ZCaseClock), extension_allowed: z.boolean(), holding_reply_allowed: z.boolean(), pause_allowed: z.boolean(),
  extended_at: z.string().nullable(), extension_reason: z.string().nullable(), holding_reply_at: z.string().nullable(), holding_reason: z.string().nullable(),
  paused_days: z.number().int(), status: z.string(), responded_at: z.string().nullable(), responder_type: z.string().nullable(),
  responder_id: z.string().nullable(), outcome: z.string().nullable(), reason_code: z.string().nullable(), due_soon: z.boolean(), overdue: z.boolean(),
});
export const ZCaseQuery = z.strictObject({
  status: z.enum(['open', 'paused', 'responded', 'closed']).optional(),
  type: ZCaseType.optional(),
  ticket_id: z.string().max(64).optional(),
  customer_id: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const ZHolidayOverride = z.strictObject({ name: z.string().max(200).default(''), kind: z.enum(['add', 'remove']) });
export const ZPublishRule = z.strictObject({ definition: z.record(z.string(), z.unknown()), note: z.string().max(2000).optional() });

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
  unsealed: z.number().int(),
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

export const ZRequestKind = z.enum(['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection']);
export const ZSubmitRequest = z.strictObject({
  kind: ZRequestKind,
  customer_id: z.string().max(64).optional(),
  email: z.string().max(320).optional(),
  brand_id: z.string().max(64).optional(),
  authenticated: z.boolean().optional(),
  message: z.string().max(10_000).optional(),
  channel: z.enum(['api', 'web', 'email', 'in_app', 'phone', 'web_form']).optional(),
}).refine((b) => b.customer_id || b.email, { message: 'customer_id or email is required' });
export const ZPublicRequest = z.strictObject({ brand_id: z.string().max(64), kind: ZRequestKind, email: z.email().max(320), message: z.string().max(10_000).optional() });
export const ZDsrRequest = z.object({
  id: z.string(), case_id: z.string(), kind: z.string(), customer_id: z.string().nullable(), channel: z.string(), verification: z.string(),
  verification_status: z.string(), code_expires_at: z.string().nullable(), verified_at: z.string().nullable(), status: z.string(), created_at: z.string(),
});
export const ZVerifyRequest = z.strictObject({ code: z.string().max(12), id_document_attachment_id: z.string().max(64).optional() });
export const ZExportCreated = z.object({ export_id: z.string(), region: z.string(), size_bytes: z.number(), download_url: z.string() });
export const ZErasureReport = z.object({
  erasure_id: z.string(), customer_id: z.string(), erased_at: z.string(),
  stores: z.array(z.object({ store: z.string(), action: z.string(), rows: z.number() })),
  kept: z.array(z.object({ store: z.string(), id: z.string(), reason_code: z.string(), note: z.string() })),
  backups: z.string(),
});
export const ZLegalHold = z.strictObject({ customer_id: z.string().max(64), ticket_id: z.string().max(64).optional(), reason_code: z.string().max(40), note: z.string().max(2000).optional() });
export const ZRestrict = z.strictObject({ reason: z.string().min(1).max(2000) });
export const ZLiftRestriction = z.strictObject({ notice_sent: z.boolean() });
export const ZRegion = z.strictObject({ region: z.string().max(8), brand_id: z.string().max(64).nullable().optional() });

export const ZScaBinding = { amount_minor: z.number().int().min(0).max(1e13), currency: z.string().length(3), payee: z.string().min(1).max(200) };
export const ZCreateSca = z.strictObject({
  customer_id: z.string().max(64), purpose: z.string().min(1).max(80), ...ZScaBinding,
  ticket_id: z.string().max(64).optional(), device: z.string().max(300).optional(), channel: z.string().max(40).optional(),
});
export const ZVerifySca = z.strictObject({ code: z.string().max(12), ...ZScaBinding });
export const ZScaChallenge = z.object({
  id: z.string(), customer_id: z.string(), purpose: z.string(), amount_minor: z.number(), currency: z.string(), payee: z.string(), factors: z.array(z.string()),
  channel: z.string(), failed_attempts: z.number().int(), status: z.string(), last_activity_at: z.string(), verified_at: z.string().nullable(),
  consumed_at: z.string().nullable(), ticket_id: z.string().nullable(), device: z.string().nullable(), created_at: z.string(),
});
export const ZRecordComplaint = z.strictObject({
  ticket_id: z.string().max(64), kind: z.enum(['complaint', 'unauthorised_payment', 'chargeback']), category: z.string().min(1).max(80), product: z.string().min(1).max(80),
  amount_minor: z.number().int().min(0).optional(), currency: z.string().length(3).optional(), transaction_ref: z.string().max(120).optional(),
  debit_date: z.string().max(10).optional(), country: z.string().max(8).optional(), received_at: z.iso.datetime({ offset: true }).optional(),
});
export const ZCloseComplaint = z.strictObject({ outcome: z.string().max(40), root_cause: z.string().max(2000), adr_info_sent: z.boolean().optional() });
export const ZComplaint = z.object({
  id: z.string(), case_id: z.string().nullable(), ticket_id: z.string().nullable(), customer_id: z.string().nullable(), kind: z.string(), category: z.string(),
  product: z.string(), amount_minor: z.number().nullable(), currency: z.string().nullable(), transaction_ref: z.string().nullable(), debit_date: z.string().nullable(),
  late_claim: z.boolean(), received_at: z.string(), status: z.string(), outcome: z.string().nullable(), root_cause: z.string().nullable(), adr_info_sent: z.boolean(),
  closed_at: z.string().nullable(),
});
export const ZQuarterQuery = z.strictObject({ year: z.coerce.number().int(), quarter: z.coerce.number().int(), format: z.enum(['json', 'csv']).optional() });

export const ZRetentionPolicy = z.strictObject({ category: z.string().max(40), days: z.number().int(), enabled: z.boolean(), brand_id: z.string().max(64).nullable().optional() });
export const ZNotice = z.strictObject({
  url: z.string().max(2000), reasons: z.string().max(10_000), notifier_name: z.string().max(200).optional(), notifier_email: z.string().max(320).optional(),
  good_faith: z.boolean(), category: z.string().min(1).max(80),
});
export const ZStatement = z.strictObject({
  notice_id: z.string().max(64).optional(), customer_id: z.string().max(64).optional(), content_ref: z.string().max(500),
  measure: z.enum(['visibility_restriction', 'removal', 'demonetisation', 'payment_restriction', 'service_suspension', 'account_suspension']),
  scope: z.string().max(500), duration: z.string().max(200).optional(), facts: z.string().max(10_000), automated_detection: z.boolean(), automated_decision: z.boolean(),
  ground_type: z.enum(['illegal_content', 'incompatible_with_terms']), ground: z.string().max(2000),
});
export const ZAppeal = z.strictObject({ statement_id: z.string().max(64), appellant_type: z.enum(['recipient', 'notifier']), reasons: z.string().max(10_000) });
export const ZDecideAppeal = z.strictObject({ decision: z.enum(['upheld', 'reversed', 'partially_reversed']), reasons: z.string().max(10_000) });
export const ZOds = z.strictObject({
  statement_id: z.string().max(64), appeal_id: z.string().max(64).optional(), body: z.string().max(300), referred_at: z.iso.datetime({ offset: true }),
  decided_at: z.iso.datetime({ offset: true }).optional(), outcome: z.string().max(200).optional(), implemented: z.boolean().optional(),
});
export const ZRange = z.strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });

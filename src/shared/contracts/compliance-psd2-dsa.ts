import { z } from 'zod';
import { ZCase, ZCaseQuery, ZComplaint } from './compliance.js';

/** Wire schemas for PSD2 refunds / liability, DSA warnings, suspensions and versioned terms, case filters. */
export const ZCaseFilter = ZCaseQuery.extend({
  regime: z.string().max(40).optional(),
  due: z.enum(['soon', 'overdue']).optional(),
});

/** A case with its details (e.g. the refund id and value date of an unauthorised-payment claim, the NCA letter of a withhold). */
export const ZCaseWithDetails = ZCase.extend({ details: z.record(z.string(), z.unknown()) });

export const ZLiabilityFacts = z.strictObject({
  amount_minor: z.number().int().min(0).optional(),
  lost_or_stolen: z.boolean(),
  loss_detectable_by_payer: z.boolean(),
  psp_or_agent_fault: z.boolean(),
  fraud: z.boolean(),
  gross_negligence: z.boolean(),
  sca_required: z.boolean().optional(),
  after_notification: z.boolean().optional(),
  cap_minor: z.number().int().min(0).optional(),
});
export const ZLiability = z.object({
  amount_minor: z.number(), payer_liability_minor: z.number(), refund_minor: z.number(), rule: z.string(), article: z.string(), explanation: z.string(),
});
export const ZCloseComplaintWithLiability = z.strictObject({
  outcome: z.string().max(40), root_cause: z.string().max(2000), adr_info_sent: z.boolean().optional(), liability: ZLiabilityFacts.optional(),
});
export const ZComplaintFull = ZComplaint.extend({
  refund_id: z.string().nullable(), refund_value_date: z.string().nullable(), refunded_at: z.string().nullable(), withheld_at: z.string().nullable(),
  nca_letter_attachment_id: z.string().nullable(), nca_reported_on: z.string().nullable(), withhold_reason: z.string().nullable(), liability: ZLiability.nullable(),
});
export const ZWithholdRefund = z.strictObject({
  nca_letter_attachment_id: z.string().max(64).optional(), nca_reported_on: z.string().max(10).optional(), reason: z.string().max(2000),
});
export const ZRecordRefund = z.strictObject({ refund_id: z.string().max(200), value_date: z.string().max(10), amount_minor: z.number().int().min(0).optional() });
export const ZComplaintQuery = z.strictObject({
  status: z.enum(['open', 'closed']).optional(), kind: z.enum(['complaint', 'unauthorised_payment', 'chargeback']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const ZMisuseGround = z.enum(['manifestly_illegal_content', 'unfounded_notices', 'unfounded_complaints']);
export const ZWarning = z.strictObject({ customer_id: z.string().max(64), ground: z.string().max(40), reason: z.string().max(2000), statement_id: z.string().max(64).optional() });
export const ZSuspension = ZWarning.extend({ warning_id: z.string().max(64).optional(), duration_days: z.number().int() });
export const ZMeasure = z.object({
  id: z.string(), customer_id: z.string(), kind: z.string(), ground: z.string(), reason: z.string(), warning_id: z.string().nullable(),
  statement_id: z.string().nullable(), starts_at: z.string(), ends_at: z.string().nullable(), created_by: z.string().nullable(), created_at: z.string(),
});

export const ZTermsSlug = z.enum(['appeal-procedure', 'content-moderation']);
export const ZTermsSection = z.object({ id: z.string().max(64), heading: z.string().max(300), body: z.string().max(20_000) });
export const ZTermsDraft = z.strictObject({
  title: z.string().max(300), sections: z.array(ZTermsSection).max(50), significant: z.boolean(), change_summary: z.string().max(5000).optional(),
});
export const ZTermsVersion = z.object({
  id: z.string(), slug: z.string(), version: z.number().int(), status: z.string(), title: z.string(), sections: z.array(ZTermsSection),
  significant: z.boolean(), change_summary: z.string().nullable(), created_by: z.string().nullable(), created_at: z.string(),
  published_by: z.string().nullable(), published_at: z.string().nullable(),
});

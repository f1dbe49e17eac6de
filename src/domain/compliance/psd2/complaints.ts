import { DateTime } from 'luxon';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { openCase } from '../cases/open-case.js';
import { listScaChallenges, type ScaChallenge } from '../sca/sca.js';
import { assessPayerLiability, type LiabilityAssessment, type LiabilityFacts } from './liability.js';

export const COMPLAINT_KINDS = ['complaint', 'unauthorised_payment', 'chargeback'] as const;
export const OUTCOMES = ['upheld', 'partially_upheld', 'rejected', 'withdrawn'] as const;

export interface PaymentComplaint {
  id: string;
  case_id: string | null;
  ticket_id: string | null;
  customer_id: string | null;
  kind: (typeof COMPLAINT_KINDS)[number];
  category: string;
  product: string;
  amount_minor: number | null;
  currency: string | null;
  transaction_ref: string | null;
  debit_date: string | null;
  late_claim: boolean;
  received_at: Date;
  status: 'open' | 'closed';
  outcome: (typeof OUTCOMES)[number] | null;
  root_cause: string | null;
  adr_info_sent: boolean;
  closed_at: Date | null;
  refund_id: string | null;
  refund_value_date: string | null;
  refunded_at: Date | null;
  withheld_at: Date | null;
  nca_letter_attachment_id: string | null;
  nca_reported_on: string | null;
  withhold_reason: string | null;
  liability: LiabilityAssessment | null;
}
export const COMPLAINT_COLS = `id, case_id, ticket_id, customer_id, kind, category, product, amount_minor::int8 AS amount_minor, currency, transaction_ref,
  to_char(debit_date, 'YYYY-MM-DD') AS debit_date, late_claim, received_at, status, outcome, root_cause, adr_info_sent, closed_at,
  refund_id, to_char(refund_value_date, 'YYYY-MM-DD') AS refund_value_date, refunded_at, withheld_at, nca_letter_attachment_id,
  to_char(nca_reported_on, 'YYYY-MM-DD') AS nca_reported_on, withhold_reason, liability`;
const COLS = COMPLAINT_COLS;

export interface RecordComplaintInput {
  ticket_id: string;
  kind: PaymentComplaint['kind'];
  category: string;
  product: string;
  amount_minor?: number;
  currency?: string;
  transaction_ref?: string;
  /** Unauthorised payments: the debit date (Art. 71: a claim > 13 months after it is flagged, not rejected). */
  debit_date?: string;
  country?: string;
  received_at?: Date;
}

/** Register a payment complaint (JC 2014 43) and start its clock (PSD2 Art. 101, or Art. 73 for unauthorised payments). */
export async function recordPaymentComplaint(ctx: Ctx, input: RecordComplaintInput): Promise<PaymentComplaint> {
  authorize(ctx.actor, 'tickets.write');
  if (!COMPLAINT_KINDS.includes(input.kind)) throw invalid('UNKNOWN_KIND', `kind must be one of ${COMPLAINT_KINDS.join(', ')}`);
  if (!input.category?.trim() || !input.product?.trim()) throw invalid('CATEGORY_REQUIRED', 'category and product are required for the register');
  const received = input.received_at ?? ctx.clock.now();
  let late = false;
  if (input.debit_date) {
    const d = DateTime.fromISO(input.debit_date, { zone: 'UTC' });
    if (!d.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(input.debit_date)) throw invalid('INVALID_DATE', 'debit_date must be YYYY-MM-DD');
    late = d.plus({ months: 13 }).toJSDate() < received;
  }
  const c = await openCase(ctx, {
    type: input.kind === 'unauthorised_payment' ? 'unauthorised_payment' : 'psd2_complaint', ticket_id: input.ticket_id, country: input.country, received_at: received,
    details: { category: input.category, product: input.product, late_claim: late },
  });
  const row = await ctx.tx.one<PaymentComplaint>(
    `INSERT INTO compliance_payment_complaints (id, workspace_id, case_id, ticket_id, customer_id, kind, category, product, amount_minor, currency,
        transaction_ref, debit_date, late_claim, received_at, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'open', $15) RETURNING ${COLS}`,
    [newId('pcm', received), ctx.actor.workspaceId, c.id, input.ticket_id, c.customer_id, input.kind, input.category.trim(), input.product.trim(),
      input.amount_minor ?? null, input.currency?.toUpperCase() ?? null, input.transaction_ref ?? null, input.debit_date ?? null, late, received, ctx.clock.now()],
  );
  await recordChange(ctx, {
    event: 'compliance.payment_complaint_recorded', aggregateType: 'payment_complaint', aggregateId: row.id, ticketId: input.ticket_id,
    payload: { kind: row.kind, category: row.category, product: row.product, case_id: c.id, late_claim: late },
  });
  return row;
}

/** The outcome an unauthorised-payment refund implies: full refund → upheld, none → rejected, else partially upheld. */
function outcomeOf(a: LiabilityAssessment): (typeof OUTCOMES)[number] {
  return a.refund_minor === a.amount_minor ? 'upheld' : a.refund_minor === 0 ? 'rejected' : 'partially_upheld';
}

export type CloseComplaintInput = { outcome: string; root_cause: string; adr_info_sent?: boolean; liability?: Omit<LiabilityFacts, 'amount_minor'> & { amount_minor?: number } };

/**
 * Close with an outcome and root cause; when not fully upheld the ADR/court information must have been given.
 * An unauthorised-payment claim (unless withdrawn) is closed through the Art. 74 liability calculator: the facts are
 * required, the assessment is stored, and the outcome must match the refund it yields.
 */
export async function closePaymentComplaint(ctx: Ctx, id: string, input: CloseComplaintInput): Promise<PaymentComplaint> {
  authorize(ctx.actor, 'tickets.write');
  if (!OUTCOMES.includes(input.outcome as never)) throw invalid('UNKNOWN_OUTCOME', `outcome must be one of ${OUTCOMES.join(', ')}`);
  if (!input.root_cause?.trim()) throw invalid('ROOT_CAUSE_REQUIRED', 'A root cause is required (root-cause analysis, JC 2014 43 GL 5)');
  if (input.outcome !== 'upheld' && input.outcome !== 'withdrawn' && !input.adr_info_sent) {
    throw new AppError('ADR_INFO_REQUIRED', 'A complaint not fully upheld must tell the customer about ADR and the courts (adr_info_sent: true)', 'unprocessable');
  }
  const current = await ctx.tx.maybeOne<PaymentComplaint>(`SELECT ${COLS} FROM compliance_payment_complaints WHERE id = $1 AND workspace_id = $2 FOR UPDATE`, [id, ctx.actor.workspaceId]);
  if (!current) throw notFound('COMPLAINT_NOT_FOUND', 'Payment complaint');
  let liability: LiabilityAssessment | null = null;
  if (current.kind === 'unauthorised_payment' && input.outcome !== 'withdrawn' && current.status === 'open') {
    if (!input.liability) throw invalid('LIABILITY_FACTS_REQUIRED', 'Closing an unauthorised-payment claim needs the liability facts (PSD2 Art. 74)');
    const amount = input.liability.amount_minor ?? current.amount_minor;
    if (amount == null) throw invalid('AMOUNT_REQUIRED', 'The transaction amount is needed to assess liability');
    liability = assessPayerLiability({ ...input.liability, amount_minor: amount });
    if (outcomeOf(liability) !== input.outcome) {
      throw new AppError('OUTCOME_MISMATCH', `The liability assessment (${liability.rule}: refund ${liability.refund_minor} of ${amount}) means the outcome is "${outcomeOf(liability)}"`, 'unprocessable', { assessment: liability });
    }
  }
  const row = await ctx.tx.maybeOne<PaymentComplaint>(
    `UPDATE compliance_payment_complaints SET status = 'closed', outcome = $3, root_cause = $4, adr_info_sent = $5, closed_at = $6, liability = $7
      WHERE id = $1 AND workspace_id = $2 AND status = 'open' RETURNING ${COLS}`,
    [id, ctx.actor.workspaceId, input.outcome, input.root_cause.trim(), !!input.adr_info_sent, ctx.clock.now(), liability ? JSON.stringify(liability) : null],
  );
  if (!row) {
    const exists = await ctx.tx.maybeOne('SELECT 1 FROM compliance_payment_complaints WHERE id = $1 AND workspace_id = $2', [id, ctx.actor.workspaceId]);
    throw exists ? conflict('COMPLAINT_CLOSED', 'The complaint is already closed') : notFound('COMPLAINT_NOT_FOUND', 'Payment complaint');
  }
  await recordChange(ctx, {
    event: 'compliance.payment_complaint_closed', aggregateType: 'payment_complaint', aggregateId: id, ticketId: row.ticket_id,
    payload: { outcome: row.outcome, root_cause: row.root_cause, liability: liability && { rule: liability.rule, payer_liability_minor: liability.payer_liability_minor, refund_minor: liability.refund_minor } },
  });
  return row;
}

export interface QuarterRow {
  category: string;
  product: string;
  received: number;
  closed: number;
  upheld: number;
  partially_upheld: number;
  rejected: number;
  withdrawn: number;
  open_at_end: number;
}

/** The quarterly report to the NCA, by category and product (received in the quarter; outcomes of those closed in it). */
export async function quarterlyComplaintReport(ctx: Ctx, year: number, quarter: number): Promise<{ from: string; to: string; rows: QuarterRow[] }> {
  authorize(ctx.actor, 'reports.read');
  if (!Number.isInteger(year) || year < 2000 || year > 2100 || ![1, 2, 3, 4].includes(quarter)) throw invalid('INVALID_QUARTER', 'year and quarter (1–4) are required');
  const from = DateTime.utc(year, (quarter - 1) * 3 + 1, 1);
  const to = from.plus({ months: 3 });
  const rows = await ctx.tx.query<Record<string, string>>(
    `SELECT category, product,
            count(*) FILTER (WHERE received_at >= $2 AND received_at < $3) AS received,
            count(*) FILTER (WHERE closed_at >= $2 AND closed_at < $3) AS closed,
            count(*) FILTER (WHERE closed_at >= $2 AND closed_at < $3 AND outcome = 'upheld') AS upheld,
            count(*) FILTER (WHERE closed_at >= $2 AND closed_at < $3 AND outcome = 'partially_upheld') AS partially_upheld,
            count(*) FILTER (WHERE closed_at >= $2 AND closed_at < $3 AND outcome = 'rejected') AS rejected,
            count(*) FILTER (WHERE closed_at >= $2 AND closed_at < $3 AND outcome = 'withdrawn') AS withdrawn,
            count(*) FILTER (WHERE received_at < $3 AND (closed_at IS NULL OR closed_at >= $3)) AS open_at_end
       FROM compliance_payment_complaints WHERE workspace_id = $1 AND received_at < $3
      GROUP BY category, product
     HAVING count(*) FILTER (WHERE received_at >= $2 AND received_at < $3) > 0 OR count(*) FILTER (WHERE closed_at >= $2 AND closed_at < $3) > 0
         OR count(*) FILTER (WHERE received_at < $3 AND (closed_at IS NULL OR closed_at >= $3)) > 0
      ORDER BY category, product`,
    [ctx.actor.workspaceId, from.toJSDate(), to.toJSDate()],
  );
  const num = (v: string) => Number(v);
  return {
    from: from.toISODate()!, to: to.toISODate()!,
    rows: rows.map((r) => ({
      category: r.category, product: r.product, received: num(r.received), closed: num(r.closed), upheld: num(r.upheld),
      partially_upheld: num(r.partially_upheld), rejected: num(r.rejected), withdrawn: num(r.withdrawn), open_at_end: num(r.open_at_end),
    })),
  };
}

/** Dispute view (Art. 72): the complaint, its clock events, and the authentication evidence (SCA factors, device, auth ids). */
export async function getDisputeEvidence(ctx: Ctx, id: string): Promise<{ complaint: PaymentComplaint; authentications: ScaChallenge[]; timeline: Array<{ at: Date; name: string; payload: unknown }> }> {
  authorize(ctx.actor, 'tickets.read');
  const complaint = await ctx.tx.maybeOne<PaymentComplaint>(`SELECT ${COLS} FROM compliance_payment_complaints WHERE id = $1 AND workspace_id = $2`, [id, ctx.actor.workspaceId]);
  if (!complaint) throw notFound('COMPLAINT_NOT_FOUND', 'Payment complaint');
  const authentications = complaint.customer_id ? await listScaChallenges(ctx.tx, complaint.customer_id) : [];
  const timeline = await ctx.tx.query<{ at: Date; name: string; payload: unknown }>(
    `SELECT occurred_at AS at, name, payload FROM events WHERE aggregate_id = ANY($1::text[]) OR (ticket_id = $2 AND name LIKE 'compliance.%') ORDER BY seq`,
    [[id, complaint.case_id ?? ''], complaint.ticket_id],
  );
  return { complaint, authentications, timeline };
}

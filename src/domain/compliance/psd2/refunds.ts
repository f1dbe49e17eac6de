import { DateTime } from 'luxon';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { loadCase } from '../cases/case.repo.js';
import { respondCase } from '../cases/change-case-clock.js';
import { COMPLAINT_COLS, type PaymentComplaint } from './complaints.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = (v: string | undefined, field: string): string => {
  if (!v || !DATE.test(v) || !DateTime.fromISO(v, { zone: 'UTC' }).isValid) throw invalid('INVALID_DATE', `${field} must be a date (YYYY-MM-DD)`);
  return v;
};

async function loadUnauthorised(ctx: Ctx, id: string): Promise<PaymentComplaint> {
  const c = await ctx.tx.maybeOne<PaymentComplaint>(
    `SELECT ${COMPLAINT_COLS} FROM compliance_payment_complaints WHERE id = $1 AND workspace_id = $2 FOR UPDATE`, [id, ctx.actor.workspaceId]);
  if (!c) throw notFound('COMPLAINT_NOT_FOUND', 'Payment complaint');
  if (c.kind !== 'unauthorised_payment') throw new AppError('NOT_UNAUTHORISED_PAYMENT', 'Only an unauthorised-payment claim has the D+1 refund clock', 'unprocessable');
  if (c.refunded_at) throw conflict('ALREADY_REFUNDED', `Refunded already (${c.refund_id})`);
  return c;
}

/**
 * Record on the case what happened (refund id / value date, or the NCA letter) and answer its D+1 clock (once; a refund
 * after a withhold leaves the first answer in place but still records the refund).
 */
async function answerClock(ctx: Ctx, c: PaymentComplaint, outcome: string, reasonCode: string, details: Record<string, unknown>): Promise<void> {
  if (!c.case_id) return;
  await ctx.tx.query(`UPDATE compliance_cases SET details = details || $2::jsonb WHERE id = $1`, [c.case_id, JSON.stringify(details)]);
  const kase = await loadCase(ctx, c.case_id);
  if (kase.status !== 'open' && kase.status !== 'paused') return;
  const late = ctx.clock.now().getTime() >= kase.due_at.getTime();
  await respondCase(ctx, c.case_id, { outcome, reason_code: reasonCode, late_reason: late ? 'refund decision after the end of the next business day' : undefined });
}

export interface WithholdInput {
  /** The written report of the fraud suspicion to the national competent authority, uploaded as an attachment. */
  nca_letter_attachment_id?: string;
  /** The date the suspicion was reported to the NCA. */
  nca_reported_on?: string;
  reason: string;
}

/**
 * PSD2 Art. 73(1): the D+1 refund may be withheld only on a reasonable suspicion of fraud that has been reported in
 * writing to the national competent authority — the letter must be attached (attachment id) with its date.
 */
export async function withholdRefund(ctx: Ctx, id: string, input: WithholdInput): Promise<PaymentComplaint> {
  authorize(ctx.actor, 'tickets.write');
  if (!input.nca_letter_attachment_id?.trim() || !input.nca_reported_on?.trim()) {
    throw new AppError('NCA_LETTER_REQUIRED', 'Withholding the refund needs the written fraud report to the national competent authority attached, with its date (PSD2 Art. 73(1))', 'unprocessable');
  }
  const reported = isoDate(input.nca_reported_on, 'nca_reported_on');
  if (!input.reason?.trim()) throw invalid('REASON_REQUIRED', 'State the grounds for the fraud suspicion');
  const c = await loadUnauthorised(ctx, id);
  if (c.withheld_at) throw conflict('ALREADY_WITHHELD', 'The refund is already withheld');
  const today = DateTime.fromJSDate(ctx.clock.now(), { zone: 'UTC' }).toISODate()!;
  if (reported > today) throw invalid('REPORTED_IN_FUTURE', 'The NCA report date cannot be in the future');
  const letter = await ctx.tx.maybeOne('SELECT 1 FROM attachments WHERE id = $1 AND workspace_id = $2', [input.nca_letter_attachment_id, ctx.actor.workspaceId]);
  if (!letter) throw notFound('NCA_LETTER_NOT_FOUND', 'NCA letter attachment');
  const row = await ctx.tx.one<PaymentComplaint>(
    `UPDATE compliance_payment_complaints SET withheld_at = $2, nca_letter_attachment_id = $3, nca_reported_on = $4, withhold_reason = $5
      WHERE id = $1 RETURNING ${COMPLAINT_COLS}`,
    [id, ctx.clock.now(), input.nca_letter_attachment_id, reported, input.reason.trim()],
  );
  await answerClock(ctx, c, 'refund_withheld', 'fraud_suspicion_reported_to_nca', {
    refund_withheld_at: ctx.clock.now().toISOString(), nca_letter_attachment_id: input.nca_letter_attachment_id, nca_reported_on: reported,
  });
  await recordChange(ctx, {
    event: 'compliance.refund_withheld', aggregateType: 'payment_complaint', aggregateId: id, ticketId: c.ticket_id,
    payload: { case_id: c.case_id, nca_letter_attachment_id: input.nca_letter_attachment_id, nca_reported_on: reported },
  });
  return row;
}

/**
 * Record the refund of an unauthorised transaction: the refund id and the credit value date, which must be no later
 * than the date the amount was debited (Art. 73(1): the account is restored as if the transaction had not happened).
 */
export async function recordRefund(ctx: Ctx, id: string, input: { refund_id: string; value_date: string; amount_minor?: number }): Promise<PaymentComplaint> {
  authorize(ctx.actor, 'tickets.write');
  if (!input.refund_id?.trim()) throw invalid('REFUND_ID_REQUIRED', 'The refund id (ledger / payment reference) is required');
  const valueDate = isoDate(input.value_date, 'value_date');
  if (input.amount_minor != null && (!Number.isInteger(input.amount_minor) || input.amount_minor < 0)) throw invalid('INVALID_AMOUNT', 'amount_minor must be a whole, non-negative number');
  const c = await loadUnauthorised(ctx, id);
  if (c.debit_date && valueDate > c.debit_date) {
    throw new AppError('VALUE_DATE_NOT_RESTORED', `The credit value date must be no later than the debit date ${c.debit_date} (PSD2 Art. 73(1))`, 'unprocessable');
  }
  const row = await ctx.tx.one<PaymentComplaint>(
    `UPDATE compliance_payment_complaints SET refund_id = $2, refund_value_date = $3, refunded_at = $4 WHERE id = $1 RETURNING ${COMPLAINT_COLS}`,
    [id, input.refund_id.trim(), valueDate, ctx.clock.now()],
  );
  await answerClock(ctx, c, 'refunded', 'refund_d_plus_1', { refund_id: input.refund_id.trim(), refund_value_date: valueDate, refunded_at: ctx.clock.now().toISOString() });
  await recordChange(ctx, {
    event: 'compliance.refund_recorded', aggregateType: 'payment_complaint', aggregateId: id, ticketId: c.ticket_id,
    payload: { case_id: c.case_id, refund_id: input.refund_id.trim(), value_date: valueDate, amount_minor: input.amount_minor ?? c.amount_minor, after_withhold: !!c.withheld_at },
  });
  return row;
}

/** The register, newest first (for the admin screen). */
export async function listPaymentComplaints(ctx: Ctx, f: { status?: 'open' | 'closed'; kind?: string; limit?: number } = {}): Promise<PaymentComplaint[]> {
  authorize(ctx.actor, 'tickets.read');
  return ctx.tx.query<PaymentComplaint>(
    `SELECT ${COMPLAINT_COLS} FROM compliance_payment_complaints
      WHERE workspace_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR kind = $3) ORDER BY received_at DESC, id DESC LIMIT $4`,
    [ctx.actor.workspaceId, f.status ?? null, f.kind ?? null, Math.min(f.limit ?? 100, 500)],
  );
}

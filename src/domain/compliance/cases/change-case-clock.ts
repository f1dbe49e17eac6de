import { AppError, conflict, invalid } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import type { ComplianceCase } from './case.js';
import { loadCase, recomputeCase } from './case.repo.js';

function assertOpen(c: ComplianceCase): void {
  if (c.status === 'responded' || c.status === 'closed') throw conflict('CASE_CLOSED', 'The case is already answered');
}
function reasonOf(reason: string | undefined): string {
  const r = reason?.trim() ?? '';
  if (!r) throw invalid('REASON_REQUIRED', 'A reason is required (it is sent to the data subject / complainant)');
  return r;
}

/** GDPR Art. 12(3): one extension, notified with reasons inside the first period. */
export async function extendCase(ctx: Ctx, id: string, input: { reason?: string }): Promise<ComplianceCase> {
  authorize(ctx.actor, 'tickets.write');
  const c = await loadCase(ctx, id, { forUpdate: true });
  assertOpen(c);
  if (!c.rule.extension) throw new AppError('NO_EXTENSION', `${c.rule.label} cannot be extended`, 'unprocessable');
  const reason = reasonOf(input.reason);
  if (c.extended_at) throw conflict('ALREADY_EXTENDED', 'The case was already extended once');
  const now = ctx.clock.now();
  if (now.getTime() >= c.original_due_at.getTime()) {
    throw new AppError('EXTENSION_TOO_LATE', 'An extension must be notified before the first period ends', 'unprocessable', { original_due_at: c.original_due_at });
  }
  const row = await recomputeCase(ctx, c, { extended_at: now, extension_reason: reason });
  await recordChange(ctx, {
    event: 'compliance.case_extended', aggregateType: 'compliance_case', aggregateId: id, ticketId: c.ticket_id,
    payload: { reason, original_due_at: c.original_due_at.toISOString(), due_at: row.due_at.toISOString() },
  });
  return row;
}

/** PSD2 Art. 101: holding reply with reasons; the final reply is then due by the holding step (35 business days). */
export async function recordHoldingReply(ctx: Ctx, id: string, input: { reason?: string }): Promise<ComplianceCase> {
  authorize(ctx.actor, 'tickets.write');
  const c = await loadCase(ctx, id, { forUpdate: true });
  assertOpen(c);
  if (!c.rule.holding_reply) throw new AppError('NO_HOLDING_REPLY', `${c.rule.label} has no holding reply`, 'unprocessable');
  const reason = reasonOf(input.reason);
  if (c.holding_reply_at) throw conflict('ALREADY_HELD', 'A holding reply was already sent');
  const now = ctx.clock.now();
  if (now.getTime() >= c.original_due_at.getTime()) {
    throw new AppError('HOLDING_REPLY_TOO_LATE', 'A holding reply must be sent before the 15 business days end', 'unprocessable');
  }
  const row = await recomputeCase(ctx, c, { holding_reply_at: now, holding_reason: reason });
  await recordChange(ctx, {
    event: 'compliance.case_holding_reply', aggregateType: 'compliance_case', aggregateId: id, ticketId: c.ticket_id,
    payload: { reason, due_at: row.due_at.toISOString() },
  });
  return row;
}

/** UK GDPR: pause the clock (clarification/identity); resume shifts every clock by the whole days paused. */
export async function pauseCase(ctx: Ctx, id: string, input: { reason?: string }): Promise<ComplianceCase> {
  authorize(ctx.actor, 'tickets.write');
  const c = await loadCase(ctx, id, { forUpdate: true });
  assertOpen(c);
  if (!c.rule.pause_allowed) throw new AppError('PAUSE_NOT_ALLOWED', `${c.rule.label} has no statutory pause`, 'unprocessable');
  if (c.status === 'paused') throw conflict('ALREADY_PAUSED', 'The case is already paused');
  const reason = reasonOf(input.reason);
  const row = await recomputeCase(ctx, c, { status: 'paused', paused_at: ctx.clock.now() });
  await recordChange(ctx, { event: 'compliance.case_paused', aggregateType: 'compliance_case', aggregateId: id, ticketId: c.ticket_id, payload: { reason } });
  return row;
}

export async function resumeCase(ctx: Ctx, id: string): Promise<ComplianceCase> {
  authorize(ctx.actor, 'tickets.write');
  const c = await loadCase(ctx, id, { forUpdate: true });
  if (c.status !== 'paused' || !c.paused_at) throw conflict('NOT_PAUSED', 'The case is not paused');
  const days = Math.ceil((ctx.clock.now().getTime() - c.paused_at.getTime()) / 86_400_000);
  const row = await recomputeCase(ctx, c, { status: 'open', paused_at: null, paused_days: c.paused_days + days });
  await recordChange(ctx, {
    event: 'compliance.case_resumed', aggregateType: 'compliance_case', aggregateId: id, ticketId: c.ticket_id,
    payload: { paused_days: days, due_at: row.due_at.toISOString() },
  });
  return row;
}

/** Record the response: who (human or bot), the outcome and the reason code. */
export async function respondCase(ctx: Ctx, id: string, input: { outcome: string; reason_code?: string; late_reason?: string }): Promise<ComplianceCase> {
  authorize(ctx.actor, 'tickets.write');
  const c = await loadCase(ctx, id, { forUpdate: true });
  assertOpen(c);
  if (!input.outcome?.trim()) throw invalid('OUTCOME_REQUIRED', 'An outcome is required');
  const now = ctx.clock.now();
  const late = now.getTime() >= c.due_at.getTime();
  // G17: a late notice cannot be sent without a reason (applies to every clock).
  if (late && !input.late_reason?.trim()) throw invalid('LATE_REASON_REQUIRED', 'The deadline has passed: give the reason for the delay');
  const row = await recomputeCase(ctx, c, {
    status: 'responded', responded_at: now, responder_type: ctx.actor.type, responder_id: ctx.actor.id,
    outcome: input.outcome.trim(), reason_code: input.reason_code ?? null, paused_at: null,
  });
  await recordChange(ctx, {
    event: 'compliance.case_responded', aggregateType: 'compliance_case', aggregateId: id, ticketId: c.ticket_id,
    payload: { outcome: row.outcome, reason_code: row.reason_code, late, late_reason: input.late_reason ?? null, responder_type: ctx.actor.type },
  });
  return row;
}

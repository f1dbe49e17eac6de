import { notFound } from '../../../platform/errors.js';
import type { Ctx } from '../../kernel/index.js';
import { computeDeadlines } from '../regulatory/compute-deadlines.js';
import { workspaceCalendar } from '../regulatory/rule-sets.js';
import { CASE_COLUMNS, type ComplianceCase } from './case.js';

export async function loadCase(ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}): Promise<ComplianceCase> {
  const c = await ctx.tx.maybeOne<ComplianceCase>(
    `SELECT ${CASE_COLUMNS} FROM compliance_cases WHERE id = $1 AND workspace_id = $2${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [id, ctx.actor.workspaceId],
  );
  if (!c) throw notFound('CASE_NOT_FOUND', 'Case');
  return c;
}

/** Recompute the clocks of a case from its rule snapshot and its recorded extension/holding reply/pauses, and store them. */
export async function recomputeCase(ctx: Ctx, c: ComplianceCase, changes: Partial<ComplianceCase>): Promise<ComplianceCase> {
  const next = { ...c, ...changes };
  const cal = await workspaceCalendar(ctx, next.country);
  const d = computeDeadlines(next.rule, {
    receivedAt: next.received_at, startAt: next.start_at ?? undefined, pausedDays: next.paused_days,
    extendedAt: next.extended_at, holdingReplyAt: next.holding_reply_at,
  }, cal);
  const row = await ctx.tx.one<ComplianceCase>(
    `UPDATE compliance_cases SET due_at = $2, due_date = $3, warn_at = $4, clocks = $5::jsonb, extended_at = $6, extension_reason = $7,
        holding_reply_at = $8, holding_reason = $9, paused_at = $10, paused_days = $11, status = $12, responded_at = $13,
        responder_type = $14, responder_id = $15, outcome = $16, reason_code = $17,
        warned_at = CASE WHEN $4::timestamptz > warn_at THEN NULL ELSE warned_at END, updated_at = $18
      WHERE id = $1 RETURNING ${CASE_COLUMNS}`,
    [c.id, d.due_at, d.due_date, d.warn_at, JSON.stringify(d.clocks), next.extended_at, next.extension_reason, next.holding_reply_at,
      next.holding_reason, next.paused_at, next.paused_days, next.status, next.responded_at, next.responder_type, next.responder_id,
      next.outcome, next.reason_code, ctx.clock.now()],
  );
  return row;
}

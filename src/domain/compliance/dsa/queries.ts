import { authorize, type Ctx } from '../../kernel/index.js';

const lim = (n?: number) => Math.min(n ?? 100, 500);

/** DSA notices, newest first (admin screen). */
export async function listDsaNotices(ctx: Ctx, f: { limit?: number } = {}) {
  authorize(ctx.actor, 'compliance.manage');
  return ctx.tx.query<{ id: string; case_id: string | null; url: string; reasons: string; category: string; notifier_name: string | null; notifier_email: string | null; received_at: Date; receipt_sent_at: Date | null; decision: string | null; decided_at: Date | null; automated: boolean }>(
    `SELECT id, case_id, url, reasons, category, notifier_name, notifier_email, received_at, receipt_sent_at, decision, decided_at, automated
       FROM compliance_dsa_notices WHERE workspace_id = $1 ORDER BY received_at DESC, id DESC LIMIT $2`, [ctx.actor.workspaceId, lim(f.limit)]);
}

/** Statements of reasons, newest first, with the appeal-rules version they link to. */
export async function listDsaStatements(ctx: Ctx, f: { limit?: number } = {}) {
  authorize(ctx.actor, 'compliance.manage');
  return ctx.tx.query<{ id: string; puid: string; notice_id: string | null; customer_id: string | null; content_ref: string; measure: string; scope: string; ground_type: string; ground: string; automated_decision: boolean; notified_at: Date; terms_version: number | null }>(
    `SELECT s.id, s.puid, s.notice_id, s.customer_id, s.content_ref, s.measure, s.scope, s.ground_type, s.ground, s.automated_decision, s.notified_at, v.version AS terms_version
       FROM compliance_dsa_statements s LEFT JOIN compliance_terms_versions v ON v.id = s.terms_version_id
      WHERE s.workspace_id = $1 ORDER BY s.notified_at DESC, s.id DESC LIMIT $2`, [ctx.actor.workspaceId, lim(f.limit)]);
}

/** Appeals, undecided first then newest (the human-review queue). */
export async function listDsaAppeals(ctx: Ctx, f: { pending?: boolean; limit?: number } = {}) {
  authorize(ctx.actor, 'compliance.manage');
  return ctx.tx.query<{ id: string; statement_id: string; case_id: string | null; appellant_type: string; reasons: string; received_at: Date; reviewer_id: string | null; decision: string | null; decision_reasons: string | null; decided_at: Date | null; measure: string }>(
    `SELECT a.id, a.statement_id, a.case_id, a.appellant_type, a.reasons, a.received_at, a.reviewer_id, a.decision, a.decision_reasons, a.decided_at, s.measure
       FROM compliance_dsa_appeals a JOIN compliance_dsa_statements s ON s.id = a.statement_id
      WHERE a.workspace_id = $1 AND (NOT $2::boolean OR a.decided_at IS NULL)
      ORDER BY (a.decided_at IS NULL) DESC, a.received_at DESC, a.id DESC LIMIT $3`, [ctx.actor.workspaceId, !!f.pending, lim(f.limit)]);
}

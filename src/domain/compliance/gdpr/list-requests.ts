import { authorize, type Ctx } from '../../kernel/index.js';

export interface DsrRequestRow {
  id: string;
  case_id: string;
  kind: string;
  customer_id: string | null;
  customer_name: string | null;
  channel: string;
  verification_status: string;
  status: string;
  created_at: Date;
  due_at: Date | null;
  /** The erasure report (what was erased, what was kept and why) once an erasure ran. */
  erasure_report: unknown;
}

/** Data-subject requests, open first then newest, with their clock and (for erasures) the stored report. */
export async function listDsrRequests(ctx: Ctx, f: { status?: string; kind?: string; limit?: number } = {}): Promise<DsrRequestRow[]> {
  authorize(ctx.actor, 'compliance.manage');
  return ctx.tx.query<DsrRequestRow>(
    `SELECT r.id, r.case_id, r.kind, r.customer_id, cu.name AS customer_name, r.channel, r.verification_status, r.status, r.created_at, c.due_at,
            (SELECT e.report FROM compliance_erasures e WHERE e.request_id = r.id ORDER BY e.erased_at DESC LIMIT 1) AS erasure_report
       FROM compliance_requests r LEFT JOIN compliance_cases c ON c.id = r.case_id LEFT JOIN customers cu ON cu.id = r.customer_id
      WHERE r.workspace_id = $1 AND ($2::text IS NULL OR r.status = $2) AND ($3::text IS NULL OR r.kind = $3)
      ORDER BY (r.status = 'open') DESC, r.created_at DESC, r.id DESC LIMIT $4`,
    [ctx.actor.workspaceId, f.status ?? null, f.kind ?? null, Math.min(f.limit ?? 100, 500)],
  );
}

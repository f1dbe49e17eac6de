import { authorize, type Ctx } from '../kernel/index.js';

export interface AuditEntry {
  seq: number;
  actor_type: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  ip: string | null;
  request_id: string | null;
  changes: Record<string, unknown>;
  occurred_at: Date;
}

/** Newest audit entries of the workspace, optionally for one entity (admins, supervisors). */
export async function listAuditEntries(ctx: Ctx, f: { entity_id?: string; limit?: number }): Promise<AuditEntry[]> {
  authorize(ctx.actor, 'audit.read');
  return ctx.tx.query<AuditEntry>(
    `SELECT seq, actor_type, actor_id, action, entity_type, entity_id, ip, request_id, changes, occurred_at FROM audit_log
      WHERE workspace_id = $1 AND ($2::text IS NULL OR entity_id = $2) ORDER BY seq DESC LIMIT $3`,
    [ctx.actor.workspaceId, f.entity_id ?? null, Math.min(Math.max(f.limit ?? 100, 1), 500)],
  );
}

import type { Queryable } from '../../../platform/db/index.js';
import { sealAuditChain } from './seal-audit-chain.js';

export interface AuditExportRow {
  seq: number;
  chain_pos: number;
  workspace_id: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: unknown;
  occurred_at: string;
  prev_hash: string;
  hash: string;
  content_hash: string;
  redacted: boolean;
}

/**
 * Audit entries for auditors, in chain order, as JSON Lines with the chain columns so an auditor can
 * recompute every link. Seals what is committed first, then pages by chain position; `onRow` is called per
 * entry (entries committed after that seal are not exported: they have no chain position yet).
 */
export async function exportAuditLog(
  q: Queryable,
  filter: { workspaceId?: string; from?: Date; to?: Date },
  onRow: (row: AuditExportRow) => Promise<void> | void,
): Promise<number> {
  await sealAuditChain(q);
  let after = -1;
  let n = 0;
  for (;;) {
    const rows = await q.query<AuditExportRow>(
      `SELECT seq::int8 AS seq, chain_pos, workspace_id, actor_type, actor_id, action, entity_type, entity_id, changes,
              occurred_at, prev_hash, hash, content_hash, redacted_at IS NOT NULL AS redacted
         FROM audit_log
        WHERE chain_pos > $1 AND ($2::text IS NULL OR workspace_id = $2)
          AND ($3::timestamptz IS NULL OR occurred_at >= $3) AND ($4::timestamptz IS NULL OR occurred_at < $4)
        ORDER BY chain_pos LIMIT 2000`,
      [after, filter.workspaceId ?? null, filter.from ?? null, filter.to ?? null],
    );
    for (const r of rows) {
      await onRow({ ...r, seq: Number(r.seq), chain_pos: Number(r.chain_pos), occurred_at: new Date(r.occurred_at).toISOString() });
      n++;
    }
    if (rows.length < 2000) return n;
    after = Number(rows[rows.length - 1].chain_pos);
  }
}

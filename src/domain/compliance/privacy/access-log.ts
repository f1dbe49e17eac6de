import type { Db } from '../../../platform/db/index.js';
import { authorize, type Ctx } from '../../kernel/index.js';

/** Record that a user viewed a customer's personal data (written after the response, in its own statement). */
export async function logPiiAccess(db: Db, entry: { workspaceId: string; userId: string; customerIds: string[]; access: string; at: Date }): Promise<void> {
  if (entry.customerIds.length === 0) return;
  await db.query(
    `INSERT INTO compliance_pii_access_log (workspace_id, user_id, customer_id, access, viewed_at)
     SELECT $1, $2, c, $4, $5 FROM unnest($3::text[]) AS c`,
    [entry.workspaceId, entry.userId, [...new Set(entry.customerIds)], entry.access, entry.at],
  );
}

export interface PiiAccessEntry {
  user_id: string;
  user_name: string | null;
  customer_id: string;
  access: string;
  viewed_at: Date;
}

export async function listPiiAccess(ctx: Ctx, filter: { customer_id?: string; user_id?: string; limit?: number }): Promise<PiiAccessEntry[]> {
  authorize(ctx.actor, 'compliance.manage');
  return ctx.tx.query<PiiAccessEntry>(
    `SELECT l.user_id, u.name AS user_name, l.customer_id, l.access, l.viewed_at
       FROM compliance_pii_access_log l LEFT JOIN users u ON u.id = l.user_id
      WHERE l.workspace_id = $1 AND ($2::text IS NULL OR l.customer_id = $2) AND ($3::text IS NULL OR l.user_id = $3)
      ORDER BY l.viewed_at DESC, l.id DESC LIMIT $4`,
    [ctx.actor.workspaceId, filter.customer_id ?? null, filter.user_id ?? null, Math.min(filter.limit ?? 100, 1000)],
  );
}

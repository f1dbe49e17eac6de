import type { Tx } from '../../../platform/db/index.js';

/** What a ticket list shows about its requester: enough to render a row without loading the customer. */
export interface RequesterSummary {
  id: string;
  name: string;
  /** The primary email (or the oldest email when none is marked primary); null for phone-only customers. */
  email: string | null;
}

/**
 * Requester summaries for a page of tickets in ONE query (never one per row). A read-side join onto the
 * customers tables: the tickets were already limited to the actor's scope, and every role that reads
 * tickets may read their requesters (customers.read).
 */
export async function requesterSummaries(tx: Tx, workspaceId: string, ids: readonly string[]): Promise<Map<string, RequesterSummary>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx.query<RequesterSummary>(
    `SELECT c.id, c.name,
            (SELECT i.value FROM customer_identities i
              WHERE i.customer_id = c.id AND i.kind = 'email'
              ORDER BY i.is_primary DESC, i.created_at, i.id LIMIT 1) AS email
       FROM customers c
      WHERE c.id = ANY($1::text[]) AND c.workspace_id = $2`,
    [unique, workspaceId],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, email: r.email ?? null }]));
}

/** Each row with its `requester` embedded (`requester_id` kept). */
export async function withRequesters<T extends { requester_id: string }>(
  tx: Tx,
  workspaceId: string,
  rows: T[],
): Promise<Array<T & { requester: RequesterSummary }>> {
  const byId = await requesterSummaries(tx, workspaceId, rows.map((r) => r.requester_id));
  // The foreign key guarantees a customer; the fallback only keeps the wire shape total.
  return rows.map((r) => ({ ...r, requester: byId.get(r.requester_id) ?? { id: r.requester_id, name: '', email: null } }));
}

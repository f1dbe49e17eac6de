import type { Tx } from '../../../platform/db/index.js';
import type { SlaSubject } from '../sla-policy.js';

/** The ticket (and requester) facts SLA policies look at; null when the ticket is gone. */
export async function loadSubject(tx: Tx, ticketId: string): Promise<SlaSubject | null> {
  const row = await tx.maybeOne<SlaSubject>(
    `SELECT t.id, t.workspace_id, t.status, t.priority, t.channel, t.brand_id, t.team_id, t.assignee_id, t.tags, t.custom_fields,
            t.country, c.tier AS customer_tier, c.country AS customer_country, t.created_at
       FROM tickets t JOIN customers c ON c.id = t.requester_id
      WHERE t.id = $1`,
    [ticketId],
  );
  return row ?? null;
}

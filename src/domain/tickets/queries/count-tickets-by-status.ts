import { TICKET_STATUSES, type TicketStatus } from '../../../shared/enums.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import { ticketScope } from '../ticket.policy.js';

export type StatusCounts = Record<TicketStatus, number> & { total: number };

/** Tickets per status for one requester or organisation, limited to what the actor may see. */
export async function countTicketsByStatus(ctx: Ctx, f: { requester_id?: string; organization_id?: string }): Promise<StatusCounts> {
  authorize(ctx.actor, 'tickets.read');
  const p: unknown[] = [];
  const where = [ticketScope(ctx.actor, 't', p)];
  if (f.requester_id) {
    p.push(f.requester_id);
    where.push(`t.requester_id = $${p.length}`);
  }
  if (f.organization_id) {
    p.push(f.organization_id);
    where.push(`t.organization_id = $${p.length}`);
  }
  const rows = await ctx.tx.query<{ status: TicketStatus; n: number }>(
    `SELECT t.status, count(*)::int AS n FROM tickets t WHERE ${where.join(' AND ')} GROUP BY t.status`,
    p,
  );
  const out = Object.fromEntries([...TICKET_STATUSES.map((s) => [s, 0]), ['total', 0]]) as StatusCounts;
  for (const r of rows) {
    out[r.status] = Number(r.n);
    out.total += Number(r.n);
  }
  return out;
}

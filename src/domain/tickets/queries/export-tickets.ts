import type { TicketStatus } from '../../../shared/enums.js';
import { authorize, type Ctx, type Page } from '../../kernel/index.js';
import { MESSAGE_COLUMNS, type Message } from '../message.js';
import { TICKET_COLUMNS, type Ticket } from '../ticket.js';
import { ticketScope } from '../ticket.policy.js';

export interface ExportFilter {
  status?: TicketStatus[];
  /** Tickets created or changed at/after this instant. */
  since?: Date;
  /** Keyset cursor: the last ticket id of the previous page. */
  after?: string | null;
  limit?: number;
}

export interface ExportedTicket {
  ticket: Ticket;
  /** The whole conversation, oldest first. */
  messages: Message[];
}

function where(ctx: Ctx, f: ExportFilter, p: unknown[]): string {
  const w = [ticketScope(ctx.actor, 't', p)];
  if (f.status?.length) {
    p.push(f.status);
    w.push(`t.status = ANY($${p.length}::text[])`);
  }
  if (f.since) {
    p.push(f.since);
    w.push(`t.updated_at >= $${p.length}`);
  }
  return w.join(' AND ');
}

/**
 * One page of a full export: tickets in id order (ids are time-sortable and never change, so the
 * keyset is stable while others keep writing) with their messages, in the actor's scope.
 */
export async function exportTickets(ctx: Ctx, f: ExportFilter): Promise<Page<ExportedTicket>> {
  authorize(ctx.actor, 'tickets.export');
  const p: unknown[] = [];
  let sql = where(ctx, f, p);
  if (f.after) {
    p.push(f.after);
    sql += ` AND t.id > $${p.length}`;
  }
  const limit = Math.min(Math.max(f.limit ?? 100, 1), 500);
  p.push(limit + 1);
  const rows = await ctx.tx.query<Ticket>(
    `SELECT ${TICKET_COLUMNS.split(',').map((c) => `t.${c.trim()}`).join(', ')} FROM tickets t WHERE ${sql} ORDER BY t.id LIMIT $${p.length}`,
    p,
  );
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const msgs = page.length
    ? await ctx.tx.query<Message>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ticket_id = ANY($1::text[]) ORDER BY created_at, id`, [page.map((t) => t.id)])
    : [];
  const byTicket = new Map<string, Message[]>();
  for (const m of msgs) {
    const list = byTicket.get(m.ticket_id);
    if (list) list.push(m);
    else byTicket.set(m.ticket_id, [m]);
  }
  return {
    data: page.map((ticket) => ({ ticket, messages: byTicket.get(ticket.id) ?? [] })),
    next_cursor: more ? page[page.length - 1]!.id : null,
  };
}

/** How many tickets an export with this filter will write (for progress). */
export async function countTicketsForExport(ctx: Ctx, f: ExportFilter): Promise<number> {
  authorize(ctx.actor, 'tickets.export');
  const p: unknown[] = [];
  const row = await ctx.tx.one<{ n: number }>(`SELECT count(*)::int AS n FROM tickets t WHERE ${where(ctx, f, p)}`, p);
  return Number(row.n);
}

import { authorize, type Ctx } from '../../kernel/index.js';
import { attachmentsOf, type Attachment } from '../attachments.js';
import { MESSAGE_COLUMNS, type Message } from '../message.js';
import type { Ticket } from '../ticket.js';
import { assertCanSee } from '../ticket.policy.js';
import { loadTicket } from '../ticket.repo.js';

export async function getTicket(ctx: Ctx, id: string): Promise<Ticket> {
  authorize(ctx.actor, 'tickets.read');
  const t = await loadTicket(ctx.tx, id);
  await assertCanSee(ctx.tx, ctx.actor, t);
  return t;
}

export type MessageWithAttachments = Message & { attachments: Attachment[] };

export async function listMessages(ctx: Ctx, ticketId: string): Promise<MessageWithAttachments[]> {
  await getTicket(ctx, ticketId);
  const rows = await ctx.tx.query<Message>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ticket_id = $1 ORDER BY created_at, id`, [ticketId]);
  const atts = await attachmentsOf(ctx, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, attachments: atts.get(r.id) ?? [] }));
}

export interface TicketEvent {
  id: string;
  seq: number;
  name: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  channel: string | null;
  ip: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

/** The ticket's history: who did what, when, from which channel and IP. */
export async function listTicketEvents(ctx: Ctx, ticketId: string): Promise<TicketEvent[]> {
  await getTicket(ctx, ticketId);
  return ctx.tx.query<TicketEvent>(
    `SELECT e.id, e.seq, e.name, e.actor_type, e.actor_id, u.name AS actor_name, e.channel,
            CASE WHEN $2 THEN e.ip ELSE NULL END AS ip, e.payload, e.occurred_at
       FROM events e LEFT JOIN users u ON u.id = e.actor_id
      WHERE e.ticket_id = $1 ORDER BY e.seq`,
    [ticketId, ['admin', 'supervisor', 'system'].includes(ctx.actor.role)],
  );
}

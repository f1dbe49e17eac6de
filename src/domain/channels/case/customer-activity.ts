import { getTicket, ticketScope } from '../../tickets/index.js';
import type { Ctx } from '../../kernel/index.js';

export interface ActivityItem {
  ticket_id: string;
  number: number;
  subject: string;
  status: string;
  channel: string;
  created_at: Date;
  last_message_at: Date | null;
  last_message_channel: string | null;
  last_message_preview: string | null;
}

/**
 * The requester's other conversations, on every channel (email, chat, web form, API …), newest activity
 * first — so the agent sees one customer case, not one channel's slice of it. Scoped like every ticket list.
 */
export async function customerActivity(ctx: Ctx, ticketId: string, limit = 20): Promise<{ customer_id: string; channels: Record<string, number>; items: ActivityItem[] }> {
  const t = await getTicket(ctx, ticketId);
  const p: unknown[] = [t.requester_id, t.id];
  const scope = ticketScope(ctx.actor, 't', p);
  p.push(Math.min(limit, 100));
  const items = await ctx.tx.query<ActivityItem>(
    `SELECT t.id AS ticket_id, t.number, t.subject, t.status, t.channel, t.created_at,
            m.created_at AS last_message_at, m.channel AS last_message_channel, left(m.body_text, 160) AS last_message_preview
       FROM tickets t
       LEFT JOIN LATERAL (SELECT created_at, channel, body_text FROM messages WHERE ticket_id = t.id AND is_public
                            ORDER BY created_at DESC, id DESC LIMIT 1) m ON true
      WHERE t.requester_id = $1 AND t.id <> $2 AND t.merged_into_id IS NULL AND ${scope}
      ORDER BY coalesce(m.created_at, t.created_at) DESC, t.id DESC LIMIT $${p.length}`,
    p,
  );
  const channels: Record<string, number> = {};
  for (const i of items) channels[i.channel] = (channels[i.channel] ?? 0) + 1;
  return { customer_id: t.requester_id, channels, items };
}

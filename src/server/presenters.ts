import type { Attachment, MessageWithAttachments, Ticket } from '../domain/tickets/index.js';
import { isDangerous } from '../domain/tickets/index.js';
import { toWire } from './present.js';

export const presentTicket = (t: Ticket) => toWire(t) as Record<string, unknown>;

export const presentAttachment = (a: Attachment) =>
  toWire({ ...a, is_dangerous: isDangerous(a), url: `/api/v1/attachments/${a.id}/content` }) as Record<string, unknown>;

export function presentMessage(m: Omit<MessageWithAttachments, 'attachments'> & { attachments?: Attachment[] }) {
  return toWire({
    id: m.id,
    ticket_id: m.ticket_id,
    author_type: m.author_type,
    author_user_id: m.author_user_id,
    author_customer_id: m.author_customer_id,
    public: m.is_public,
    channel: m.channel,
    body: m.body_text,
    html_body: m.body_html,
    attachments: (m.attachments ?? []).map(presentAttachment),
    created_at: m.created_at,
  }) as Record<string, unknown>;
}

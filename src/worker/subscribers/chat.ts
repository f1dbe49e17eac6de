import type { Subscriber } from '../../platform/events/index.js';
import { relayTicketMessage } from '../../domain/chat/index.js';

/**
 * Agent replies on a chat ticket reach the visitor: every public `message.added` on a ticket that has a chat
 * session is appended to the session's log (once; the relay is idempotent) and signalled to the widget.
 */
const chatRelay: Subscriber = {
  name: 'chat-relay',
  events: ['message.added'],
  async handle(e, db) {
    const messageId = typeof e.payload.message_id === 'string' ? e.payload.message_id : null;
    if (!e.ticket_id || !messageId || e.payload.is_public !== true) return;
    const ticketId = e.ticket_id;
    await db.transaction((tx) => relayTicketMessage(tx, ticketId, messageId));
  },
};

/** Event subscribers of the chat module. */
export const CHAT_SUBSCRIBERS: Subscriber[] = [chatRelay];

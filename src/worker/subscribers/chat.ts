import type { DeliveredEvent, Subscriber } from '../../platform/events/index.js';
import { relayTicketMessages } from '../../domain/chat/index.js';

/** The (ticket, message) of a public `message.added`, or null. */
function relayable(e: DeliveredEvent): { ticketId: string; messageId: string } | null {
  const messageId = typeof e.payload.message_id === 'string' ? e.payload.message_id : null;
  if (!e.ticket_id || !messageId || e.payload.is_public !== true) return null;
  return { ticketId: e.ticket_id, messageId };
}

/**
 * Agent replies on a chat ticket reach the visitor: every public `message.added` on a ticket that has a chat
 * session is appended to the session's log (once; the relay is idempotent) and signalled to the widget.
 * A batch is filtered in one query first: only messages still missing from a chat log are relayed.
 */
const chatRelay: Subscriber = {
  name: 'chat-relay',
  events: ['message.added'],
  async handle(e, db) {
    await relayTicketMessages(db, [relayable(e)].filter((p) => p !== null));
  },
  async handleBatch(events, db) {
    await relayTicketMessages(db, events.map(relayable).filter((p) => p !== null));
  },
};

/** Event subscribers of the chat module. */
export const CHAT_SUBSCRIBERS: Subscriber[] = [chatRelay];

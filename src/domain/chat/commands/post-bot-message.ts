import { invalid } from '../../../platform/errors.js';
import { addMessage } from '../../tickets/index.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { CHAT_LIMITS, type ChatLine } from '../chat.js';
import { appendLine, lockSession } from '../chat.repo.js';

/**
 * A bot's line in a chat (author kind 'bot'): stored as a public system message on the chat's ticket, so
 * agents see what the bot said in the normal ticket page. `ctx.actor` is the system actor.
 */
export async function postBotMessage(ctx: Ctx, sessionId: string, input: { body: string; bot_name: string; handoff?: boolean }): Promise<ChatLine> {
  const body = input.body.trim();
  if (!body || body.length > CHAT_LIMITS.body) throw invalid('BODY_INVALID', `A bot message is 1–${CHAT_LIMITS.body} characters`);
  const s = await lockSession(ctx.tx, sessionId);
  if (!s.ticket_id) throw invalid('CHAT_NOT_STARTED', 'The bot answers visitor messages; this chat has none yet');
  const { message } = await addMessage(ctx, s.ticket_id, { body, public: true, channel: 'chat' });
  const line: Omit<ChatLine, 'seq'> = {
    message_id: message.id, author_kind: 'bot', author_name: input.bot_name.slice(0, CHAT_LIMITS.name), client_msg_id: null, created_at: ctx.clock.now(),
    body: message.body_text, attachments: [],
  };
  const seq = await appendLine(ctx.tx, s.id, line);
  await recordChange(ctx, {
    event: 'chat.bot_replied', aggregateType: 'chat_session', aggregateId: s.id, ticketId: s.ticket_id,
    payload: { message_id: message.id, bot: input.bot_name, handoff: input.handoff === true }, audit: false,
  });
  return { ...line, seq };
}

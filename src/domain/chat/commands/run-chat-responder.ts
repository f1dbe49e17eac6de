import type { Db } from '../../../platform/db/index.js';
import type { Clock } from '../../../platform/clock.js';
import { systemActor } from '../../kernel/index.js';
import type { ChatLine } from '../chat.js';
import { linesAfter, lockSession } from '../chat.repo.js';
import { agentsOnline } from '../presence.js';
import { chatResponder } from '../responder.js';
import { postBotMessage } from './post-bot-message.js';

/**
 * Give the registered bot (if any) the visitor's new line; post its reply as a 'bot' line. Runs after the
 * visitor's message committed, in its own transaction: a failing bot never loses the visitor's message.
 */
export async function runChatResponder(db: Db, clock: Clock, sessionId: string, line: ChatLine): Promise<ChatLine | null> {
  const bot = chatResponder();
  if (!bot || line.author_kind !== 'visitor') return null;
  const { session, history, online } = await db.transaction(async (tx) => {
    const s = await lockSession(tx, sessionId);
    const recent = await linesAfter(tx, s.id, Math.max(0, line.seq - 20), 20);
    return { session: s, history: recent, online: await agentsOnline(tx, s.workspace_id, s.brand_id, clock.now()) };
  });
  const reply = await bot.respond({ session, line, history, agentsOnline: online });
  if (!reply?.body?.trim()) return null;
  return db.transaction((tx) =>
    postBotMessage({ actor: { ...systemActor(session.workspace_id), name: bot.name }, tx, clock, meta: { channel: 'chat' } }, sessionId, {
      body: reply.body, bot_name: bot.name, handoff: reply.handoff,
    }),
  );
}

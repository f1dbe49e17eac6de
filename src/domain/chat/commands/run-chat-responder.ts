import type { Db } from '../../../platform/db/index.js';
import type { Clock } from '../../../platform/clock.js';
import { systemActor } from '../../kernel/index.js';
import { SESSION_COLUMNS, type ChatLine, type ChatSession } from '../chat.js';
import { linesAfter } from '../chat.repo.js';
import { agentsOnline } from '../presence.js';
import { chatResponder } from '../responder.js';
import { postBotMessage } from './post-bot-message.js';

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= load());
}

/**
 * Give the registered bot (if any) the visitor's new line; post its reply as a 'bot' line. Runs after the
 * visitor's message committed, in its own transaction: a failing bot never loses the visitor's message.
 */
export async function runChatResponder(db: Db, clock: Clock, sessionId: string, line: ChatLine, committed?: ChatSession): Promise<ChatLine | null> {
  const bot = chatResponder();
  if (!bot || line.author_kind !== 'visitor') return null;
  // Read-only snapshot for the bot: no transaction, no session lock (the visitor's next message may be writing).
  // The caller may pass the session as its own transaction committed it (no second read).
  const session = committed?.id === sessionId ? committed : await db.maybeOne<ChatSession>(`SELECT ${SESSION_COLUMNS} FROM chat_sessions WHERE id = $1`, [sessionId]);
  if (!session) return null;
  // history and presence are read only if the bot asks (most answer from the line alone)
  const reply = await bot.respond({
    session, line,
    history: once(() => linesAfter(db, session.id, Math.max(0, line.seq - 20), 20)),
    agentsOnline: once(() => agentsOnline(db, session.workspace_id, session.brand_id, clock.now())),
  });
  if (!reply?.body?.trim()) return null;
  return db.transaction((tx) =>
    postBotMessage({ actor: { ...systemActor(session.workspace_id), name: bot.name }, tx, clock, meta: { channel: 'chat' } }, sessionId, {
      body: reply.body, bot_name: bot.name, handoff: reply.handoff,
    }),
  );
}

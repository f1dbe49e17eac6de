import { invalid } from '../../../platform/errors.js';
import type { Ctx } from '../../kernel/index.js';
import { lockSession, signal } from '../chat.repo.js';

/**
 * Read state: the visitor (or an agent) has seen the lines up to `seq`. Only moves forward; ephemeral
 * (signalled live, stored on the session, no event per read).
 */
export async function markChatRead(ctx: Ctx, sessionId: string, who: 'visitor' | 'agent', seq: number): Promise<number> {
  if (!Number.isInteger(seq) || seq < 0) throw invalid('SEQ_INVALID', 'seq is a non-negative integer');
  const s = await lockSession(ctx.tx, sessionId);
  const col = who === 'visitor' ? 'visitor_read_seq' : 'agent_read_seq';
  const upTo = Math.min(seq, s.last_seq);
  if (upTo <= s[col]) return s[col];
  await ctx.tx.query(`UPDATE chat_sessions SET ${col} = $2 WHERE id = $1`, [s.id, upTo]);
  await signal(ctx.tx, { k: 'read', s: s.id, from: who, seq: upTo });
  return upTo;
}

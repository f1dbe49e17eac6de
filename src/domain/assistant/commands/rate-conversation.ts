import { invalid, notFound } from '../../../platform/errors.js';
import { recordChange, type Ctx } from '../../kernel/index.js';

/** The customer's rating (1–5) of an assistant conversation; 1–2 counts as "rated badly" in the metrics. */
export async function rateConversation(ctx: Ctx, id: string, rating: number): Promise<void> {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw invalid('INVALID_RATING', 'rating must be an integer from 1 to 5');
  const row = await ctx.tx.maybeOne<{ id: string; ticket_id: string | null }>('UPDATE assistant_conversations SET rating = $3 WHERE workspace_id = $1 AND id = $2 RETURNING id, ticket_id', [ctx.actor.workspaceId, id, rating]);
  if (!row) throw notFound('CONVERSATION_NOT_FOUND', 'Conversation');
  await recordChange(ctx, { event: 'assistant.conversation_rated', aggregateType: 'assistant_conversation', aggregateId: id, ticketId: row.ticket_id, payload: { rating } });
}

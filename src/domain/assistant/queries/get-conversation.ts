import { notFound } from '../../../platform/errors.js';
import type { Ctx } from '../../kernel/index.js';

export interface ConversationRow {
  id: string;
  brand_id: string | null;
  channel: string;
  customer_id: string | null;
  customer_email: string | null;
  external_ref: string | null;
  ticket_id: string | null;
  language: string | null;
  intent: string | null;
  confidence: number | null;
  status: 'active' | 'handed_off' | 'ended';
  answered: boolean;
  confirmed: boolean | null;
  rating: number | null;
  model_id: string | null;
  sop_ref: string | null;
  sop_version: number | null;
  state: unknown;
  handoff: unknown;
  turns: number;
  started_at: Date;
  last_activity_at: Date;
  ended_at: Date | null;
}

export const CONVERSATION_COLUMNS = 'id, brand_id, channel, customer_id, customer_email, external_ref, ticket_id, language, intent, confidence, status, answered, confirmed, rating, model_id, sop_ref, sop_version, state, handoff, turns, started_at, last_activity_at, ended_at';

export async function getConversation(ctx: Ctx, id: string): Promise<{ conversation: ConversationRow; turns: Array<{ seq: number; role: string; text: string; meta: unknown; created_at: Date }> }> {
  const conversation = await ctx.tx.maybeOne<ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM assistant_conversations WHERE workspace_id = $1 AND id = $2`, [ctx.actor.workspaceId, id]);
  if (!conversation) throw notFound('CONVERSATION_NOT_FOUND', 'Conversation');
  const turns = await ctx.tx.query<{ seq: number; role: string; text: string; meta: unknown; created_at: Date }>('SELECT seq, role, text, meta, created_at FROM assistant_turns WHERE conversation_id = $1 ORDER BY seq', [id]);
  return { conversation, turns };
}

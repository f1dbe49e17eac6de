import type { Clock } from '../../../platform/clock.js';
import type { Db, Tx } from '../../../platform/db/index.js';
import { NOT_RESTRICTED_SQL } from '../../compliance/index.js';

/**
 * THE definition of a self-service conversation's facts, from the assistant's events ($1 = conversation ids):
 *  handed_off_at   the first `assistant.handed_off` (a person took over; ticket_id is the hand-off ticket)
 *  contained       no hand-off: the assistant handled it alone (containment = contained ÷ conversations)
 *  confirmed       the customer confirmed the answer solved it (`assistant.answer_confirmed`)
 *  intent          the last intent named by a confirmation or hand-off, else the conversation's own
 * Brand and customer come from the conversation row; conversations of customers whose processing is
 * restricted produce no row.
 */
export const ASSISTANT_FACTS_SQL = `
WITH ev AS (
  SELECT e.aggregate_id AS id, e.workspace_id, e.name, e.seq, e.occurred_at, e.payload
    FROM events e
   WHERE e.aggregate_type = 'assistant_conversation' AND e.aggregate_id = ANY($1::text[])
     AND e.name IN ('assistant.conversation_started', 'assistant.answer_confirmed', 'assistant.action_executed', 'assistant.handed_off', 'assistant.conversation_rated')
), st AS (
  SELECT DISTINCT ON (id) id, workspace_id, occurred_at AS started_at, payload->>'channel' AS channel FROM ev WHERE name = 'assistant.conversation_started' ORDER BY id, seq
), ho AS (
  SELECT DISTINCT ON (id) id, occurred_at, payload->>'reason' AS reason, payload->>'ticket_id' AS ticket_id FROM ev WHERE name = 'assistant.handed_off' ORDER BY id, seq
), agg AS (
  SELECT id,
         bool_or(name = 'assistant.answer_confirmed') AS confirmed,
         count(*) FILTER (WHERE name = 'assistant.action_executed')::int AS actions,
         (array_agg(payload->>'intent' ORDER BY seq DESC) FILTER (WHERE name IN ('assistant.answer_confirmed', 'assistant.handed_off') AND payload->>'intent' IS NOT NULL))[1] AS intent,
         (array_agg((payload->>'rating')::int ORDER BY seq DESC) FILTER (WHERE name = 'assistant.conversation_rated'))[1] AS rating
    FROM ev GROUP BY id
)
SELECT st.id AS conversation_id, st.workspace_id, c.brand_id, COALESCE(st.channel, c.channel, 'api') AS channel, COALESCE(agg.intent, c.intent) AS intent,
       st.started_at, ho.occurred_at AS handed_off_at, ho.reason AS handoff_reason, ho.ticket_id, COALESCE(agg.confirmed, false) AS confirmed,
       COALESCE(agg.actions, 0) AS actions, agg.rating
  FROM st
  JOIN agg ON agg.id = st.id
  LEFT JOIN ho ON ho.id = st.id
  LEFT JOIN assistant_conversations c ON c.id = st.id
 WHERE c.customer_id IS NULL OR ${NOT_RESTRICTED_SQL('c.customer_id')}`;

const COLS = 'conversation_id, workspace_id, brand_id, channel, intent, started_at, handed_off_at, handoff_reason, ticket_id, confirmed, actions, rating';

/** Recompute these conversations' facts (idempotent: recomputed, not incremented). */
export async function refreshAssistantFacts(db: Db, clock: Clock, conversationIds: readonly string[]): Promise<number> {
  const ids = [...new Set(conversationIds)].sort();
  if (!ids.length) return 0;
  return db.transaction(async (tx) => {
    await tx.query('DELETE FROM assistant_facts WHERE conversation_id = ANY($1::text[])', [ids]);
    const rows = await tx.query(`INSERT INTO assistant_facts (${COLS}, updated_at) SELECT f.*, $2::timestamptz FROM (${ASSISTANT_FACTS_SQL}) f RETURNING 1`, [ids, clock.now()]);
    return rows.length;
  });
}

/** Refresh a customer's conversations (processing restriction set or lifted). */
export async function refreshCustomerConversations(db: Db, clock: Clock, customerId: string): Promise<number> {
  const ids = (await db.query<{ id: string }>('SELECT id FROM assistant_conversations WHERE customer_id = $1', [customerId])).map((r) => r.id);
  return refreshAssistantFacts(db, clock, ids);
}

/** Rebuild a workspace's conversation facts from its events (in the caller's transaction). */
export async function rebuildAssistantFacts(tx: Tx, workspaceId: string): Promise<void> {
  await tx.query('DELETE FROM assistant_facts WHERE workspace_id = $1', [workspaceId]);
  const ids = (await tx.query<{ id: string }>('SELECT id FROM assistant_conversations WHERE workspace_id = $1 ORDER BY id', [workspaceId])).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 2000) {
    await tx.query(`INSERT INTO assistant_facts (${COLS}, updated_at) SELECT f.*, now() FROM (${ASSISTANT_FACTS_SQL}) f`, [ids.slice(i, i + 2000)]);
  }
}

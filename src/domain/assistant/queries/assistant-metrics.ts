/**
 * Honest outcome figures. Per conversation:
 * - handed_off: the assistant handed the conversation to a human (for any reason);
 * - contained: not handed off, and the customer confirmed the answer ("yes"), or an answer / completed flow
 *   was given and within 72 h the same customer neither came back about the same intent (a new assistant
 *   conversation or a ticket carrying that intent, any channel) nor rated the conversation 1–2;
 * - returned: answered, not confirmed, and the customer came back about the same intent within 72 h or
 *   rated it 1–2 (counted against the assistant, not as contained);
 * - pending: answered, not confirmed, the 72 h window is still open;
 * - abandoned: no answer was given, no hand-off, and the customer has been silent for 30 minutes;
 * - active: none of the above yet.
 */
import { authorize, type Ctx } from '../../kernel/index.js';

export const CONTAINMENT_WINDOW_HOURS = 72;
export const ABANDON_AFTER_MINUTES = 30;
export const OUTCOMES = ['contained', 'handed_off', 'returned', 'pending', 'abandoned', 'active'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const OUTCOME_SQL = `
WITH c AS (
  SELECT c.*, EXISTS (
      SELECT 1 FROM assistant_conversations o
       WHERE o.workspace_id = c.workspace_id AND o.id <> c.id AND o.intent = c.intent
         AND ((c.customer_id IS NOT NULL AND o.customer_id = c.customer_id) OR (c.customer_email IS NOT NULL AND o.customer_email = c.customer_email))
         AND o.started_at > c.last_activity_at AND o.started_at <= c.last_activity_at + interval '${CONTAINMENT_WINDOW_HOURS} hours'
    ) OR (c.customer_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM tickets t
       WHERE t.workspace_id = c.workspace_id AND t.requester_id = c.customer_id AND (t.id IS DISTINCT FROM c.ticket_id)
         AND (t.custom_fields->>'intent' = c.intent OR ('intent:' || c.intent) = ANY(t.tags))
         AND t.created_at > c.last_activity_at AND t.created_at <= c.last_activity_at + interval '${CONTAINMENT_WINDOW_HOURS} hours'
    )) AS returned
  FROM assistant_conversations c
  WHERE c.workspace_id = $1 AND c.started_at >= $2 AND c.started_at <= $3
)
SELECT id, intent, sop_ref, language, rating, model_id,
  CASE
    WHEN status = 'handed_off' THEN 'handed_off'
    WHEN confirmed IS TRUE THEN 'contained'
    WHEN answered AND (returned OR rating <= 2) THEN 'returned'
    WHEN answered AND last_activity_at + interval '${CONTAINMENT_WINDOW_HOURS} hours' <= $4 THEN 'contained'
    WHEN answered THEN 'pending'
    WHEN last_activity_at + interval '${ABANDON_AFTER_MINUTES} minutes' <= $4 THEN 'abandoned'
    ELSE 'active'
  END AS outcome
FROM c`;

export interface OutcomeRow {
  id: string;
  intent: string | null;
  sop_ref: string | null;
  language: string | null;
  rating: number | null;
  model_id: string | null;
  outcome: Outcome;
}

type Counts = Record<Outcome, number> & { total: number; containment_rate: number | null };

function count(rows: OutcomeRow[]): Counts {
  const c = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of rows) c[r.outcome]++;
  const decided = c.contained + c.handed_off + c.returned + c.abandoned;
  return { ...c, total: rows.length, containment_rate: decided ? c.contained / decided : null };
}

function groupBy(rows: OutcomeRow[], key: (r: OutcomeRow) => string | null): Array<{ key: string } & Counts> {
  const m = new Map<string, OutcomeRow[]>();
  for (const r of rows) {
    const k = key(r) ?? '(none)';
    m.set(k, [...(m.get(k) ?? []), r]);
  }
  return [...m.entries()].map(([k, rs]) => ({ key: k, ...count(rs) })).sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
}

function csat(rows: OutcomeRow[]): { responses: number; average: number | null; satisfied_share: number | null } {
  const rated = rows.filter((r) => r.rating !== null);
  if (!rated.length) return { responses: 0, average: null, satisfied_share: null };
  return { responses: rated.length, average: rated.reduce((s, r) => s + (r.rating ?? 0), 0) / rated.length, satisfied_share: rated.filter((r) => (r.rating ?? 0) >= 4).length / rated.length };
}

export async function getAssistantMetrics(ctx: Ctx, range: { from: Date; to: Date }) {
  authorize(ctx.actor, 'assistant.manage');
  const rows = await ctx.tx.query<OutcomeRow>(OUTCOME_SQL, [ctx.actor.workspaceId, range.from, range.to, ctx.clock.now()]);
  return {
    definitions: { containment_window_hours: CONTAINMENT_WINDOW_HOURS, abandon_after_minutes: ABANDON_AFTER_MINUTES, containment_rate: 'contained / (contained + handed_off + returned + abandoned); pending and active are excluded' },
    overall: count(rows),
    by_intent: groupBy(rows, (r) => r.intent),
    by_sop: groupBy(rows, (r) => r.sop_ref),
    by_language: groupBy(rows, (r) => r.language),
    csat: { assistant: csat(rows.filter((r) => r.outcome !== 'handed_off')), human: csat(rows.filter((r) => r.outcome === 'handed_off')) },
  };
}

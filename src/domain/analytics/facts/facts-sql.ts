import { NOT_RESTRICTED_SQL } from '../../compliance/index.js';

/**
 * THE definitions of the per-ticket facts, as one SQL query over the source tables (tickets, messages,
 * status-change / SLA / escalation events, CSAT). Used both for the incremental refresh of a few tickets
 * and for a full rebuild, so the two cannot disagree. $1 = ticket ids (text[]).
 *
 *  first reply     first public message by an agent (author_type = 'user') after creation
 *  solved_at       first change to 'solved'; last_solved_at the latest one
 *  reopens         changes from 'solved' to an open status
 *  work_sec        "agent work time": time spent in new/open between creation and the first solve
 *  sla_achieved    SLA targets met in time (`sla.achieved` without `breached: true`); sla_breaches: `sla.breached`
 *  intent          the contact reason: custom field `intent`, else an `intent:<x>` tag
 *  sop_version_id  the SOP version of the first `sop_run.started` on the ticket; sop_outcome completed /
 *                  handed_off (a step handed the ticket to a person) / running
 *  assistant_handoff  the ticket received a hand-off from the self-service assistant (`assistant.handed_off`)
 * Tickets of customers whose processing is restricted (GDPR Art. 18) produce no row: they are absent from
 * every fact, rollup and export until the restriction is lifted.
 */
export const FACTS_SQL = `
WITH t AS (
  SELECT id, workspace_id, brand_id, team_id, assignee_id, channel, priority, country, language, status, created_at, merged_into_id,
         COALESCE(NULLIF(custom_fields->>'intent', ''), (SELECT substr(x, 8) FROM unnest(tags) x WHERE x LIKE 'intent:%' LIMIT 1)) AS intent
    FROM tickets WHERE id = ANY($1::text[]) AND ${NOT_RESTRICTED_SQL('tickets.requester_id')}
), msg AS (
  SELECT m.ticket_id,
         min(m.created_at) FILTER (WHERE m.author_type = 'user' AND m.is_public) AS first_reply_at,
         count(*) FILTER (WHERE m.author_type = 'user' AND m.is_public)::int AS agent_replies,
         count(*) FILTER (WHERE m.author_type = 'customer')::int AS customer_messages
    FROM messages m WHERE m.ticket_id = ANY($1::text[]) GROUP BY m.ticket_id
), ev AS (
  SELECT e.ticket_id, e.name, e.seq, e.occurred_at, e.payload->>'from' AS f, e.payload->>'to' AS tt, e.payload->>'breached' AS breached,
         e.payload->>'sop_id' AS sop_id, e.payload->>'version_id' AS version_id
    FROM events e
   WHERE e.ticket_id = ANY($1::text[])
     AND e.name IN ('ticket.status_changed', 'sla.breached', 'sla.achieved', 'escalation.created', 'sla.escalation_requested',
                    'sop_run.started', 'sop_run.completed', 'sop_run.handed_off', 'assistant.handed_off')
), sop AS (
  SELECT DISTINCT ON (ticket_id) ticket_id, sop_id, version_id FROM ev WHERE name = 'sop_run.started' ORDER BY ticket_id, occurred_at, seq
), agg AS (
  SELECT ticket_id,
         min(occurred_at) FILTER (WHERE name = 'ticket.status_changed' AND tt = 'solved') AS solved_at,
         max(occurred_at) FILTER (WHERE name = 'ticket.status_changed' AND tt = 'solved') AS last_solved_at,
         count(*) FILTER (WHERE name = 'ticket.status_changed' AND f = 'solved' AND tt NOT IN ('solved', 'closed'))::int AS reopens,
         count(*) FILTER (WHERE name = 'sla.breached')::int AS sla_breaches,
         count(*) FILTER (WHERE name = 'sla.achieved' AND COALESCE(breached, 'false') <> 'true')::int AS sla_achieved,
         bool_or(name IN ('escalation.created', 'sla.escalation_requested')) AS escalated,
         bool_or(name = 'assistant.handed_off') AS assistant_handoff
    FROM ev GROUP BY ticket_id
), first_change AS (
  SELECT DISTINCT ON (ticket_id) ticket_id, f FROM ev WHERE name = 'ticket.status_changed' ORDER BY ticket_id, occurred_at, seq
), sop_end AS (
  SELECT ev.ticket_id, bool_or(ev.name = 'sop_run.handed_off') AS handed_off, bool_or(ev.name = 'sop_run.completed') AS completed
    FROM ev JOIN sop ON sop.ticket_id = ev.ticket_id AND sop.version_id = ev.version_id
   WHERE ev.name IN ('sop_run.handed_off', 'sop_run.completed') GROUP BY ev.ticket_id
), timeline AS (
  SELECT t.id AS ticket_id, t.created_at AS at, 0 AS ord, COALESCE(fc.f, t.status) AS status
    FROM t LEFT JOIN first_change fc ON fc.ticket_id = t.id
  UNION ALL
  SELECT ticket_id, occurred_at, 1, tt FROM ev WHERE name = 'ticket.status_changed'
), spans AS (
  SELECT ticket_id, status, at, lead(at) OVER (PARTITION BY ticket_id ORDER BY at, ord) AS next_at FROM timeline
), work AS (
  SELECT s.ticket_id, sum(GREATEST(0, EXTRACT(EPOCH FROM (LEAST(s.next_at, a.solved_at) - s.at))))::int AS work_sec
    FROM spans s JOIN agg a ON a.ticket_id = s.ticket_id
   WHERE s.status IN ('new', 'open') AND a.solved_at IS NOT NULL AND s.next_at IS NOT NULL AND s.at < a.solved_at
   GROUP BY s.ticket_id
)
SELECT t.id AS ticket_id, t.workspace_id, t.brand_id, t.team_id, t.assignee_id, t.channel, t.priority, t.country, t.language, t.status, t.created_at,
       msg.first_reply_at,
       CASE WHEN msg.first_reply_at IS NULL THEN NULL ELSE GREATEST(0, EXTRACT(EPOCH FROM (msg.first_reply_at - t.created_at)))::int END AS first_reply_sec,
       agg.solved_at,
       CASE WHEN agg.solved_at IS NULL THEN NULL ELSE GREATEST(0, EXTRACT(EPOCH FROM (agg.solved_at - t.created_at)))::int END AS resolution_sec,
       agg.last_solved_at,
       CASE WHEN agg.last_solved_at IS NULL THEN NULL ELSE GREATEST(0, EXTRACT(EPOCH FROM (agg.last_solved_at - t.created_at)))::int END AS full_resolution_sec,
       COALESCE(agg.reopens, 0) AS reopens,
       COALESCE(msg.agent_replies, 0) AS agent_replies,
       COALESCE(msg.customer_messages, 0) AS customer_messages,
       COALESCE(work.work_sec, 0) AS work_sec,
       COALESCE(agg.sla_breaches, 0) AS sla_breaches,
       COALESCE(agg.sla_achieved, 0) AS sla_achieved,
       COALESCE(agg.escalated, false) AS escalated,
       cs.score AS csat_score,
       cs.responded_at AS csat_at,
       (t.merged_into_id IS NOT NULL) AS merged,
       t.intent,
       sop.sop_id,
       sop.version_id AS sop_version_id,
       CASE WHEN sop.version_id IS NULL THEN NULL WHEN sop_end.handed_off THEN 'handed_off' WHEN sop_end.completed THEN 'completed' ELSE 'running' END AS sop_outcome,
       COALESCE(agg.assistant_handoff, false) AS assistant_handoff
  FROM t
  LEFT JOIN msg ON msg.ticket_id = t.id
  LEFT JOIN agg ON agg.ticket_id = t.id
  LEFT JOIN work ON work.ticket_id = t.id
  LEFT JOIN sop ON sop.ticket_id = t.id
  LEFT JOIN sop_end ON sop_end.ticket_id = t.id
  LEFT JOIN csat_surveys cs ON cs.ticket_id = t.id AND cs.score IS NOT NULL`;

export const FACT_COLUMNS = [
  'ticket_id', 'workspace_id', 'brand_id', 'team_id', 'assignee_id', 'channel', 'priority', 'country', 'language', 'status', 'created_at',
  'first_reply_at', 'first_reply_sec', 'solved_at', 'resolution_sec', 'last_solved_at', 'full_resolution_sec', 'reopens', 'agent_replies',
  'customer_messages', 'work_sec', 'sla_breaches', 'sla_achieved', 'escalated', 'csat_score', 'csat_at', 'merged',
  'intent', 'sop_id', 'sop_version_id', 'sop_outcome', 'assistant_handoff',
] as const;

export interface TicketFact {
  ticket_id: string;
  workspace_id: string;
  brand_id: string;
  team_id: string | null;
  assignee_id: string | null;
  channel: string;
  priority: string;
  country: string | null;
  language: string | null;
  status: string;
  created_at: Date;
  first_reply_at: Date | null;
  first_reply_sec: number | null;
  solved_at: Date | null;
  resolution_sec: number | null;
  last_solved_at: Date | null;
  full_resolution_sec: number | null;
  reopens: number;
  agent_replies: number;
  customer_messages: number;
  work_sec: number;
  sla_breaches: number;
  sla_achieved: number;
  escalated: boolean;
  csat_score: number | null;
  csat_at: Date | null;
  merged: boolean;
  intent: string | null;
  sop_id: string | null;
  sop_version_id: string | null;
  sop_outcome: 'completed' | 'handed_off' | 'running' | null;
  assistant_handoff: boolean;
}

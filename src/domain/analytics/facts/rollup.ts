import type { Tx } from '../../../platform/db/index.js';
import type { TicketFact } from './facts-sql.js';

/** The counters of metric_hourly and metric_daily, in column order. */
export const COUNTERS = [
  'created', 'first_replies', 'first_reply_sec_sum', 'first_reply_within_1h', 'solved', 'resolution_sec_sum', 'work_sec_sum',
  'reopened_tickets', 'one_touch', 'sla_breaches', 'sla_achieved', 'csat_responses', 'csat_good', 'csat_score_sum', 'escalated',
] as const;
export type Counter = (typeof COUNTERS)[number];

/** A CSAT score counts as "satisfied" at 4–5 on the five-point scale (binary good = 5, bad = 1). */
export const SATISFIED_MIN = 4;

type Contribution = { at: Date; counters: Partial<Record<Counter, number>> };

/**
 * Where one ticket's facts land in the rollups. Each fact is counted when it happened (created, first
 * reply, first solve, CSAT answer) under the ticket's current brand/team/channel; the hourly table puts
 * it in its UTC hour, the daily table in its local day of the workspace's reporting time zone.
 * Merged tickets count as created but never as solved or rated (they were not resolved on their own).
 */
export function contributions(f: TicketFact): Contribution[] {
  const out: Contribution[] = [
    { at: new Date(f.created_at), counters: { created: 1, sla_breaches: f.sla_breaches, sla_achieved: f.sla_achieved, escalated: f.escalated ? 1 : 0 } },
  ];
  if (f.first_reply_at && f.first_reply_sec !== null) {
    out.push({ at: new Date(f.first_reply_at), counters: { first_replies: 1, first_reply_sec_sum: f.first_reply_sec, first_reply_within_1h: f.first_reply_sec <= 3600 ? 1 : 0 } });
  }
  if (f.solved_at && f.resolution_sec !== null && !f.merged) {
    out.push({
      at: new Date(f.solved_at),
      counters: { solved: 1, resolution_sec_sum: f.resolution_sec, work_sec_sum: f.work_sec, reopened_tickets: f.reopens > 0 ? 1 : 0, one_touch: f.agent_replies <= 1 ? 1 : 0 },
    });
  }
  if (f.csat_at && f.csat_score !== null && !f.merged) {
    out.push({ at: new Date(f.csat_at), counters: { csat_responses: 1, csat_good: f.csat_score >= SATISFIED_MIN ? 1 : 0, csat_score_sum: f.csat_score } });
  }
  return out;
}

const RECORD = `workspace_id text, at timestamptz, brand_id text, team_id text, channel text, ${COUNTERS.map((k) => `${k} bigint`).join(', ')}`;
const NONZERO = COUNTERS.map((k) => `sum(u.${k}) <> 0`).join(' OR ');

function upsertSql(table: 'metric_hourly' | 'metric_daily'): string {
  const key = table === 'metric_hourly' ? 'hour' : 'day';
  const bucket = table === 'metric_hourly'
    ? "date_trunc('hour', u.at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"
    : "(u.at AT TIME ZONE COALESCE(s.time_zone, 'UTC'))::date";
  return `
INSERT INTO ${table} (workspace_id, ${key}, brand_id, team_id, channel, ${COUNTERS.join(', ')})
SELECT u.workspace_id, ${bucket}, u.brand_id, u.team_id, u.channel, ${COUNTERS.map((k) => `sum(u.${k})`).join(', ')}
  FROM jsonb_to_recordset($1::jsonb) AS u(${RECORD})
  LEFT JOIN analytics_settings s ON s.workspace_id = u.workspace_id
 GROUP BY 1, 2, 3, 4, 5
HAVING ${NONZERO}
ON CONFLICT (workspace_id, ${key}, brand_id, team_id, channel) DO UPDATE SET
${COUNTERS.map((k) => `${k} = ${table}.${k} + EXCLUDED.${k}`).join(', ')}`;
}
const UPSERT_HOURLY = upsertSql('metric_hourly');
const UPSERT_DAILY = upsertSql('metric_daily');

/**
 * Move both rollups by the difference between old and new facts of some tickets: old contributions out,
 * new in, netted per bucket in SQL (a redelivered event nets to zero and writes nothing). Two statements.
 */
export async function applyDeltas(tx: Tx, old: readonly TicketFact[], fresh: readonly TicketFact[]): Promise<void> {
  const rows: Array<Record<string, unknown>> = [];
  for (const [facts, sign] of [[old, -1], [fresh, 1]] as const) {
    for (const f of facts) {
      for (const c of contributions(f)) {
        const row: Record<string, unknown> = { workspace_id: f.workspace_id, at: c.at.toISOString(), brand_id: f.brand_id, team_id: f.team_id ?? '', channel: f.channel };
        for (const k of COUNTERS) row[k] = sign * (c.counters[k] ?? 0);
        rows.push(row);
      }
    }
  }
  if (!rows.length) return;
  const json = JSON.stringify(rows);
  await tx.query(UPSERT_HOURLY, [json]);
  await tx.query(UPSERT_DAILY, [json]);
}

/** The same contributions, set-based, for a whole workspace (rebuild). `$1` = workspace, `$2` = daily time zone. */
function rebuildSql(table: 'metric_hourly' | 'metric_daily'): string {
  const key = table === 'metric_hourly' ? 'hour' : 'day';
  const b = (col: string) => (table === 'metric_hourly' ? `(date_trunc('hour', ${col} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')` : `(${col} AT TIME ZONE $2::text)::date`);
  return `
INSERT INTO ${table} (workspace_id, ${key}, brand_id, team_id, channel, ${COUNTERS.join(', ')})
SELECT workspace_id, b, brand_id, team_id, channel, ${COUNTERS.map((k) => `sum(${k})`).join(', ')}
  FROM (
    SELECT workspace_id, ${b('created_at')} AS b, brand_id, COALESCE(team_id, '') AS team_id, channel,
           1 AS created, 0 AS first_replies, 0::bigint AS first_reply_sec_sum, 0 AS first_reply_within_1h, 0 AS solved, 0::bigint AS resolution_sec_sum,
           0::bigint AS work_sec_sum, 0 AS reopened_tickets, 0 AS one_touch, sla_breaches, sla_achieved, 0 AS csat_responses, 0 AS csat_good,
           0 AS csat_score_sum, escalated::int AS escalated
      FROM ticket_facts WHERE workspace_id = $1
    UNION ALL
    SELECT workspace_id, ${b('first_reply_at')}, brand_id, COALESCE(team_id, ''), channel,
           0, 1, first_reply_sec, (first_reply_sec <= 3600)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      FROM ticket_facts WHERE workspace_id = $1 AND first_reply_at IS NOT NULL
    UNION ALL
    SELECT workspace_id, ${b('solved_at')}, brand_id, COALESCE(team_id, ''), channel,
           0, 0, 0, 0, 1, resolution_sec, work_sec, (reopens > 0)::int, (agent_replies <= 1)::int, 0, 0, 0, 0, 0, 0
      FROM ticket_facts WHERE workspace_id = $1 AND solved_at IS NOT NULL AND NOT merged
    UNION ALL
    SELECT workspace_id, ${b('csat_at')}, brand_id, COALESCE(team_id, ''), channel,
           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (csat_score >= ${SATISFIED_MIN})::int, csat_score, 0
      FROM ticket_facts WHERE workspace_id = $1 AND csat_at IS NOT NULL AND csat_score IS NOT NULL AND NOT merged
  ) x
 GROUP BY workspace_id, b, brand_id, team_id, channel
 ORDER BY b, brand_id, team_id, channel`; // written in key order: a range of days/hours is a few adjacent pages
}
export const REBUILD_HOURLY_SQL = rebuildSql('metric_hourly');
export const REBUILD_DAILY_SQL = rebuildSql('metric_daily');

import type { Tx } from '../../../platform/db/index.js';
import type { TicketFact } from './facts-sql.js';

/** The counters of metric_hourly, in column order. */
export const COUNTERS = [
  'created', 'first_replies', 'first_reply_sec_sum', 'first_reply_within_1h', 'solved', 'resolution_sec_sum', 'work_sec_sum',
  'reopened_tickets', 'one_touch', 'sla_breaches', 'sla_achieved', 'csat_responses', 'csat_good', 'csat_score_sum', 'escalated',
] as const;
export type Counter = (typeof COUNTERS)[number];

const HOUR = 3_600_000;
const hourOf = (d: Date | string) => new Date(Math.floor(new Date(d).getTime() / HOUR) * HOUR);

/** A CSAT score counts as "satisfied" at 4–5 on the five-point scale (binary good = 5, bad = 1). */
export const SATISFIED_MIN = 4;

type Contribution = { hour: Date; counters: Partial<Record<Counter, number>> };

/**
 * Where one ticket's facts land in the hourly rollup. Each fact is counted in the hour it happened
 * (created, first reply, first solve, CSAT answer) under the ticket's current brand/team/channel.
 * Merged tickets count as created but never as solved or rated (they were not resolved on their own).
 */
export function contributions(f: TicketFact): Contribution[] {
  const out: Contribution[] = [
    { hour: hourOf(f.created_at), counters: { created: 1, sla_breaches: f.sla_breaches, sla_achieved: f.sla_achieved, escalated: f.escalated ? 1 : 0 } },
  ];
  if (f.first_reply_at && f.first_reply_sec !== null) {
    out.push({ hour: hourOf(f.first_reply_at), counters: { first_replies: 1, first_reply_sec_sum: f.first_reply_sec, first_reply_within_1h: f.first_reply_sec <= 3600 ? 1 : 0 } });
  }
  if (f.solved_at && f.resolution_sec !== null && !f.merged) {
    out.push({
      hour: hourOf(f.solved_at),
      counters: { solved: 1, resolution_sec_sum: f.resolution_sec, work_sec_sum: f.work_sec, reopened_tickets: f.reopens > 0 ? 1 : 0, one_touch: f.agent_replies <= 1 ? 1 : 0 },
    });
  }
  if (f.csat_at && f.csat_score !== null && !f.merged) {
    out.push({ hour: hourOf(f.csat_at), counters: { csat_responses: 1, csat_good: f.csat_score >= SATISFIED_MIN ? 1 : 0, csat_score_sum: f.csat_score } });
  }
  return out;
}

/** Add (sign = 1) or remove (sign = -1) a ticket's contributions. */
export async function applyContributions(tx: Tx, f: TicketFact, sign: 1 | -1): Promise<void> {
  for (const c of contributions(f)) {
    const vals = COUNTERS.map((k) => sign * (c.counters[k] ?? 0));
    if (vals.every((v) => v === 0)) continue;
    await tx.query(
      `INSERT INTO metric_hourly (workspace_id, hour, brand_id, team_id, channel, ${COUNTERS.join(', ')})
       VALUES ($1, $2, $3, $4, $5, ${COUNTERS.map((_, i) => `$${i + 6}`).join(', ')})
       ON CONFLICT (workspace_id, hour, brand_id, team_id, channel) DO UPDATE SET
       ${COUNTERS.map((k) => `${k} = metric_hourly.${k} + EXCLUDED.${k}`).join(', ')}`,
      [f.workspace_id, c.hour, f.brand_id, f.team_id ?? '', f.channel, ...vals],
    );
  }
}

const utcHour = (col: string) => `(date_trunc('hour', ${col} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;

/** The same contributions, set-based, for a whole workspace (rebuild). */
export const REBUILD_ROLLUP_SQL = `
INSERT INTO metric_hourly (workspace_id, hour, brand_id, team_id, channel, ${COUNTERS.join(', ')})
SELECT workspace_id, hour, brand_id, team_id, channel, ${COUNTERS.map((k) => `sum(${k})`).join(', ')}
  FROM (
    SELECT workspace_id, ${utcHour('created_at')} AS hour, brand_id, COALESCE(team_id, '') AS team_id, channel,
           1 AS created, 0 AS first_replies, 0::bigint AS first_reply_sec_sum, 0 AS first_reply_within_1h, 0 AS solved, 0::bigint AS resolution_sec_sum,
           0::bigint AS work_sec_sum, 0 AS reopened_tickets, 0 AS one_touch, sla_breaches, sla_achieved, 0 AS csat_responses, 0 AS csat_good,
           0 AS csat_score_sum, escalated::int AS escalated
      FROM ticket_facts WHERE workspace_id = $1
    UNION ALL
    SELECT workspace_id, ${utcHour('first_reply_at')}, brand_id, COALESCE(team_id, ''), channel,
           0, 1, first_reply_sec, (first_reply_sec <= 3600)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      FROM ticket_facts WHERE workspace_id = $1 AND first_reply_at IS NOT NULL
    UNION ALL
    SELECT workspace_id, ${utcHour('solved_at')}, brand_id, COALESCE(team_id, ''), channel,
           0, 0, 0, 0, 1, resolution_sec, work_sec, (reopens > 0)::int, (agent_replies <= 1)::int, 0, 0, 0, 0, 0, 0
      FROM ticket_facts WHERE workspace_id = $1 AND solved_at IS NOT NULL AND NOT merged
    UNION ALL
    SELECT workspace_id, ${utcHour('csat_at')}, brand_id, COALESCE(team_id, ''), channel,
           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (csat_score >= ${SATISFIED_MIN})::int, csat_score, 0
      FROM ticket_facts WHERE workspace_id = $1 AND csat_at IS NOT NULL AND csat_score IS NOT NULL AND NOT merged
  ) x
 GROUP BY workspace_id, hour, brand_id, team_id, channel`;

import type { Tx } from '../../../platform/db/index.js';
import type { TargetClock } from '../sla-clock.js';

export interface TargetRow extends TargetClock {
  id: string;
  workspace_id: string;
  ticket_id: string;
  ticket_sla_id: string;
}

export interface TicketSlaRow {
  id: string;
  workspace_id: string;
  ticket_id: string;
  policy_id: string;
  policy_version: number;
  policy_name: string;
  calendar_id: string | null;
  reason: string;
  applied_at: Date;
  replaced_at: Date | null;
}

export const TARGET_COLUMNS = `id, workspace_id, ticket_id, ticket_sla_id, metric, cycle, business, target_ms::float8 AS target_ms,
  warn_ms::float8 AS warn_ms, started_at, elapsed_ms::float8 AS elapsed_ms, running_since, due_at, warn_at, warned_at, breached_at,
  breach_fired_at, achieved_at, stopped_at, stop_reason`;

export async function liveTicketSla(tx: Tx, ticketId: string): Promise<TicketSlaRow | undefined> {
  return tx.maybeOne<TicketSlaRow>('SELECT * FROM ticket_slas WHERE ticket_id = $1 AND replaced_at IS NULL', [ticketId]);
}

/** Open (not achieved, not stopped) targets of a ticket's live SLA. */
export async function openTargets(tx: Tx, ticketSlaId: string): Promise<TargetRow[]> {
  return tx.query<TargetRow>(
    `SELECT ${TARGET_COLUMNS} FROM sla_targets WHERE ticket_sla_id = $1 AND achieved_at IS NULL AND stopped_at IS NULL ORDER BY metric, cycle FOR UPDATE`,
    [ticketSlaId],
  );
}

export async function maxCycle(tx: Tx, ticketId: string, metric: string): Promise<number> {
  const r = await tx.one<{ c: number }>('SELECT coalesce(max(cycle), 0)::int AS c FROM sla_targets WHERE ticket_id = $1 AND metric = $2', [ticketId, metric]);
  return Number(r.c);
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Insert or update target rows in one statement. */
export async function saveTargets(tx: Tx, rows: TargetRow[]): Promise<void> {
  if (rows.length === 0) return;
  const json = rows.map((r) => ({
    id: r.id, workspace_id: r.workspace_id, ticket_id: r.ticket_id, ticket_sla_id: r.ticket_sla_id, metric: r.metric, cycle: r.cycle,
    business: r.business, target_ms: Math.round(r.target_ms), warn_ms: Math.round(r.warn_ms), started_at: iso(r.started_at),
    elapsed_ms: Math.round(r.elapsed_ms), running_since: iso(r.running_since), due_at: iso(r.due_at), warn_at: iso(r.warn_at),
    warned_at: iso(r.warned_at), breached_at: iso(r.breached_at), breach_fired_at: iso(r.breach_fired_at), achieved_at: iso(r.achieved_at),
    stopped_at: iso(r.stopped_at), stop_reason: r.stop_reason,
  }));
  await tx.query(
    `INSERT INTO sla_targets (id, workspace_id, ticket_id, ticket_sla_id, metric, cycle, business, target_ms, warn_ms, started_at, elapsed_ms,
        running_since, due_at, warn_at, warned_at, breached_at, breach_fired_at, achieved_at, stopped_at, stop_reason)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, workspace_id text, ticket_id text, ticket_sla_id text, metric text, cycle int,
        business boolean, target_ms bigint, warn_ms bigint, started_at timestamptz, elapsed_ms bigint, running_since timestamptz,
        due_at timestamptz, warn_at timestamptz, warned_at timestamptz, breached_at timestamptz, breach_fired_at timestamptz,
        achieved_at timestamptz, stopped_at timestamptz, stop_reason text)
     ON CONFLICT (id) DO UPDATE SET ticket_sla_id = EXCLUDED.ticket_sla_id, business = EXCLUDED.business, target_ms = EXCLUDED.target_ms,
        warn_ms = EXCLUDED.warn_ms, elapsed_ms = EXCLUDED.elapsed_ms, running_since = EXCLUDED.running_since, due_at = EXCLUDED.due_at,
        warn_at = EXCLUDED.warn_at, warned_at = coalesce(sla_targets.warned_at, EXCLUDED.warned_at),
        breached_at = coalesce(sla_targets.breached_at, EXCLUDED.breached_at),
        breach_fired_at = coalesce(sla_targets.breach_fired_at, EXCLUDED.breach_fired_at),
        achieved_at = EXCLUDED.achieved_at, stopped_at = EXCLUDED.stopped_at, stop_reason = EXCLUDED.stop_reason`,
    [JSON.stringify(json)],
  );
}

import type { Clock } from '../../../platform/clock.js';
import type { Db, Queryable, Tx } from '../../../platform/db/index.js';
import { FACT_COLUMNS, FACTS_SQL, type TicketFact } from './facts-sql.js';
import { rebuildAssistantFacts } from './assistant-facts.js';
import { applyDeltas, REBUILD_DAILY_SQL, REBUILD_HOURLY_SQL } from './rollup.js';

const COLS = FACT_COLUMNS.join(', ');

/** One statement for the whole batch (jsonb_populate_recordset types every column like the table). */
async function upsertFacts(tx: Tx, facts: TicketFact[], now: Date): Promise<void> {
  if (!facts.length) return;
  await tx.query(
    `INSERT INTO ticket_facts (${COLS}, updated_at)
     SELECT ${COLS}, $2::timestamptz FROM jsonb_populate_recordset(NULL::ticket_facts, $1::jsonb)
     ON CONFLICT (ticket_id) DO UPDATE SET ${FACT_COLUMNS.filter((c) => c !== 'ticket_id').map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = EXCLUDED.updated_at`,
    [JSON.stringify(facts), now],
  );
}

/**
 * Recompute the facts of these tickets from the source tables and move the hourly and daily rollups by
 * the difference (old contributions out, new in). Idempotent — delivering an event twice changes nothing —
 * and safe with several workers (one advisory lock per ticket, in a stable order). A ticket that no longer
 * yields facts (its customer's processing is restricted) leaves the facts and the rollups.
 */
export async function refreshTicketFacts(db: Db, clock: Clock, ticketIds: readonly string[]): Promise<number> {
  const ids = [...new Set(ticketIds)].sort();
  if (!ids.length) return 0;
  return db.transaction(async (tx) => {
    for (const id of ids) await tx.query("SELECT pg_advisory_xact_lock(hashtext('ticket_facts:' || $1))", [id]);
    const old = await tx.query<TicketFact>(`SELECT ${COLS} FROM ticket_facts WHERE ticket_id = ANY($1::text[])`, [ids]);
    const fresh = await tx.query<TicketFact>(FACTS_SQL, [ids]);
    await applyDeltas(tx, old, fresh);
    const gone = old.map((o) => o.ticket_id).filter((id) => !fresh.some((f) => f.ticket_id === id));
    if (gone.length) await tx.query('DELETE FROM ticket_facts WHERE ticket_id = ANY($1::text[])', [gone]);
    await upsertFacts(tx, fresh, clock.now());
    return fresh.length;
  });
}

/** Refresh every ticket a customer requested (after a processing restriction is set or lifted, or an erasure). */
export async function refreshCustomerFacts(db: Db, clock: Clock, customerId: string): Promise<number> {
  const ids = (await db.query<{ id: string }>('SELECT id FROM tickets WHERE requester_id = $1', [customerId])).map((r) => r.id);
  let n = 0;
  for (let i = 0; i < ids.length; i += 500) n += await refreshTicketFacts(db, clock, ids.slice(i, i + 500));
  return n;
}

/** The workspace's reporting time zone: the local days of metric_daily (UTC until one is chosen). */
export async function reportingTimeZone(q: Queryable, workspaceId: string): Promise<string> {
  return (await q.maybeOne<{ time_zone: string }>('SELECT time_zone FROM analytics_settings WHERE workspace_id = $1', [workspaceId]))?.time_zone ?? 'UTC';
}

/** Rebuild only the daily rollup of a workspace (from its facts), e.g. after its reporting time zone changed. */
export async function rebuildDailyRollup(tx: Tx, workspaceId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('metric_daily:' || $1))", [workspaceId]);
  await tx.query('DELETE FROM metric_daily WHERE workspace_id = $1', [workspaceId]);
  await tx.query(REBUILD_DAILY_SQL, [workspaceId, await reportingTimeZone(tx, workspaceId)]);
}

/** Recompute every fact and rollup of a workspace from scratch, in the caller's transaction (after an import, a seed, a definition change). */
export async function rebuildAnalytics(tx: Tx, workspaceId: string, opts: { batch?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<{ tickets: number }> {
  const ids = (await tx.query<{ id: string }>('SELECT id FROM tickets WHERE workspace_id = $1 ORDER BY id', [workspaceId])).map((r) => r.id);
  const batch = opts.batch ?? 2000;
  await tx.query('DELETE FROM metric_hourly WHERE workspace_id = $1', [workspaceId]);
  await tx.query('DELETE FROM ticket_facts WHERE workspace_id = $1', [workspaceId]);
  for (let i = 0; i < ids.length; i += batch) {
    const part = ids.slice(i, i + batch);
    await tx.query(`INSERT INTO ticket_facts (${COLS}, updated_at) SELECT f.*, now() FROM (${FACTS_SQL}) f`, [part]);
    opts.onProgress?.(Math.min(i + batch, ids.length), ids.length);
  }
  await tx.query(REBUILD_HOURLY_SQL, [workspaceId]);
  await rebuildDailyRollup(tx, workspaceId);
  await rebuildAssistantFacts(tx, workspaceId);
  return { tickets: ids.length };
}

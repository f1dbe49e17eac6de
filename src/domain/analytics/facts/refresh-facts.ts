import type { Clock } from '../../../platform/clock.js';
import type { Db, Tx } from '../../../platform/db/index.js';
import { FACT_COLUMNS, FACTS_SQL, type TicketFact } from './facts-sql.js';
import { applyContributions, REBUILD_ROLLUP_SQL } from './rollup.js';

const COLS = FACT_COLUMNS.join(', ');

async function upsertFacts(tx: Tx, facts: TicketFact[], now: Date): Promise<void> {
  for (const f of facts) {
    await tx.query(
      `INSERT INTO ticket_facts (${COLS}, updated_at) VALUES (${FACT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, $${FACT_COLUMNS.length + 1})
       ON CONFLICT (ticket_id) DO UPDATE SET ${FACT_COLUMNS.filter((c) => c !== 'ticket_id').map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = EXCLUDED.updated_at`,
      [...FACT_COLUMNS.map((c) => f[c]), now],
    );
  }
}

/**
 * Recompute the facts of these tickets from the source tables and move the hourly rollups by the
 * difference (old contributions out, new in). Idempotent — delivering an event twice changes nothing —
 * and safe with several workers (one advisory lock per ticket, in a stable order).
 */
export async function refreshTicketFacts(db: Db, clock: Clock, ticketIds: readonly string[]): Promise<number> {
  const ids = [...new Set(ticketIds)].sort();
  if (!ids.length) return 0;
  return db.transaction(async (tx) => {
    for (const id of ids) await tx.query("SELECT pg_advisory_xact_lock(hashtext('ticket_facts:' || $1))", [id]);
    const old = await tx.query<TicketFact>(`SELECT ${COLS} FROM ticket_facts WHERE ticket_id = ANY($1::text[])`, [ids]);
    const fresh = await tx.query<TicketFact>(FACTS_SQL, [ids]);
    for (const o of old) await applyContributions(tx, o, -1);
    for (const f of fresh) await applyContributions(tx, f, 1);
    await upsertFacts(tx, fresh, clock.now());
    return fresh.length;
  });
}

/** Recompute every fact and rollup of a workspace from scratch, in the caller's transaction (after an import, a seed, a definition change). */
export async function rebuildAnalytics(tx: Tx, workspaceId: string, opts: { batch?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<{ tickets: number }> {
  const ids = (await tx.query<{ id: string }>('SELECT id FROM tickets WHERE workspace_id = $1 ORDER BY id', [workspaceId])).map((r) => r.id);
  const batch = opts.batch ?? 2000;
  {
    await tx.query('DELETE FROM metric_hourly WHERE workspace_id = $1', [workspaceId]);
    await tx.query('DELETE FROM ticket_facts WHERE workspace_id = $1', [workspaceId]);
    for (let i = 0; i < ids.length; i += batch) {
      const part = ids.slice(i, i + batch);
      await tx.query(`INSERT INTO ticket_facts (${COLS}, updated_at) SELECT f.*, now() FROM (${FACTS_SQL}) f`, [part]);
      opts.onProgress?.(Math.min(i + batch, ids.length), ids.length);
    }
    await tx.query(REBUILD_ROLLUP_SQL, [workspaceId]);
  }
  return { tickets: ids.length };
}

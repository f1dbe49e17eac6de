import type { Db } from '../../../platform/db/index.js';
import type { Clock } from '../../../platform/clock.js';
import { systemActor, type Ctx } from '../../kernel/index.js';
import { definitionOf, RUN_COLS, type SopRun } from '../repo.js';
import { runSopEngine } from './run-sop-engine.js';

/**
 * The resume sweep: runs waiting for a time that has come go on, each in its own transaction (a failure of
 * one does not hold up the others). Call it from a timer/job; tests call it with a ManualClock.
 * Returns how many runs were resumed.
 */
export async function resumeDueSopRuns(db: Db, clock: Clock, limit = 200): Promise<number> {
  const due = await db.query<{ id: string; workspace_id: string }>(
    `SELECT id, workspace_id FROM sop_runs WHERE status = 'waiting' AND wait_until <= $1 ORDER BY wait_until LIMIT $2`, [clock.now(), limit],
  );
  let n = 0;
  for (const r of due) {
    await db.transaction(async (tx) => {
      const run = await tx.maybeOne<SopRun>(`SELECT ${RUN_COLS} FROM sop_runs WHERE id = $1 AND status = 'waiting' AND wait_until <= $2 FOR UPDATE SKIP LOCKED`, [r.id, clock.now()]);
      if (!run) return;
      const ctx: Ctx = { actor: systemActor(r.workspace_id), tx, clock, meta: { channel: 'system' } };
      await runSopEngine(ctx, run, await definitionOf(tx, run.version_id), run.state);
      n++;
    });
  }
  return n;
}

/** An event on a ticket (a customer reply, an update) may end the waits of its runs. */
export async function resumeSopRunsOnEvent(ctx: Ctx, ticketId: string, event: 'customer_reply' | 'ticket_updated'): Promise<number> {
  const runs = await ctx.tx.query<SopRun>(`SELECT ${RUN_COLS} FROM sop_runs WHERE ticket_id = $1 AND status = 'waiting' AND wait_event = $2 FOR UPDATE`, [ticketId, event]);
  for (const run of runs) await runSopEngine(ctx, run, await definitionOf(ctx.tx, run.version_id), run.state, { event });
  return runs.length;
}

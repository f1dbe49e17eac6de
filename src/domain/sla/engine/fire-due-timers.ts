import type { Clock } from '../../../platform/clock.js';
import type { Db, Tx } from '../../../platform/db/index.js';
import type { Logger } from '../../../platform/logger.js';
import { recordChanges, type Change } from '../../kernel/index.js';
import { runBreachActions } from './breach-actions.js';
import { systemCtx } from './session.js';

interface Fired {
  id: string;
  workspace_id: string;
  ticket_id: string;
  ticket_sla_id: string;
  metric: string;
  cycle: number;
  due_at: Date;
  warn_at: Date | null;
  policy_id: string;
  policy_name: string;
}

/** Conditions on sla_targets columns, with an optional alias prefix such as "t.". */
const openCond = (a = '') => `${a}achieved_at IS NULL AND ${a}stopped_at IS NULL AND ${a}breached_at IS NULL`;
const kindCond = (kind: 'warning' | 'breach', a = '') =>
  kind === 'warning' ? `${a}warn_at <= $1 AND ${a}warned_at IS NULL` : `${a}due_at <= $1`;

async function claim(tx: Tx, kind: 'warning' | 'breach', now: Date, limit: number): Promise<Fired[]> {
  const order = kind === 'warning' ? 'warn_at' : 'due_at';
  const set = kind === 'warning' ? 'warned_at = $1' : 'breached_at = t.due_at, breach_fired_at = $1';
  // Exactly once: the row is locked (SKIP LOCKED lets other processes take other rows) and the stamp is
  // re-checked by the UPDATE itself, so a concurrent firing of the same target updates nothing.
  return tx.query<Fired>(
    `WITH due AS (
       SELECT id FROM sla_targets WHERE ${kindCond(kind)} AND ${openCond()} ORDER BY ${order} LIMIT $2 FOR UPDATE SKIP LOCKED
     ), upd AS (
       UPDATE sla_targets t SET ${set} FROM due WHERE t.id = due.id AND ${kindCond(kind, 't.')} AND ${openCond('t.')}
       RETURNING t.id, t.workspace_id, t.ticket_id, t.ticket_sla_id, t.metric, t.cycle, t.due_at, t.warn_at
     )
     SELECT upd.*, s.policy_id, s.policy_name FROM upd JOIN ticket_slas s ON s.id = upd.ticket_sla_id`,
    [now, limit],
  );
}

function changeOf(kind: 'warning' | 'breach', f: Fired, now: Date): Change {
  const due = new Date(f.due_at);
  return {
    event: kind === 'warning' ? 'sla.warning' : 'sla.breached',
    aggregateType: 'ticket',
    aggregateId: f.ticket_id,
    ticketId: f.ticket_id,
    audit: false,
    payload: {
      target_id: f.id, ticket_sla_id: f.ticket_sla_id, metric: f.metric, cycle: f.cycle, policy_id: f.policy_id, policy_name: f.policy_name,
      due_at: due.toISOString(),
      ...(kind === 'breach'
        ? { fired_at: now.toISOString(), late_ms: now.getTime() - due.getTime() }
        : { warn_at: f.warn_at ? new Date(f.warn_at).toISOString() : null }),
    },
  };
}

export interface FireResult {
  warnings: number;
  breaches: number;
}

/**
 * Fire every SLA warning and breach due at `now` (default: the clock): each target's warning and breach
 * is stamped and its event recorded exactly once, whichever process runs this, however often. Breach
 * actions run in the same transaction (each in a savepoint: a failing action is logged, not retried).
 * Called by the queue's wake-up jobs, the periodic sweep, tests (with a ManualClock) and the benchmark.
 */
export async function fireDueSlaTimers(deps: { db: Db; clock: Clock; log?: Logger }, opts: { batch?: number; now?: Date } = {}): Promise<FireResult> {
  const batch = opts.batch ?? 500;
  const total: FireResult = { warnings: 0, breaches: 0 };
  for (;;) {
    const now = opts.now ?? deps.clock.now();
    const n = await deps.db.transaction(async (tx) => {
      const warned = await claim(tx, 'warning', now, batch);
      const breached = await claim(tx, 'breach', now, batch);
      const byWs = new Map<string, Change[]>();
      for (const f of warned) (byWs.get(f.workspace_id) ?? byWs.set(f.workspace_id, []).get(f.workspace_id)!).push(changeOf('warning', f, now));
      for (const f of breached) (byWs.get(f.workspace_id) ?? byWs.set(f.workspace_id, []).get(f.workspace_id)!).push(changeOf('breach', f, now));
      for (const [ws, changes] of byWs) await recordChanges(systemCtx(tx, ws, now), changes);
      if (breached.length) await runBreachActions(tx, breached, now, deps.log);
      return { warnings: warned.length, breaches: breached.length };
    });
    total.warnings += n.warnings;
    total.breaches += n.breaches;
    if (n.warnings < batch && n.breaches < batch) break;
  }
  await deps.db.query(`DELETE FROM sla_wakeups WHERE at < $1`, [new Date((opts.now ?? deps.clock.now()).getTime() - 10 * 60_000)]);
  return total;
}

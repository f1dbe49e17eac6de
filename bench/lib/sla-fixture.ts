/**
 * Bulk SLA fixtures for the timer benchmark and the multi-process test: N open tickets, each with an
 * applied SLA and one first-reply target due in [dueFrom, dueFrom + windowMs), written with set-based SQL.
 */
import type { Db } from '../../src/platform/db/index.js';
import { scheduleWakeups } from '../../src/domain/sla/index.js';

export async function seedSlaTimers(db: Db, o: { workspaceId: string; brandId: string; count: number; dueFrom: Date; windowMs: number; tag: string }): Promise<void> {
  const now = new Date();
  await db.transaction(async (tx) => {
    const cus = `cus_${o.tag}`;
    await tx.query('INSERT INTO customers (id, workspace_id, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)', [cus, o.workspaceId, 'Bench requester', now]);
    const pol = `slp_${o.tag}`;
    await tx.query(
      `INSERT INTO sla_policies (id, workspace_id, name, position, conditions, targets, created_at, updated_at)
       VALUES ($1, $2, $3, 1000, '{}', '[{"metric":"first_reply","minutes":60,"business":false}]', $4, $4)`,
      [pol, o.workspaceId, `Bench ${o.tag}`, now],
    );
    // ids: tkt_<tag>g, sla_<tag>g, slt_<tag>g — due_at spread evenly over the window
    await tx.query(
      `INSERT INTO tickets (id, workspace_id, subject, status, priority, channel, brand_id, requester_id, created_at, updated_at)
       SELECT 'tkt_' || $1 || g, $2, 'Bench ticket ' || g, 'open', 'normal', 'email', $3, $4, $5, $5 FROM generate_series(1, $6) AS g`,
      [o.tag, o.workspaceId, o.brandId, cus, now, o.count],
    );
    await tx.query(
      `INSERT INTO ticket_slas (id, workspace_id, ticket_id, policy_id, policy_version, policy_name, reason, applied_at)
       SELECT 'sla_' || $1 || g, $2, 'tkt_' || $1 || g, $3, 1, 'Bench', 'created', $4 FROM generate_series(1, $5) AS g`,
      [o.tag, o.workspaceId, pol, now, o.count],
    );
    await tx.query(
      `INSERT INTO sla_targets (id, workspace_id, ticket_id, ticket_sla_id, metric, cycle, business, target_ms, warn_ms, started_at, running_since, due_at)
       SELECT 'slt_' || $1 || g, $2, 'tkt_' || $1 || g, 'sla_' || $1 || g, 'first_reply', 1, false, 3600000, 0, $3, $3,
              $4::timestamptz + (g - 1) * ($5::float8 / $6) * interval '1 millisecond'
         FROM generate_series(1, $6) AS g`,
      [o.tag, o.workspaceId, now, o.dueFrom, o.windowMs, o.count],
    );
    // one wake-up job per 250 ms bucket of the window (the domain's own scheduling function)
    const dues: Date[] = [];
    for (let t = o.dueFrom.getTime(); t < o.dueFrom.getTime() + o.windowMs + 250; t += 250) dues.push(new Date(t));
    await scheduleWakeups(tx, dues);
  });
}

export interface TimerOutcome {
  active: number;
  fired: number;
  missed: number;
  duplicated: number;
  late_p50_ms: number;
  late_p99_ms: number;
  late_max_ms: number;
}

/** Lateness = when the breach was stamped − when it was due; duplicates = breach events beyond one per target. */
export async function timerOutcome(db: Db, tag: string): Promise<TimerOutcome> {
  const like = `slt_${tag}%`;
  const r = await db.one<Record<string, number | null>>(
    `SELECT count(*)::int AS active, count(breached_at)::int AS fired,
            (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM breach_fired_at - due_at) * 1000))::float8 AS p50,
            (percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM breach_fired_at - due_at) * 1000))::float8 AS p99,
            (max(extract(epoch FROM breach_fired_at - due_at)) * 1000)::float8 AS max
       FROM sla_targets WHERE id LIKE $1`,
    [like],
  );
  const d = await db.one<{ events: number; targets: number }>(
    `SELECT count(*)::int AS events, count(DISTINCT payload->>'target_id')::int AS targets FROM events WHERE name = 'sla.breached' AND payload->>'target_id' LIKE $1`,
    [like],
  );
  const active = Number(r.active);
  return {
    active, fired: Number(r.fired), missed: active - Number(r.fired), duplicated: Number(d.events) - Number(d.targets),
    late_p50_ms: Math.round(Number(r.p50 ?? 0)), late_p99_ms: Math.round(Number(r.p99 ?? 0)), late_max_ms: Math.round(Number(r.max ?? 0)),
  };
}

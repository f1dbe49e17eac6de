import type { Tx } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import type { BusinessCalendar } from '../../../platform/time/index.js';
import type { SlaMetric } from '../../../shared/contracts/sla.js';
import { loadBusinessCalendar } from '../../calendars/index.js';
import { recordChanges, systemActor, type Change, type Ctx } from '../../kernel/index.js';
import { loadPolicy } from '../policy.repo.js';
import { startClock, type TargetClock } from '../sla-clock.js';
import { warnMs, type SlaPolicy, type SlaSubject } from '../sla-policy.js';
import { liveTicketSla, openTargets, saveTargets, type TargetRow, type TicketSlaRow } from './target.repo.js';
import { scheduleWakeups } from './wakeups.js';

/** Everything one SLA reaction works on; changes are collected and written by {@link commitSession}. */
export interface SlaSession {
  ctx: Ctx;
  at: Date;
  subject: SlaSubject;
  sla: TicketSlaRow | null;
  policy: SlaPolicy | null;
  cal: BusinessCalendar | null;
  open: TargetRow[];
  dirty: Map<string, TargetRow>;
  changes: Change[];
}

/** A system context whose clock reads `at` (the time of the change being applied). */
export function systemCtx(tx: Tx, workspaceId: string, at: Date): Ctx {
  return { actor: systemActor(workspaceId), tx, clock: { now: () => at }, meta: { channel: 'system' } };
}

export async function openSession(tx: Tx, subject: SlaSubject, at: Date): Promise<SlaSession> {
  const ctx = systemCtx(tx, subject.workspace_id, at);
  const sla = (await liveTicketSla(tx, subject.id)) ?? null;
  const policy = sla ? await loadPolicy(tx, subject.workspace_id, sla.policy_id, { withDeleted: true }) : null;
  const cal = sla ? await loadBusinessCalendar(tx, subject.workspace_id, sla.calendar_id) : null;
  const open = sla ? await openTargets(tx, sla.id) : [];
  return { ctx, at, subject, sla, policy, cal, open, dirty: new Map(), changes: [] };
}

export function put(s: SlaSession, row: TargetRow): void {
  s.dirty.set(row.id, row);
  const i = s.open.findIndex((r) => r.id === row.id);
  const isOpen = row.achieved_at === null && row.stopped_at === null;
  if (i >= 0) {
    if (isOpen) s.open[i] = row;
    else s.open.splice(i, 1);
  } else if (isOpen) s.open.push(row);
}

export function withClock(row: TargetRow, clock: TargetClock): TargetRow {
  return { ...row, ...clock };
}

/**
 * Start a target of the live SLA for `metric` (when the policy has one). `from` (default: now) is when
 * the clock starts; a clock new to an existing ticket counts from the ticket's creation.
 */
export function startTarget(s: SlaSession, metric: SlaMetric, opts: { cycle: number; from?: Date }): TargetRow | null {
  const spec = s.policy?.targets.find((t) => t.metric === metric);
  if (!spec || !s.sla || !s.policy) return null;
  const paused = s.policy.pause_statuses.includes(s.subject.status);
  const clock = startClock(
    { metric, business: spec.business, target_ms: spec.minutes * 60_000, warn_ms: warnMs(spec), cycle: opts.cycle },
    opts.from ?? s.at,
    spec.business ? s.cal : null,
    { paused },
  );
  const row: TargetRow = { id: newId('slt', s.at), workspace_id: s.subject.workspace_id, ticket_id: s.subject.id, ticket_sla_id: s.sla.id, ...clock };
  put(s, row);
  return row;
}

export function targetPayload(r: TargetRow, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    target_id: r.id, ticket_sla_id: r.ticket_sla_id, metric: r.metric, cycle: r.cycle, business: r.business,
    target_minutes: r.target_ms / 60_000, due_at: r.due_at?.toISOString() ?? null, ...extra,
  };
}

export function addEvent(s: SlaSession, event: Change['event'], payload: Record<string, unknown>): void {
  s.changes.push({ event, aggregateType: 'ticket', aggregateId: s.subject.id, ticketId: s.subject.id, payload, audit: false });
}

/** Write the targets, queue their wake-ups, append the events — all in the session's transaction. */
export async function commitSession(s: SlaSession): Promise<void> {
  const rows = [...s.dirty.values()];
  await saveTargets(s.ctx.tx, rows);
  await scheduleWakeups(s.ctx.tx, rows.flatMap((r) => (r.breached_at ? [r.warn_at] : [r.due_at, r.warn_at])));
  if (s.changes.length) await recordChanges(s.ctx, s.changes);
}

import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from '../../platform/time/index.js';
import type { SlaMetric } from '../../shared/contracts/sla.js';

/**
 * One SLA target as a clock (pure; no I/O). Consumed time = elapsed_ms + time since running_since,
 * measured in business time of `cal` when `business`, else in plain elapsed time. A paused or stopped
 * clock has running_since = null and no due_at/warn_at.
 */
export interface TargetClock {
  metric: SlaMetric;
  cycle: number;
  business: boolean;
  target_ms: number;
  warn_ms: number;
  started_at: Date;
  elapsed_ms: number;
  running_since: Date | null;
  due_at: Date | null;
  warn_at: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  breach_fired_at: Date | null;
  achieved_at: Date | null;
  stopped_at: Date | null;
  stop_reason: string | null;
}

/** Business-or-calendar time between two instants (null calendar = calendar time). */
export function measure(t: Pick<TargetClock, 'business'>, cal: BusinessCalendar | null, a: Date, b: Date): number {
  return t.business && cal ? businessTimeBetween(a, b, cal) : b.getTime() - a.getTime();
}

function add(t: Pick<TargetClock, 'business'>, cal: BusinessCalendar | null, from: Date, ms: number): Date {
  return t.business && cal ? addBusinessTime(from, ms, cal) : new Date(from.getTime() + ms);
}

/** Time consumed so far at `now`. */
export function consumed(t: TargetClock, cal: BusinessCalendar | null, now: Date): number {
  if (!t.running_since) return t.elapsed_ms;
  return t.elapsed_ms + Math.max(0, measure(t, cal, t.running_since, now));
}

/** Time left at `now` (negative once missed). */
export function remaining(t: TargetClock, cal: BusinessCalendar | null, now: Date): number {
  return t.target_ms - consumed(t, cal, now);
}

export function isOpen(t: TargetClock): boolean {
  return t.achieved_at === null && t.stopped_at === null;
}

/** Recompute due_at / warn_at of a running clock (from running_since, with what is left). */
export function schedule(t: TargetClock, cal: BusinessCalendar | null): TargetClock {
  if (!t.running_since || !isOpen(t)) return { ...t, due_at: null, warn_at: null };
  const left = Math.max(0, t.target_ms - t.elapsed_ms);
  const due = t.breached_at ? t.breached_at : add(t, cal, t.running_since, left);
  const warnLeft = t.target_ms - t.warn_ms - t.elapsed_ms;
  const warn = t.warned_at || t.breached_at || t.warn_ms <= 0 ? null : add(t, cal, t.running_since, Math.max(0, warnLeft));
  return { ...t, due_at: due, warn_at: warn };
}

/** Start a new clock at `at` (paused clocks start with running_since = null). */
export function startClock(
  spec: { metric: SlaMetric; business: boolean; target_ms: number; warn_ms: number; cycle?: number },
  at: Date,
  cal: BusinessCalendar | null,
  opts: { paused?: boolean; startedAt?: Date; elapsed_ms?: number } = {},
): TargetClock {
  return schedule(
    {
      metric: spec.metric, cycle: spec.cycle ?? 1, business: spec.business, target_ms: spec.target_ms, warn_ms: spec.warn_ms,
      started_at: opts.startedAt ?? at, elapsed_ms: opts.elapsed_ms ?? 0, running_since: opts.paused ? null : at,
      due_at: null, warn_at: null, warned_at: null, breached_at: null, breach_fired_at: null, achieved_at: null, stopped_at: null, stop_reason: null,
    },
    cal,
  );
}

/** Pause: bank the running segment. */
export function pauseClock(t: TargetClock, cal: BusinessCalendar | null, at: Date): TargetClock {
  if (!t.running_since || !isOpen(t)) return t;
  return { ...t, elapsed_ms: consumed(t, cal, at), running_since: null, due_at: null, warn_at: null };
}

/** Resume a paused clock at `at`. */
export function resumeClock(t: TargetClock, cal: BusinessCalendar | null, at: Date): TargetClock {
  if (t.running_since || !isOpen(t)) return t;
  return schedule({ ...t, running_since: at }, cal);
}

/**
 * Achieve at `at`. Returns the clock and whether the achievement came after the target (a breach that no
 * timer has recorded yet is recorded now, so each target is breached at most once and never silently).
 */
export function achieveClock(t: TargetClock, cal: BusinessCalendar | null, at: Date): { clock: TargetClock; lateBreach: boolean } {
  if (!isOpen(t)) return { clock: t, lateBreach: false };
  const used = consumed(t, cal, at);
  const lateBreach = used > t.target_ms && t.breached_at === null;
  const breached_at = lateBreach ? (t.due_at ?? at) : t.breached_at;
  return {
    clock: { ...t, elapsed_ms: used, running_since: null, due_at: null, warn_at: null, achieved_at: at, breached_at, breach_fired_at: lateBreach ? at : t.breach_fired_at },
    lateBreach,
  };
}

export function stopClock(t: TargetClock, cal: BusinessCalendar | null, at: Date, reason: string): TargetClock {
  if (!isOpen(t)) return t;
  return { ...t, elapsed_ms: consumed(t, cal, at), running_since: null, due_at: null, warn_at: null, stopped_at: at, stop_reason: reason };
}

/**
 * Move an open clock to a new target (policy re-evaluation): close the running segment with the old
 * calendar, keep the start, the consumed time, the cycle and any recorded warning/breach; recompute the
 * due time with the new target and calendar.
 */
export function carryClock(
  t: TargetClock,
  oldCal: BusinessCalendar | null,
  newCal: BusinessCalendar | null,
  spec: { business: boolean; target_ms: number; warn_ms: number },
  at: Date,
): TargetClock {
  const running = t.running_since !== null;
  const banked = consumed(t, oldCal, at);
  return schedule(
    {
      ...t, business: spec.business, target_ms: spec.target_ms, warn_ms: spec.warn_ms, elapsed_ms: banked,
      running_since: running ? at : null, due_at: null, warn_at: null,
      // a breach already recorded stays; a target now further away may warn again only if it never warned
    },
    newCal,
  );
}

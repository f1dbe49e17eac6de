import { DateTime } from 'luxon';
import { addBusinessDays, endOfLocalDate, isBusinessDay, nextBusinessDay, toLocalDate, type BusinessCalendar, type LocalDate } from '../../../platform/time/index.js';
import type { RuleDef, Step } from './rule-types.js';

export interface ClockResult {
  name: string;
  /** The due day in the calendar's zone (null for exact-hour clocks). */
  due_date: LocalDate | null;
  /** The deadline instant: end of the due day (exclusive) for day clocks, exact for hour clocks. */
  due_at: Date;
}

export interface DeadlineInput {
  receivedAt: Date;
  /** Start of `from: 'start_at'` clocks (e.g. the day the user was informed of a DSA decision). */
  startAt?: Date;
  /** Whole days the clock was paused (UK clarification / identity); shifts every clock. */
  pausedDays?: number;
  extendedAt?: Date | null;
  holdingReplyAt?: Date | null;
}

export interface Deadlines {
  clocks: ClockResult[];
  /** The primary clock's ORIGINAL due (before any extension or holding reply). */
  original_due_at: Date;
  /** The primary due after an extension / holding reply. */
  due_at: Date;
  due_date: LocalDate | null;
  /** Where an extension would move the due date (null if the rule has none). */
  extended_due_at: Date | null;
  /** When the warning starts. */
  warn_at: Date;
}

/** Add a calendar-month/day/week/business-day step to a local date (no rolling). */
export function addStep(start: LocalDate, step: Exclude<Step, { kind: 'hours' }>, cal: BusinessCalendar): LocalDate {
  const d = DateTime.fromISO(start, { zone: 'UTC' });
  switch (step.kind) {
    // luxon clamps a missing day to the last day of the month (Jan 31 + 1 month = Feb 28/29): Reg. 1182/71.
    case 'calendar_months': return d.plus({ months: step.months }).toISODate()!;
    case 'calendar_days': return d.plus({ days: step.days }).toISODate()!;
    case 'weeks': return d.plus({ weeks: step.weeks }).toISODate()!;
    case 'business_days': return addBusinessDays(start, step.days, cal);
  }
}

/** A weekend or holiday moves to the next business day. */
export function rollForward(d: LocalDate, cal: BusinessCalendar): LocalDate {
  return isBusinessDay(d, cal) ? d : nextBusinessDay(d, cal);
}

function shiftDays(d: LocalDate, days: number): LocalDate {
  return days ? DateTime.fromISO(d, { zone: 'UTC' }).plus({ days }).toISODate()! : d;
}

function clockDue(start: Date, step: Step, roll: boolean, pausedDays: number, cal: BusinessCalendar): { due_date: LocalDate | null; due_at: Date } {
  if (step.kind === 'hours') return { due_date: null, due_at: new Date(start.getTime() + (step.hours + pausedDays * 24) * 3_600_000) };
  const startDay = shiftDays(toLocalDate(start, cal.timeZone), pausedDays);
  let due = addStep(startDay, step, cal);
  if (roll) due = rollForward(due, cal);
  return { due_date: due, due_at: endOfLocalDate(due, cal.timeZone) };
}

/** Every clock of a rule for one case, in the calendar of the case's country. Pure. */
export function computeDeadlines(rule: RuleDef, input: DeadlineInput, cal: BusinessCalendar): Deadlines {
  const paused = input.pausedDays ?? 0;
  const clocks: ClockResult[] = rule.clocks.map((c) => {
    const start = c.from === 'start_at' ? input.startAt ?? input.receivedAt : input.receivedAt;
    return { name: c.name, ...clockDue(start, c.step, !!c.roll_to_business_day, paused, cal) };
  });
  const primary = clocks.find((c) => c.name === rule.primary) ?? clocks[0];
  let due = { due_date: primary.due_date, due_at: primary.due_at };
  const extended = rule.extension ? clockDue(input.receivedAt, rule.extension.step, !!rule.extension.roll_to_business_day, paused, cal) : null;
  if (input.extendedAt && extended) due = extended;
  if (input.holdingReplyAt && rule.holding_reply) due = clockDue(input.receivedAt, rule.holding_reply.step, false, paused, cal);
  const warnDate = due.due_date ? shiftDays(due.due_date, -rule.warn_days) : null;
  const warn_at = warnDate ? endOfLocalDate(shiftDays(warnDate, -1), cal.timeZone) : new Date(due.due_at.getTime() - Math.max(rule.warn_days, 0.5) * 86_400_000);
  return { clocks, original_due_at: primary.due_at, due_at: due.due_at, due_date: due.due_date, extended_due_at: extended?.due_at ?? null, warn_at };
}

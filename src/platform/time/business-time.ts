import { AppError } from '../errors.js';
import { dayIntervals, epochDayAt } from './days.js';
import type { BusinessCalendar } from './types.js';

/** How far ahead (in days) a search may go before the calendar is declared to have no working time. */
const MAX_SCAN_DAYS = 3_700;

function noWorkingTime(): AppError {
  return new AppError('CALENDAR_NO_WORKING_TIME', 'the calendar has no working time in the next ten years', 'unprocessable');
}

/**
 * The earliest instant `t >= start` such that the business time in [start, t) equals `ms`.
 * `ms = 0` returns `start` itself. When the budget runs out exactly at the end of a working interval,
 * that end is returned (not the next opening).
 */
export function addBusinessTime(start: Date, ms: number, cal: BusinessCalendar): Date {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`addBusinessTime: ms must be a finite number >= 0, got ${ms}`);
  const t = start.getTime();
  if (ms === 0) return new Date(t);
  let remaining = ms;
  const first = epochDayAt(t, cal.timeZone);
  for (let day = first; day < first + MAX_SCAN_DAYS; day++) {
    for (const [s, e] of dayIntervals(cal, day)) {
      if (e <= t) continue;
      const from = Math.max(s, t);
      const avail = e - from;
      if (avail >= remaining) return new Date(from + remaining);
      remaining -= avail;
    }
  }
  throw noWorkingTime();
}

/** Business milliseconds in [a, b); negative when b < a. */
export function businessTimeBetween(a: Date, b: Date, cal: BusinessCalendar): number {
  const x = a.getTime();
  const y = b.getTime();
  if (y < x) return -businessTimeBetween(b, a, cal);
  if (y === x) return 0;
  let total = 0;
  const last = epochDayAt(y, cal.timeZone);
  for (let day = epochDayAt(x, cal.timeZone); day <= last; day++) {
    for (const [s, e] of dayIntervals(cal, day)) {
      const lo = Math.max(s, x);
      const hi = Math.min(e, y);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

/** True when `at` falls inside a working interval. */
export function isBusinessTime(at: Date, cal: BusinessCalendar): boolean {
  const t = at.getTime();
  return dayIntervals(cal, epochDayAt(t, cal.timeZone)).some(([s, e]) => t >= s && t < e);
}

/** The earliest instant >= `at` that is inside a working interval (`at` itself when already open). */
export function nextBusinessInstant(at: Date, cal: BusinessCalendar): Date {
  const t = at.getTime();
  const first = epochDayAt(t, cal.timeZone);
  for (let day = first; day < first + MAX_SCAN_DAYS; day++) {
    for (const [s, e] of dayIntervals(cal, day)) {
      if (e > t) return new Date(Math.max(s, t));
    }
  }
  throw noWorkingTime();
}

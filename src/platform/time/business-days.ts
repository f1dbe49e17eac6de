import { DateTime } from 'luxon';
import { AppError } from '../errors.js';
import { isValidLocalDate } from './calendar.js';
import { DAY_MS, epochDayAt, epochDayOfLocalDate, holidayOn, localDateOfEpochDay, weekdayIndex } from './days.js';
import type { BusinessCalendar, LocalDate } from './types.js';

const MAX_SCAN_DAYS = 3_700;

function dayOf(d: LocalDate | Date, cal: BusinessCalendar): number {
  if (d instanceof Date) return epochDayAt(d.getTime(), cal.timeZone);
  if (!isValidLocalDate(d)) throw new AppError('INVALID_DATE', `"${d}" is not a date (YYYY-MM-DD)`, 'validation');
  return epochDayOfLocalDate(d);
}

function isBusinessEpochDay(cal: BusinessCalendar, day: number): boolean {
  return cal.week[weekdayIndex(day)]!.length > 0 && holidayOn(cal, day) === undefined;
}

/** The local date (`YYYY-MM-DD`) of an instant in a time zone. */
export function toLocalDate(at: Date, timeZone: string): LocalDate {
  return localDateOfEpochDay(epochDayAt(at.getTime(), timeZone));
}

/** The instant a local date starts in a zone (00:00, or the first existing minute after a DST gap). */
export function startOfLocalDate(d: LocalDate, timeZone: string): Date {
  return DateTime.fromISO(d, { zone: timeZone }).startOf('day').toJSDate();
}

/** The instant a local date ends (exclusive: start of the next local date). */
export function endOfLocalDate(d: LocalDate, timeZone: string): Date {
  return startOfLocalDate(localDateOfEpochDay(epochDayOfLocalDate(d) + 1), timeZone);
}

/** A day with at least one working interval that is not a holiday. A Date is read in the calendar's zone. */
export function isBusinessDay(d: LocalDate | Date, cal: BusinessCalendar): boolean {
  return isBusinessEpochDay(cal, dayOf(d, cal));
}

/** The holiday name on that date ('' if unnamed), or undefined when it is not a holiday. */
export function holidayName(d: LocalDate | Date, cal: BusinessCalendar): string | undefined {
  return holidayOn(cal, dayOf(d, cal));
}

/** The first business day strictly after `d`. */
export function nextBusinessDay(d: LocalDate | Date, cal: BusinessCalendar): LocalDate {
  return addBusinessDays(d, 1, cal);
}

/**
 * Step `n` business days from `d`: n > 0 forwards (day 1 = the first business day after `d`), n < 0
 * backwards, n = 0 returns `d` unchanged. Returns a local date.
 */
export function addBusinessDays(d: LocalDate | Date, n: number, cal: BusinessCalendar): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addBusinessDays: n must be an integer, got ${n}`);
  let day = dayOf(d, cal);
  const step = n >= 0 ? 1 : -1;
  let left = Math.abs(n);
  let scanned = 0;
  while (left > 0) {
    day += step;
    if (++scanned > MAX_SCAN_DAYS + Math.abs(n) * 7) {
      throw new AppError('CALENDAR_NO_WORKING_TIME', 'the calendar has no business days', 'unprocessable');
    }
    if (isBusinessEpochDay(cal, day)) left--;
  }
  return localDateOfEpochDay(day);
}

/**
 * Business days from a to b, the inverse of addBusinessDays: when b >= a, the count of business days d
 * with a < d <= b; when b < a, minus the count with b <= d < a.
 */
export function businessDaysBetween(a: LocalDate | Date, b: LocalDate | Date, cal: BusinessCalendar): number {
  const x = dayOf(a, cal);
  const y = dayOf(b, cal);
  let n = 0;
  if (y >= x) {
    for (let day = x + 1; day <= y; day++) if (isBusinessEpochDay(cal, day)) n++;
    return n;
  }
  for (let day = y; day < x; day++) if (isBusinessEpochDay(cal, day)) n++;
  return n === 0 ? 0 : -n;
}

/** Whole calendar days between two local dates (b - a). */
export function calendarDaysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) - Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) / DAY_MS);
}

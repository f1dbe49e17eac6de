import { DateTime, IANAZone } from 'luxon';
import { AppError } from '../errors.js';
import {
  WEEKDAYS,
  type BusinessCalendar,
  type CalendarDefinition,
  type CalendarIssue,
  type Holiday,
  type WeekdayKey,
} from './types.js';

const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Minutes since midnight of `HH:MM` (24:00 → 1440), or null when malformed. */
export function parseHhmm(s: string): number | null {
  const m = HHMM.exec(s);
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v > 1440 ? null : v;
}

export function isValidTimeZone(zone: string): boolean {
  return typeof zone === 'string' && zone.length > 0 && IANAZone.isValidZone(zone);
}

/** A real calendar date `YYYY-MM-DD` (rejects 2025-02-29, 2026-13-01, 2026-04-31). */
export function isValidLocalDate(s: string): boolean {
  return ISO_DATE.test(s) && DateTime.fromISO(s, { zone: 'UTC' }).isValid;
}

/** Every problem of a definition (empty array = valid). */
export function validateCalendar(def: CalendarDefinition): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  if (!isValidTimeZone(def.timeZone)) {
    issues.push({
      code: 'CALENDAR_INVALID_TIME_ZONE',
      path: 'time_zone',
      message: `"${String(def.timeZone)}" is not an IANA time zone (e.g. Europe/Dublin)`,
    });
  }
  let total = 0;
  for (const key of Object.keys(def.week ?? {})) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      issues.push({ code: 'CALENDAR_UNKNOWN_WEEKDAY', path: `week.${key}`, message: `unknown weekday "${key}" (use mon…sun)` });
      continue;
    }
    const list = def.week[key as WeekdayKey] ?? [];
    const parsed: Array<{ s: number; e: number; i: number }> = [];
    list.forEach((iv, i) => {
      const s = parseHhmm(iv.start);
      const e = parseHhmm(iv.end);
      if (s === null || e === null || s >= 1440 || e <= s) {
        issues.push({
          code: 'CALENDAR_INVALID_INTERVAL',
          path: `week.${key}[${i}]`,
          message: `interval ${iv.start}–${iv.end} is invalid: use HH:MM with end after start (end may be 24:00)`,
        });
        return;
      }
      parsed.push({ s, e, i });
    });
    parsed.sort((a, b) => a.s - b.s);
    for (let k = 1; k < parsed.length; k++) {
      const prev = parsed[k - 1]!;
      const cur = parsed[k]!;
      if (cur.s < prev.e) {
        issues.push({
          code: 'CALENDAR_OVERLAPPING_INTERVALS',
          path: `week.${key}[${cur.i}]`,
          message: `${key}: ${list[cur.i]!.start}–${list[cur.i]!.end} overlaps ${list[prev.i]!.start}–${list[prev.i]!.end}`,
        });
      }
    }
    total += parsed.reduce((n, p) => n + (p.e - p.s), 0);
  }
  if (total === 0) {
    issues.push({ code: 'CALENDAR_NO_WORKING_TIME', path: 'week', message: 'the calendar has no working interval on any weekday' });
  }
  (def.holidays ?? []).forEach((h, i) => {
    if (typeof h.date !== 'string' || !isValidLocalDate(h.date)) {
      issues.push({
        code: 'CALENDAR_INVALID_HOLIDAY',
        path: `holidays[${i}].date`,
        message: `"${String(h.date)}" is not a real date (YYYY-MM-DD)`,
      });
    }
  });
  return issues;
}

function mergeIntervals(list: Array<[number, number]>): Array<readonly [number, number]> {
  list.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const iv of list) {
    const last = out[out.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}

/**
 * Validate and compile a definition. Throws `AppError` (kind validation) whose code is the first issue's
 * code and whose details list every issue.
 */
export function compileCalendar(def: CalendarDefinition): BusinessCalendar {
  const issues = validateCalendar(def);
  if (issues.length > 0) {
    throw new AppError(issues[0]!.code, issues.map((i) => `${i.path}: ${i.message}`).join('; '), 'validation', {
      issues,
      errors: issues.map((i) => ({ path: i.path, message: i.message })),
    });
  }
  const week = WEEKDAYS.map((k) =>
    mergeIntervals((def.week[k] ?? []).map((iv) => [parseHhmm(iv.start)!, parseHhmm(iv.end)!] as [number, number])),
  );
  const oneOff = new Map<string, string>();
  const yearly = new Map<string, { fromYear: number; name: string }>();
  const holidays: Holiday[] = [];
  for (const h of def.holidays ?? []) {
    const name = h.name ?? '';
    holidays.push({ date: h.date, ...(h.name ? { name: h.name } : {}), ...(h.yearly ? { yearly: true } : {}) });
    if (h.yearly) {
      const md = h.date.slice(5);
      const fromYear = Number(h.date.slice(0, 4));
      const prev = yearly.get(md);
      if (!prev || prev.fromYear > fromYear) yearly.set(md, { fromYear, name });
    } else {
      oneOff.set(h.date, name);
    }
  }
  const definition: CalendarDefinition = {
    timeZone: def.timeZone,
    week: Object.fromEntries(
      WEEKDAYS.filter((k) => (def.week[k] ?? []).length > 0).map((k) => [k, def.week[k]!.map((iv) => ({ start: iv.start, end: iv.end }))]),
    ),
    holidays,
  };
  return { timeZone: def.timeZone, week, oneOff, yearly, definition, _days: new Map() };
}

const FULL_DAY: WorkingIntervalsDay = [{ start: '00:00', end: '24:00' }];
type WorkingIntervalsDay = Array<{ start: string; end: string }>;

/**
 * A business-DAY calendar (for counting days, e.g. regulatory deadlines): every non-weekend day is
 * working all day; holidays are not. Default weekend Saturday + Sunday.
 */
export function businessDayCalendar(opts: {
  timeZone: string;
  holidays?: Holiday[];
  weekend?: WeekdayKey[];
}): BusinessCalendar {
  const weekend = new Set<WeekdayKey>(opts.weekend ?? ['sat', 'sun']);
  const week: CalendarDefinition['week'] = {};
  for (const k of WEEKDAYS) if (!weekend.has(k)) week[k] = FULL_DAY;
  return compileCalendar({ timeZone: opts.timeZone, week, holidays: opts.holidays ?? [] });
}

/** Round-the-clock calendar (calendar time): every day 00:00–24:00, no holidays. */
export function alwaysOpenCalendar(timeZone = 'UTC'): BusinessCalendar {
  return businessDayCalendar({ timeZone, weekend: [] });
}

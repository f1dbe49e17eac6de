import { DateTime, IANAZone } from 'luxon';
import type { BusinessCalendar, LocalDate } from './types.js';

/** Internal day arithmetic on "epoch days" (days since 1970-01-01 of a local calendar date). */
export const DAY_MS = 86_400_000;

export function epochDayOfLocalDate(d: LocalDate): number {
  return Math.round(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS);
}

export function localDateOfEpochDay(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The epoch day of the local calendar date of `ms` in `zone`. */
export function epochDayAt(ms: number, zone: string): number {
  const dt = DateTime.fromMillis(ms, { zone });
  return Math.round(Date.UTC(dt.year, dt.month - 1, dt.day) / DAY_MS);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The holiday name when `day` is a holiday of `cal`, else undefined ('' when unnamed). */
export function holidayOn(cal: BusinessCalendar, day: number): string | undefined {
  const date = localDateOfEpochDay(day);
  const once = cal.oneOff.get(date);
  if (once !== undefined) return once;
  const y = cal.yearly.get(date.slice(5));
  if (y && Number(date.slice(0, 4)) >= y.fromYear) return y.name;
  return undefined;
}

/**
 * Absolute instant (ms) of wall-clock `minute` (0..1440) on local `day` in `zone`. A wall time skipped by
 * a DST gap shifts forward by the gap; a repeated wall time (fall back) resolves to its FIRST occurrence.
 */
function instantOf(day: number, minute: number, zone: string): number {
  const d = minute >= 1440 ? day + 1 : day;
  const m = minute >= 1440 ? 0 : minute;
  const date = new Date(d * DAY_MS);
  const ms = DateTime.fromObject(
    { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: Math.floor(m / 60), minute: m % 60 },
    { zone },
  ).toMillis();
  const z = IANAZone.create(zone);
  const now = z.offset(ms);
  const before = z.offset(ms - 6 * 3_600_000);
  if (before > now) {
    // the offset dropped recently (fall back): the same wall time may also exist earlier
    const earlier = ms - (before - now) * 60_000;
    const wall = (t: number) => t + z.offset(t) * 60_000;
    if (wall(earlier) === wall(ms)) return earlier;
  }
  return ms;
}

const CACHE_LIMIT = 20_000;

/** Absolute working intervals [startMs, endMs) of local `day` (empty on holidays / days off). */
export function dayIntervals(cal: BusinessCalendar, day: number): ReadonlyArray<readonly [number, number]> {
  const hit = cal._days.get(day);
  if (hit) return hit;
  let out: Array<readonly [number, number]> = [];
  const spec = cal.week[weekdayIndex(day)]!;
  if (spec.length > 0 && holidayOn(cal, day) === undefined) {
    let floor = -Infinity;
    for (const [s, e] of spec) {
      const a = Math.max(instantOf(day, s, cal.timeZone), floor);
      const b = Math.max(instantOf(day, e, cal.timeZone), a);
      floor = b;
      if (b > a) out.push([a, b]);
    }
    // merge intervals made contiguous by a DST gap
    out = out.reduce<Array<readonly [number, number]>>((acc, iv) => {
      const last = acc[acc.length - 1];
      if (last && iv[0] <= last[1]) acc[acc.length - 1] = [last[0], Math.max(last[1], iv[1])];
      else acc.push(iv);
      return acc;
    }, []);
  }
  if (cal._days.size >= CACHE_LIMIT) cal._days.clear();
  cal._days.set(day, out);
  return out;
}

import ICAL from 'ical.js';
import { AppError } from '../errors.js';
import type { Holiday } from './types.js';

export interface IcalImportOptions {
  /** Recurring events other than plain yearly repeats are expanded for these years (inclusive). */
  fromYear: number;
  toYear: number;
}

function dateOf(t: ICAL.Time): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(t.year, 4)}-${p(t.month)}-${p(t.day)}`;
}

/**
 * Read holidays from an iCalendar (RFC 5545) text. Each VEVENT becomes holidays on the dates it covers
 * (multi-day all-day events give one holiday per day). `RRULE:FREQ=YEARLY` without other parts becomes a
 * yearly holiday; other recurrences (e.g. "4th Thursday of November") are expanded over the given years.
 * Throws `AppError('CALENDAR_INVALID_ICS')` on unparsable input.
 */
export function parseIcalHolidays(text: string, opts: IcalImportOptions): Holiday[] {
  let comp: ICAL.Component;
  try {
    comp = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (e) {
    throw new AppError('CALENDAR_INVALID_ICS', `not an iCalendar file: ${(e as Error).message}`, 'validation');
  }
  const vevents = comp.name === 'vevent' ? [comp] : comp.getAllSubcomponents('vevent');
  const out: Holiday[] = [];
  const seen = new Set<string>();
  const push = (h: Holiday) => {
    const key = `${h.date}|${h.yearly ? 'y' : 'o'}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(h);
    }
  };
  for (const ve of vevents) {
    const ev = new ICAL.Event(ve);
    if (!ev.startDate) continue;
    const name = ev.summary ?? '';
    const days = Math.max(1, ev.endDate ? Math.round(ev.endDate.subtractDate(ev.startDate).toSeconds() / 86_400) : 1);
    const rrule = ve.getFirstPropertyValue('rrule') as ICAL.Recur | null;
    const plainYearly =
      rrule && rrule.freq === 'YEARLY' && !rrule.count && !rrule.until && (rrule.interval ?? 1) === 1 &&
      Object.keys(rrule.parts ?? {}).length === 0;
    const starts: ICAL.Time[] = [];
    if (!rrule) starts.push(ev.startDate);
    else if (!plainYearly) {
      const it = ev.iterator();
      for (let t = it.next(); t && t.year <= opts.toYear; t = it.next()) if (t.year >= opts.fromYear) starts.push(t);
    }
    const base = plainYearly ? [ev.startDate] : starts;
    for (const s of base) {
      for (let k = 0; k < days; k++) {
        const t = s.clone();
        t.adjust(k, 0, 0, 0);
        push({ date: dateOf(t), ...(name ? { name } : {}), ...(plainYearly ? { yearly: true } : {}) });
      }
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

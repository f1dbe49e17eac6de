import { businessDayCalendar, type BusinessCalendar, type Holiday } from '../../../platform/time/index.js';
import { COUNTRY_HOLIDAYS } from './country-holidays.js';

export const COUNTRY_TIME_ZONES: Readonly<Record<string, string>> = {
  IE: 'Europe/Dublin', GB: 'Europe/London', DE: 'Europe/Berlin', FR: 'Europe/Paris', BR: 'America/Sao_Paulo',
  'US-CA': 'America/Los_Angeles', SG: 'Asia/Singapore',
};

export const SUPPORTED_COUNTRIES = Object.keys(COUNTRY_TIME_ZONES);

/** A workspace's change to a country's shipped holidays. */
export interface HolidayOverride {
  country: string;
  date: string;
  name: string;
  /** add = extra non-working day; remove = a shipped holiday that is a working day for this workspace. */
  kind: 'add' | 'remove';
}

/**
 * The business-day calendar of a country (Mon–Fri, the shipped public holidays, the workspace's overrides),
 * or — with `holidays: false` — weekends only (the worked examples of the requirements assume no holidays).
 */
export function countryCalendar(country: string, opts: { overrides?: readonly HolidayOverride[]; holidays?: boolean } = {}): BusinessCalendar {
  const timeZone = COUNTRY_TIME_ZONES[country];
  if (!timeZone) throw new Error(`no calendar for country ${country}`);
  const removed = new Set((opts.overrides ?? []).filter((o) => o.country === country && o.kind === 'remove').map((o) => o.date));
  const shipped: Holiday[] = opts.holidays === false ? [] : (COUNTRY_HOLIDAYS[country] ?? []).filter(([d]) => !removed.has(d)).map(([date, name]) => ({ date, name }));
  const added: Holiday[] = (opts.overrides ?? []).filter((o) => o.country === country && o.kind === 'add').map((o) => ({ date: o.date, name: o.name }));
  return businessDayCalendar({ timeZone, holidays: [...shipped, ...added] });
}

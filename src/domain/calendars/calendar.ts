import { compileCalendar, type BusinessCalendar, type CalendarDefinition, type Holiday, type WorkingInterval } from '../../platform/time/index.js';

export type CalendarScope = 'workspace' | 'team' | 'brand' | 'market';

/** A stored business calendar (row of business_calendars). */
export interface StoredCalendar {
  id: string;
  workspace_id: string;
  name: string;
  scope_type: CalendarScope;
  scope_id: string | null;
  time_zone: string;
  week: CalendarDefinition['week'];
  holidays: Holiday[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const CALENDAR_COLUMNS = 'id, workspace_id, name, scope_type, scope_id, time_zone, week, holidays, version, created_at, updated_at';

export function definitionOf(c: Pick<StoredCalendar, 'time_zone' | 'week' | 'holidays'>): CalendarDefinition {
  return { timeZone: c.time_zone, week: c.week as Record<string, WorkingInterval[]>, holidays: c.holidays };
}

const compiled = new Map<string, BusinessCalendar>();

/** The compiled (validated, cached per id+version) form of a stored calendar. */
export function compileStored(c: StoredCalendar): BusinessCalendar {
  const key = `${c.id}:${c.version}`;
  let hit = compiled.get(key);
  if (!hit) {
    hit = compileCalendar(definitionOf(c));
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, hit);
  }
  return hit;
}

/** Sort holidays and drop exact duplicates (same date and kind). */
export function normaliseHolidays(hs: Holiday[]): Holiday[] {
  const seen = new Map<string, Holiday>();
  for (const h of hs) seen.set(`${h.date}|${h.yearly ? 1 : 0}`, { date: h.date, ...(h.name ? { name: h.name } : {}), ...(h.yearly ? { yearly: true } : {}) });
  return [...seen.values()].sort((a, b) => a.date.localeCompare(b.date));
}

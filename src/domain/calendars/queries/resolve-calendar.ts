import type { Tx } from '../../../platform/db/index.js';
import { businessDayCalendar, WEEKDAYS, type BusinessCalendar, type Holiday, type WeekdayKey } from '../../../platform/time/index.js';
import { CALENDAR_COLUMNS, compileStored, type StoredCalendar } from '../calendar.js';

export interface CalendarSubject {
  workspace_id: string;
  team_id?: string | null;
  brand_id?: string | null;
  country?: string | null;
}

/**
 * The calendar that applies to a ticket-like subject, most specific first: explicit id (e.g. an SLA
 * policy's), the team's, the brand's, the market's (country), the workspace default. Null = none stored.
 */
export async function resolveCalendar(tx: Tx, s: CalendarSubject, explicitId?: string | null): Promise<StoredCalendar | null> {
  const rows = await tx.query<StoredCalendar & { rank: number }>(
    `SELECT ${CALENDAR_COLUMNS}, CASE WHEN id = $2 THEN 0 WHEN scope_type = 'team' THEN 1 WHEN scope_type = 'brand' THEN 2
              WHEN scope_type = 'market' THEN 3 ELSE 4 END AS rank
       FROM business_calendars
      WHERE workspace_id = $1 AND (id = $2 OR (scope_type = 'team' AND scope_id = $3) OR (scope_type = 'brand' AND scope_id = $4)
            OR (scope_type = 'market' AND scope_id = $5) OR scope_type = 'workspace')
      ORDER BY rank LIMIT 1`,
    [s.workspace_id, explicitId ?? '', s.team_id ?? '', s.brand_id ?? '', (s.country ?? '').toUpperCase()],
  );
  return rows[0] ?? null;
}

/** Compiled form of {@link resolveCalendar} (null when the workspace has no calendar at all). */
export async function resolveBusinessCalendar(tx: Tx, s: CalendarSubject, explicitId?: string | null): Promise<{ stored: StoredCalendar; calendar: BusinessCalendar } | null> {
  const stored = await resolveCalendar(tx, s, explicitId);
  return stored ? { stored, calendar: compileStored(stored) } : null;
}

/**
 * A country's business-DAY calendar for day-counting modules (regulatory clocks). When the workspace
 * stores a market calendar for the country, its zone, its days off (weekdays without working
 * intervals) and its holidays win; otherwise `fallback` (e.g. shipped public-holiday data) is used.
 * Returns null when neither exists.
 */
export async function countryBusinessDayCalendar(
  tx: Tx,
  workspaceId: string,
  country: string,
  fallback?: { timeZone: string; holidays: Holiday[]; weekend?: WeekdayKey[] },
): Promise<BusinessCalendar | null> {
  const row = await tx.maybeOne<StoredCalendar>(
    `SELECT ${CALENDAR_COLUMNS} FROM business_calendars WHERE workspace_id = $1 AND scope_type = 'market' AND scope_id = $2`,
    [workspaceId, country.toUpperCase()],
  );
  if (row) {
    const weekend = WEEKDAYS.filter((k) => !(row.week[k]?.length));
    return businessDayCalendar({ timeZone: row.time_zone, holidays: [...row.holidays, ...(fallback?.holidays ?? [])], weekend });
  }
  return fallback ? businessDayCalendar(fallback) : null;
}

/** A stored calendar by id, compiled (null when it no longer exists). */
export async function loadBusinessCalendar(tx: Tx, workspaceId: string, id: string | null): Promise<BusinessCalendar | null> {
  if (!id) return null;
  const row = await tx.maybeOne<StoredCalendar>(`SELECT ${CALENDAR_COLUMNS} FROM business_calendars WHERE id = $1 AND workspace_id = $2`, [id, workspaceId]);
  return row ? compileStored(row) : null;
}

/** Several calendars by id, compiled (missing ids are absent from the map). */
export async function loadBusinessCalendars(tx: Tx, ids: string[]): Promise<Map<string, { stored: StoredCalendar; calendar: BusinessCalendar }>> {
  const out = new Map<string, { stored: StoredCalendar; calendar: BusinessCalendar }>();
  if (ids.length === 0) return out;
  const rows = await tx.query<StoredCalendar>(`SELECT ${CALENDAR_COLUMNS} FROM business_calendars WHERE id = ANY($1::text[])`, [[...new Set(ids)]]);
  for (const r of rows) out.set(r.id, { stored: r, calendar: compileStored(r) });
  return out;
}

import type { Tx } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { CALENDAR_COLUMNS, type StoredCalendar } from './calendar.js';

export async function loadCalendar(tx: Tx, workspaceId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<StoredCalendar> {
  const row = await tx.maybeOne<StoredCalendar>(
    `SELECT ${CALENDAR_COLUMNS} FROM business_calendars WHERE id = $1 AND workspace_id = $2${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [id, workspaceId],
  );
  if (!row) throw notFound('CALENDAR_NOT_FOUND', 'Business calendar');
  return row;
}

export async function listCalendarRows(tx: Tx, workspaceId: string): Promise<StoredCalendar[]> {
  return tx.query<StoredCalendar>(
    `SELECT ${CALENDAR_COLUMNS} FROM business_calendars WHERE workspace_id = $1
     ORDER BY CASE scope_type WHEN 'workspace' THEN 0 WHEN 'brand' THEN 1 WHEN 'team' THEN 2 ELSE 3 END, name`,
    [workspaceId],
  );
}

export async function saveCalendar(tx: Tx, c: StoredCalendar): Promise<void> {
  await tx.query(
    `INSERT INTO business_calendars (${CALENDAR_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7::jsonb,$8::jsonb,$9,$10,$11)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, week = EXCLUDED.week,
       holidays = EXCLUDED.holidays, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
    [c.id, c.workspace_id, c.name, c.scope_type, c.scope_id, c.time_zone, JSON.stringify(c.week), JSON.stringify(c.holidays), c.version, c.created_at, c.updated_at],
  );
}

import { AppError, conflict } from '../../../platform/errors.js';
import { compileCalendar, parseIcalHolidays, type CalendarDefinition, type Holiday } from '../../../platform/time/index.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { normaliseHolidays, type StoredCalendar } from '../calendar.js';
import { loadCalendar, saveCalendar } from '../calendar.repo.js';
import { checkName } from './create-calendar.js';

export interface UpdateCalendarInput {
  name?: string;
  time_zone?: string;
  week?: CalendarDefinition['week'];
  holidays?: Holiday[];
}

async function save(ctx: Ctx, cur: StoredCalendar, next: StoredCalendar, changed: string[]): Promise<StoredCalendar> {
  compileCalendar({ timeZone: next.time_zone, week: next.week, holidays: next.holidays });
  const out = { ...next, version: cur.version + 1, updated_at: ctx.clock.now() };
  await saveCalendar(ctx.tx, out);
  await recordChange(ctx, {
    event: 'business_calendar.updated', aggregateType: 'business_calendar', aggregateId: cur.id,
    payload: { changed, version: out.version, time_zone: out.time_zone, holidays: out.holidays.length },
  });
  return out;
}

/** Change a calendar's name, zone, week or holidays (optimistic `expectedVersion`). */
export async function updateCalendar(ctx: Ctx, id: string, input: UpdateCalendarInput, expectedVersion?: number): Promise<StoredCalendar> {
  authorize(ctx.actor, 'sla.manage');
  const cur = await loadCalendar(ctx.tx, ctx.actor.workspaceId, id, { forUpdate: true });
  if (expectedVersion !== undefined && expectedVersion !== cur.version) {
    throw new AppError('VERSION_CONFLICT', `The calendar changed since you loaded it (version ${cur.version})`, 'precondition', { current_version: cur.version });
  }
  if (input.name !== undefined && input.name !== cur.name) await checkName(ctx.tx, cur.workspace_id, input.name, cur.id);
  const next: StoredCalendar = {
    ...cur,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.time_zone !== undefined ? { time_zone: input.time_zone } : {}),
    ...(input.week !== undefined ? { week: input.week } : {}),
    ...(input.holidays !== undefined ? { holidays: normaliseHolidays(input.holidays) } : {}),
  };
  return save(ctx, cur, next, Object.keys(input));
}

/** Add (or replace) holidays from an iCalendar file. Returns the calendar and how many holidays were read. */
export async function importCalendarHolidays(
  ctx: Ctx,
  id: string,
  input: { ics: string; from_year?: number; to_year?: number; replace?: boolean },
): Promise<{ calendar: StoredCalendar; imported: number }> {
  authorize(ctx.actor, 'sla.manage');
  const cur = await loadCalendar(ctx.tx, ctx.actor.workspaceId, id, { forUpdate: true });
  const year = ctx.clock.now().getUTCFullYear();
  const from = input.from_year ?? year - 1;
  const to = input.to_year ?? year + 3;
  if (to < from || to - from > 50) throw conflict('CALENDAR_IMPORT_RANGE', 'to_year must be ≥ from_year and at most 50 years later');
  const read = parseIcalHolidays(input.ics, { fromYear: from, toYear: to });
  const holidays = normaliseHolidays(input.replace ? read : [...cur.holidays, ...read]);
  const calendar = await save(ctx, cur, { ...cur, holidays }, ['holidays']);
  return { calendar, imported: read.length };
}

/** Delete a calendar no SLA policy uses (live applied SLAs fall back to the next calendar in line). */
export async function deleteCalendar(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx.actor, 'sla.manage');
  const cur = await loadCalendar(ctx.tx, ctx.actor.workspaceId, id, { forUpdate: true });
  const used = await ctx.tx.maybeOne<{ name: string }>('SELECT name FROM sla_policies WHERE calendar_id = $1 AND deleted_at IS NULL LIMIT 1', [id]);
  if (used) throw conflict('CALENDAR_IN_USE', `The SLA policy "${used.name}" uses this calendar`);
  await ctx.tx.query('DELETE FROM business_calendars WHERE id = $1', [id]);
  await recordChange(ctx, { event: 'business_calendar.deleted', aggregateType: 'business_calendar', aggregateId: id, payload: { name: cur.name } });
}

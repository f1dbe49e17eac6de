import type { Tx } from '../../../platform/db/index.js';
import { conflict, invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { compileCalendar, type CalendarDefinition, type Holiday } from '../../../platform/time/index.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { normaliseHolidays, type CalendarScope, type StoredCalendar } from '../calendar.js';
import { saveCalendar } from '../calendar.repo.js';

export interface CreateCalendarInput {
  name: string;
  scope_type?: CalendarScope;
  scope_id?: string | null;
  time_zone: string;
  week: CalendarDefinition['week'];
  holidays?: Holiday[];
}

/** The scope must point at something real; one calendar per scope. */
export async function checkScope(tx: Tx, workspaceId: string, scopeType: CalendarScope, scopeId: string | null, selfId?: string): Promise<string | null> {
  if (scopeType === 'workspace') {
    if (scopeId) throw invalid('CALENDAR_SCOPE_INVALID', 'A workspace calendar has no scope_id');
  } else if (!scopeId) {
    throw invalid('CALENDAR_SCOPE_INVALID', `A ${scopeType} calendar needs a scope_id`);
  } else if (scopeType === 'market') {
    if (!/^[A-Z]{2}$/.test(scopeId)) throw invalid('CALENDAR_SCOPE_INVALID', 'A market calendar is scoped to an ISO country code such as IE or US');
  } else {
    const table = scopeType === 'team' ? 'teams' : 'brands';
    const found = await tx.maybeOne(`SELECT 1 FROM ${table} WHERE id = $1 AND workspace_id = $2`, [scopeId, workspaceId]);
    if (!found) throw invalid('CALENDAR_SCOPE_INVALID', `No ${scopeType} ${scopeId} in this workspace`);
  }
  const taken = await tx.maybeOne<{ name: string }>(
    `SELECT name FROM business_calendars WHERE workspace_id = $1 AND scope_type = $2 AND coalesce(scope_id, '') = coalesce($3, '') AND id <> $4`,
    [workspaceId, scopeType, scopeId, selfId ?? ''],
  );
  if (taken) throw conflict('CALENDAR_SCOPE_TAKEN', `"${taken.name}" is already the calendar of this ${scopeType}`);
  return scopeId ?? null;
}

export async function checkName(tx: Tx, workspaceId: string, name: string, selfId?: string): Promise<void> {
  const taken = await tx.maybeOne('SELECT 1 FROM business_calendars WHERE workspace_id = $1 AND lower(name) = lower($2) AND id <> $3', [workspaceId, name, selfId ?? '']);
  if (taken) throw conflict('CALENDAR_NAME_TAKEN', `A calendar named "${name}" already exists`);
}

/** Create a business calendar (validated: IANA zone, intervals, holidays). */
export async function createCalendar(ctx: Ctx, input: CreateCalendarInput): Promise<StoredCalendar> {
  authorize(ctx.actor, 'sla.manage');
  const ws = ctx.actor.workspaceId;
  const holidays = normaliseHolidays(input.holidays ?? []);
  compileCalendar({ timeZone: input.time_zone, week: input.week, holidays });
  const scopeType = input.scope_type ?? 'workspace';
  const scopeId = await checkScope(ctx.tx, ws, scopeType, input.scope_id ?? null);
  await checkName(ctx.tx, ws, input.name);
  const now = ctx.clock.now();
  const cal: StoredCalendar = {
    id: newId('cal', now), workspace_id: ws, name: input.name, scope_type: scopeType, scope_id: scopeId, time_zone: input.time_zone,
    week: input.week, holidays, version: 1, created_at: now, updated_at: now,
  };
  await saveCalendar(ctx.tx, cal);
  await recordChange(ctx, {
    event: 'business_calendar.created', aggregateType: 'business_calendar', aggregateId: cal.id,
    payload: { name: cal.name, scope_type: scopeType, scope_id: scopeId, time_zone: cal.time_zone, holidays: holidays.length },
  });
  return cal;
}

import { addBusinessTime, businessTimeBetween } from '../../../platform/time/index.js';
import { invalid } from '../../../platform/errors.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import { compileStored, type StoredCalendar } from '../calendar.js';
import { listCalendarRows, loadCalendar } from '../calendar.repo.js';

export async function listCalendars(ctx: Ctx): Promise<StoredCalendar[]> {
  authorize(ctx.actor, 'tickets.read');
  return listCalendarRows(ctx.tx, ctx.actor.workspaceId);
}

export async function getCalendar(ctx: Ctx, id: string): Promise<StoredCalendar> {
  authorize(ctx.actor, 'tickets.read');
  return loadCalendar(ctx.tx, ctx.actor.workspaceId, id);
}

/** Try a calendar: the due time of `minutes` business minutes from `start`, and/or business minutes from start to end. */
export async function computeWithCalendar(
  ctx: Ctx,
  id: string,
  q: { start: string; minutes?: number; end?: string },
): Promise<{ due_at: Date | null; business_minutes_between: number | null }> {
  const cal = compileStored(await getCalendar(ctx, id));
  const start = new Date(q.start);
  if (Number.isNaN(start.getTime())) throw invalid('INVALID_TIMESTAMP', 'start must be an ISO timestamp');
  const end = q.end === undefined ? null : new Date(q.end);
  if (end && Number.isNaN(end.getTime())) throw invalid('INVALID_TIMESTAMP', 'end must be an ISO timestamp');
  return {
    due_at: q.minutes === undefined ? null : addBusinessTime(start, q.minutes * 60_000, cal),
    business_minutes_between: end ? businessTimeBetween(start, end, cal) / 60_000 : null,
  };
}

/** Business calendars stored per workspace / team / brand / market (country). Arithmetic: src/platform/time. */
export type { StoredCalendar, CalendarScope } from './calendar.js';
export { compileStored, definitionOf } from './calendar.js';
export { createCalendar, type CreateCalendarInput } from './commands/create-calendar.js';
export { updateCalendar, importCalendarHolidays, deleteCalendar, type UpdateCalendarInput } from './commands/update-calendar.js';
export { listCalendars, getCalendar, computeWithCalendar } from './queries/list-calendars.js';
export {
  resolveCalendar, resolveBusinessCalendar, countryBusinessDayCalendar, loadBusinessCalendar, loadBusinessCalendars, type CalendarSubject,
} from './queries/resolve-calendar.js';

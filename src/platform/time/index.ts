/**
 * Business-time arithmetic (pure; luxon for IANA zones). See docs/sla.md and .tmp/coord/calendars.md.
 *
 *   const cal = compileCalendar({ timeZone: 'Europe/Dublin', week: { mon: [{ start: '09:00', end: '17:00' }] } });
 *   addBusinessTime(new Date(), 4 * 3600_000, cal);
 */
export * from './types.js';
export {
  alwaysOpenCalendar,
  businessDayCalendar,
  compileCalendar,
  isValidLocalDate,
  isValidTimeZone,
  parseHhmm,
  validateCalendar,
} from './calendar.js';
export { addBusinessTime, businessTimeBetween, isBusinessTime, nextBusinessInstant } from './business-time.js';
export {
  addBusinessDays,
  businessDaysBetween,
  calendarDaysBetween,
  endOfLocalDate,
  holidayName,
  isBusinessDay,
  nextBusinessDay,
  startOfLocalDate,
  toLocalDate,
} from './business-days.js';
export { parseIcalHolidays, type IcalImportOptions } from './ical.js';

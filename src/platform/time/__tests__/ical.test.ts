import { describe, expect, it } from 'vitest';
import { compileCalendar, isBusinessDay, parseIcalHolidays } from '../index.js';

const ICS = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:1
DTSTART;VALUE=DATE:20260101
DTEND;VALUE=DATE:20260102
SUMMARY:New Year's Day
RRULE:FREQ=YEARLY
END:VEVENT
BEGIN:VEVENT
UID:2
DTSTART;VALUE=DATE:20261224
DTEND;VALUE=DATE:20261227
SUMMARY:Christmas break
END:VEVENT
BEGIN:VEVENT
UID:3
DTSTART;VALUE=DATE:20251127
SUMMARY:Thanksgiving
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH
END:VEVENT
END:VCALENDAR`;

describe('parseIcalHolidays', () => {
  it('reads yearly, multi-day and rule-based holidays', () => {
    const hs = parseIcalHolidays(ICS, { fromYear: 2026, toYear: 2027 });
    expect(hs).toEqual([
      { date: '2026-01-01', name: "New Year's Day", yearly: true },
      { date: '2026-11-26', name: 'Thanksgiving' },
      { date: '2026-12-24', name: 'Christmas break' },
      { date: '2026-12-25', name: 'Christmas break' },
      { date: '2026-12-26', name: 'Christmas break' },
      { date: '2027-11-25', name: 'Thanksgiving' },
    ]);
    const cal = compileCalendar({ timeZone: 'America/Los_Angeles', week: { thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }] }, holidays: hs });
    expect(isBusinessDay('2027-01-01', cal)).toBe(false);
    expect(isBusinessDay('2027-11-25', cal)).toBe(false);
    expect(isBusinessDay('2027-11-26', cal)).toBe(true);
  });
  it('rejects garbage with a stable code', () => {
    expect(() => parseIcalHolidays('hello', { fromYear: 2026, toYear: 2026 })).toThrow(expect.objectContaining({ code: 'CALENDAR_INVALID_ICS' }));
  });
});

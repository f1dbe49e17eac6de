import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addBusinessTime,
  businessDayCalendar,
  businessDaysBetween,
  businessTimeBetween,
  compileCalendar,
  isBusinessDay,
  isBusinessTime,
  nextBusinessDay,
  nextBusinessInstant,
  validateCalendar,
  type CalendarDefinition,
} from '../index.js';

const H = 3_600_000;
const nineToFive = { start: '09:00', end: '17:00' };
const weekdays = (iv = [nineToFive]) => ({ mon: iv, tue: iv, wed: iv, thu: iv, fri: iv });
const cal = (timeZone: string, extra: Partial<CalendarDefinition> = {}) =>
  compileCalendar({ timeZone, week: weekdays(), ...extra });

describe('search horizon', () => {
  it('raises CALENDAR_NO_WORKING_TIME when the amount cannot be reached within ten years, and not before', () => {
    // one working minute a week: about 520 minutes in ten years
    const sparse = compileCalendar({ timeZone: 'UTC', week: { mon: [{ start: '09:00', end: '09:01' }] } });
    const start = new Date('2026-01-05T00:00:00Z');
    expect(addBusinessTime(start, 500 * 60_000, sparse).getTime()).toBeGreaterThan(start.getTime());
    expect(() => addBusinessTime(start, 600 * 60_000, sparse)).toThrow(expect.objectContaining({ code: 'CALENDAR_NO_WORKING_TIME' }));
  });
});

describe('validation', () => {
  it('reports invalid zones, overlapping and malformed intervals, impossible holidays, empty weeks', () => {
    const codes = validateCalendar({
      timeZone: 'Mars/Olympus',
      week: {
        mon: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }],
        tue: [{ start: '17:00', end: '09:00' }],
        wed: [{ start: '25:00', end: '26:00' }],
      },
      holidays: [{ date: '2025-02-29' }, { date: '2026-04-31' }, { date: '2028-02-29', yearly: true }],
    }).map((i) => i.code);
    expect(codes).toEqual([
      'CALENDAR_INVALID_TIME_ZONE',
      'CALENDAR_OVERLAPPING_INTERVALS',
      'CALENDAR_INVALID_INTERVAL',
      'CALENDAR_INVALID_INTERVAL',
      'CALENDAR_INVALID_HOLIDAY',
      'CALENDAR_INVALID_HOLIDAY',
    ]);
    expect(validateCalendar({ timeZone: 'UTC', week: {} }).map((i) => i.code)).toEqual(['CALENDAR_NO_WORKING_TIME']);
    expect(() => compileCalendar({ timeZone: 'Nowhere/Land', week: weekdays() })).toThrow(/IANA/);
  });
  it('accepts touching intervals and 24:00', () => {
    expect(validateCalendar({ timeZone: 'Asia/Singapore', week: { mon: [{ start: '00:00', end: '12:00' }, { start: '12:00', end: '24:00' }] } })).toEqual([]);
  });
});

describe('addBusinessTime / businessTimeBetween (examples)', () => {
  const dub = cal('Europe/Dublin', { holidays: [{ date: '2026-03-17', name: "St Patrick's Day", yearly: true }] });
  it('carries over the night and the weekend', () => {
    // Friday 2026-03-13 16:00 Dublin (GMT) + 2h → Monday 10:00
    expect(addBusinessTime(new Date('2026-03-13T16:00:00Z'), 2 * H, dub).toISOString()).toBe('2026-03-16T10:00:00.000Z');
  });
  it('skips a yearly holiday (first applying year and later)', () => {
    // Monday 16th 16:00 + 2h → Tue 17th is a holiday → Wed 18th 10:00
    expect(addBusinessTime(new Date('2026-03-16T16:00:00Z'), 2 * H, dub).toISOString()).toBe('2026-03-18T10:00:00.000Z');
    expect(isBusinessDay('2027-03-17', dub)).toBe(false);
    expect(isBusinessDay('2025-03-17', dub)).toBe(true); // before the holiday's first year
  });
  it('starting outside hours counts from the next opening; ends exactly at closing when the budget runs out there', () => {
    expect(addBusinessTime(new Date('2026-03-18T06:00:00Z'), 8 * H, dub).toISOString()).toBe('2026-03-18T17:00:00.000Z');
    expect(nextBusinessInstant(new Date('2026-03-18T18:00:00Z'), dub).toISOString()).toBe('2026-03-19T09:00:00.000Z');
    expect(isBusinessTime(new Date('2026-03-18T12:00:00Z'), dub)).toBe(true);
  });
  it('split days (lunch break)', () => {
    const split = compileCalendar({ timeZone: 'UTC', week: weekdays([{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }]) });
    expect(addBusinessTime(new Date('2026-01-05T11:00:00Z'), 2 * H, split).toISOString()).toBe('2026-01-05T14:00:00.000Z');
    expect(businessTimeBetween(new Date('2026-01-05T00:00:00Z'), new Date('2026-01-06T00:00:00Z'), split)).toBe(7 * H);
  });
  it('leap day 2028-02-29 is an ordinary business day; Feb 29 yearly holiday only in leap years', () => {
    const utc = cal('UTC', { holidays: [{ date: '2028-02-29', yearly: true, name: 'leap' }] });
    expect(isBusinessDay('2028-02-29', cal('UTC'))).toBe(true);
    expect(isBusinessDay('2028-02-29', utc)).toBe(false);
    expect(isBusinessDay('2032-02-27', utc)).toBe(true);
    // Mon 2028-02-28 16:00 + 2h → Tue 29th 10:00 without the holiday
    expect(addBusinessTime(new Date('2028-02-28T16:00:00Z'), 2 * H, cal('UTC')).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(addBusinessTime(new Date('2028-02-28T16:00:00Z'), 2 * H, utc).toISOString()).toBe('2028-03-01T10:00:00.000Z');
  });
});

describe('DST boundaries', () => {
  it('Europe/Dublin spring forward (2026-03-29): opening hour follows local time', () => {
    const c = compileCalendar({ timeZone: 'Europe/Dublin', week: { sat: [nineToFive], sun: [nineToFive], mon: [nineToFive] } });
    // Sat 16:00 GMT +2h → Sun 10:00 IST = 09:00Z
    expect(addBusinessTime(new Date('2026-03-28T16:00:00Z'), 2 * H, c).toISOString()).toBe('2026-03-29T09:00:00.000Z');
    expect(businessTimeBetween(new Date('2026-03-28T00:00:00Z'), new Date('2026-03-31T00:00:00Z'), c)).toBe(24 * H);
  });
  it('Europe/Dublin: a 00:00–24:00 day on the spring-forward date is 23 real hours, on fall-back 25', () => {
    const c = businessDayCalendar({ timeZone: 'Europe/Dublin', weekend: [] });
    expect(businessTimeBetween(new Date('2026-03-29T00:00:00Z'), new Date('2026-03-29T23:00:00Z'), c)).toBe(23 * H);
    expect(businessTimeBetween(new Date('2026-10-24T23:00:00Z'), new Date('2026-10-26T00:00:00Z'), c)).toBe(25 * H);
  });
  it('America/Los_Angeles: interval crossing the 02:00 gap (01:00–04:00) is 2 real hours on 2026-03-08', () => {
    const c = compileCalendar({ timeZone: 'America/Los_Angeles', week: { sun: [{ start: '01:00', end: '04:00' }] } });
    expect(businessTimeBetween(new Date('2026-03-08T00:00:00Z'), new Date('2026-03-09T00:00:00Z'), c)).toBe(2 * H);
    // fall back 2026-11-01: 01:00–04:00 PDT→PST covers 4 real hours
    expect(businessTimeBetween(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-02T00:00:00Z'), c)).toBe(4 * H);
    // 01:00 PDT = 08:00Z; +3h business → 10:00Z... first hour 01:00-02:00 PDT then the gap; 03:00 PDT = 10:00Z; so +3h lands after the end → next Sunday
    expect(addBusinessTime(new Date('2026-03-08T09:00:00Z'), 1 * H, c).toISOString()).toBe('2026-03-08T10:00:00.000Z');
  });
  it('America/Los_Angeles business days around DST are unaffected', () => {
    const c = cal('America/Los_Angeles');
    // Fri 2026-03-06 16:00 PST (=Sat 00:00Z) + 2h → Mon 2026-03-09 10:00 PDT (=17:00Z)
    expect(addBusinessTime(new Date('2026-03-07T00:00:00Z'), 2 * H, c).toISOString()).toBe('2026-03-09T17:00:00.000Z');
    // Fri 2026-10-30 16:00 PDT (=23:00Z) + 2h → Mon 2026-11-02 10:00 PST (=18:00Z)
    expect(addBusinessTime(new Date('2026-10-30T23:00:00Z'), 2 * H, c).toISOString()).toBe('2026-11-02T18:00:00.000Z');
  });
  it('Asia/Singapore has no DST: every weekday is exactly 8h, UTC+8', () => {
    const c = cal('Asia/Singapore');
    expect(addBusinessTime(new Date('2026-03-27T08:00:00Z'), 2 * H, c).toISOString()).toBe('2026-03-30T02:00:00.000Z');
    expect(businessTimeBetween(new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'), c)).toBe(22 * 8 * H);
  });
});

describe('business days', () => {
  const ie = businessDayCalendar({ timeZone: 'Europe/Dublin', holidays: [{ date: '2026-12-25' }, { date: '2026-12-26' }, { date: '2026-12-28' }] });
  it('adds, measures and steps over weekends and holidays', () => {
    expect(nextBusinessDay('2026-12-24', ie)).toBe('2026-12-29');
    expect(addBusinessDays('2026-12-24', 3, ie)).toBe('2026-12-31');
    expect(addBusinessDays('2026-12-31', -3, ie)).toBe('2026-12-24');
    expect(addBusinessDays('2026-12-24', 0, ie)).toBe('2026-12-24');
    expect(businessDaysBetween('2026-12-24', '2026-12-31', ie)).toBe(3);
    expect(isBusinessDay(new Date('2026-12-25T12:00:00Z'), ie)).toBe(false);
  });
  it('15 business days (PSD2-style) across a month end', () => {
    const c = businessDayCalendar({ timeZone: 'Europe/Berlin' });
    expect(addBusinessDays('2026-01-23', 15, c)).toBe('2026-02-13');
  });
});

/**
 * Every worked example date of the compliance requirements (../shared/reference/compliance.md), as unit
 * tests of the deadline functions. "Example dates assume no holidays unless stated": those use a
 * weekends-only calendar; the holiday variants use the shipped country calendars.
 */
import { describe, expect, it } from 'vitest';
import { builtinRule } from '../builtin-rules.js';
import { computeDeadlines, type DeadlineInput } from '../compute-deadlines.js';
import { countryCalendar } from '../country-calendars.js';
import type { RuleDef } from '../rule-types.js';

const rule = (k: string): RuleDef => builtinRule(k)!;
const noHolidays = (c = 'IE') => countryCalendar(c, { holidays: false });
/** The instant a local date starts in the calendar's zone, at 10:00 (a typical receipt time). */
const at = (d: string, zone = 'Europe/Dublin', time = '10:00') => new Date(new Date(`${d}T${time}:00Z`).getTime() - offsetMs(d, zone));
function offsetMs(d: string, zone: string): number {
  const probe = new Date(`${d}T12:00:00Z`);
  const local = new Date(probe.toLocaleString('en-US', { timeZone: zone }));
  const utc = new Date(probe.toLocaleString('en-US', { timeZone: 'UTC' }));
  return local.getTime() - utc.getTime();
}
const due = (key: string, received: string, extra: Partial<DeadlineInput> = {}, cal = noHolidays(builtinRule(key)!.default_country)) =>
  computeDeadlines(rule(key), { receivedAt: at(received, cal.timeZone), ...extra }, cal);
const clock = (d: ReturnType<typeof due>, name: string) => d.clocks.find((c) => c.name === name)!.due_date;

describe('G1 — GDPR one month (Reg. 1182/71)', () => {
  it('received Wed 2025-03-05 → due Mon 2025-04-07 (5 Apr is a Saturday)', () => {
    expect(due('gdpr.dsr', '2025-03-05').due_date).toBe('2025-04-07');
  });
  it('received 2025-01-31 → due 2025-02-28 (no 31 February: last day of the month)', () => {
    expect(due('gdpr.dsr', '2025-01-31').due_date).toBe('2025-02-28');
  });
  it('leap year: received 2024-01-31 → due 2024-02-29', () => {
    expect(computeDeadlines(rule('gdpr.dsr'), { receivedAt: new Date('2024-01-31T10:00:00Z') }, noHolidays()).due_date).toBe('2024-02-29');
  });
  it('the deadline is the end of the due day in the calendar zone (DST: Dublin in summer is UTC+1)', () => {
    expect(due('gdpr.dsr', '2025-03-05').due_at.toISOString()).toBe('2025-04-07T23:00:00.000Z');
    // received Fri 2025-09-26 (summer time); 10-26 is the DST change and a Sunday → Mon 10-27, ending at 24:00 winter time (UTC+0)
    const d = due('gdpr.dsr', '2025-09-26');
    expect(d.due_date).toBe('2025-10-27');
    expect(d.due_at.toISOString()).toBe('2025-10-28T00:00:00.000Z');
  });
  it('with the shipped Irish holidays a bank-holiday due date moves on (2025-04-21 Easter Monday → 04-22)', () => {
    expect(due('gdpr.dsr', '2025-03-21', {}, countryCalendar('IE')).due_date).toBe('2025-04-22');
  });
});

describe('G2 — one extension of up to two months', () => {
  it('03-05 → final due 06-05', () => {
    const d = due('gdpr.dsr', '2025-03-05', { extendedAt: at('2025-03-20') });
    expect(d.due_date).toBe('2025-06-05');
    expect(d.original_due_at.toISOString()).toBe('2025-04-07T23:00:00.000Z');
  });
});

describe('G17 — breach notification within 72 hours', () => {
  it('aware 2025-03-03T10:00Z → due 2025-03-06T10:00Z', () => {
    const d = computeDeadlines(rule('gdpr.breach'), { receivedAt: new Date('2025-03-03T10:00:00Z') }, noHolidays());
    expect(d.due_at.toISOString()).toBe('2025-03-06T10:00:00.000Z');
  });
});

describe('P1 — PSD2 complaint: 15 business days, 35 with a holding reply', () => {
  it('received Mon 2025-03-03 → due 03-24', () => {
    expect(due('psd2.complaint', '2025-03-03').due_date).toBe('2025-03-24');
  });
  it('with a holding reply → final by 04-21', () => {
    expect(due('psd2.complaint', '2025-03-03', { holdingReplyAt: at('2025-03-20') }).due_date).toBe('2025-04-21');
  });
  it('with a holding reply and 18 and 21 April as holidays → 04-23', () => {
    const cal = countryCalendar('IE', { holidays: false, overrides: [
      { country: 'IE', date: '2025-04-18', name: 'Good Friday', kind: 'add' },
      { country: 'IE', date: '2025-04-21', name: 'Easter Monday', kind: 'add' },
    ] });
    expect(due('psd2.complaint', '2025-03-03', { holdingReplyAt: at('2025-03-20') }, cal).due_date).toBe('2025-04-23');
  });
  it('the same through the shipped German calendar (Karfreitag 18 Apr, Ostermontag 21 Apr 2025) → 04-23', () => {
    expect(due('psd2.complaint', '2025-03-03', { holdingReplyAt: at('2025-03-20', 'Europe/Berlin') }, countryCalendar('DE')).due_date).toBe('2025-04-23');
  });
});

describe('P2 — unauthorised payment: refund by the end of the following business day', () => {
  it('reported Fri 2025-03-07 → by end of Mon 03-10', () => {
    const d = due('psd2.unauthorised_payment', '2025-03-07');
    expect(d.due_date).toBe('2025-03-10');
    expect(d.due_at.toISOString()).toBe('2025-03-11T00:00:00.000Z');
  });
});

describe('D3 — DSA appeal window ≥ 6 months from the day the user is informed', () => {
  it('an appeal on day 182 is accepted', () => {
    const informed = new Date('2025-01-01T12:00:00Z');
    const d = computeDeadlines(rule('dsa.appeal_window'), { receivedAt: informed, startAt: informed }, noHolidays());
    const day182 = new Date(informed.getTime() + 182 * 86_400_000);
    expect(day182 < d.due_at).toBe(true);
  });
  it('the window is never shorter than 6 calendar months, for any start date 2025–2027', () => {
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
      const informed = new Date(t + 12 * 3_600_000);
      const d = computeDeadlines(rule('dsa.appeal_window'), { receivedAt: informed, startAt: informed }, noHolidays());
      const sixMonths = new Date(informed);
      sixMonths.setUTCMonth(sixMonths.getUTCMonth() + 6);
      expect(d.due_at >= sixMonths, informed.toISOString()).toBe(true);
    }
  });
});

describe('D4 — out-of-court dispute: 90 days, 180 if complex', () => {
  it('2025-03-03 → 2025-06-01, extended → 2025-08-30', () => {
    expect(due('dsa.ods', '2025-03-03').due_date).toBe('2025-06-01');
    expect(due('dsa.ods', '2025-03-03', { extendedAt: at('2025-04-01') }).due_date).toBe('2025-08-30');
  });
});

describe('O1 — CCPA', () => {
  it('03-03 → confirm by 03-17, respond by 04-17, max 06-01', () => {
    const d = due('ccpa.request', '2025-03-03');
    expect(clock(d, 'confirm')).toBe('2025-03-17');
    expect(clock(d, 'respond')).toBe('2025-04-17');
    expect(d.extended_due_at).not.toBeNull();
    expect(due('ccpa.request', '2025-03-03', { extendedAt: at('2025-04-01', 'America/Los_Angeles') }).due_date).toBe('2025-06-01');
  });
});

describe('O2 — LGPD 15 days', () => {
  it('03-03 → 03-18', () => {
    expect(due('lgpd.request', '2025-03-03').due_date).toBe('2025-03-18');
  });
});

describe('O3 — UK GDPR: pause and resume shift due_at', () => {
  it('a 4-day clarification pause moves 2025-04-03 (received 03-03) to 2025-04-07', () => {
    expect(due('uk_gdpr.dsr', '2025-03-03').due_date).toBe('2025-04-03');
    expect(due('uk_gdpr.dsr', '2025-03-03', { pausedDays: 4 }).due_date).toBe('2025-04-07');
  });
});

describe('O4 — FCA final response within 8 weeks', () => {
  it('03-03 → 04-28', () => {
    expect(due('fca.complaint', '2025-03-03').due_date).toBe('2025-04-28');
  });
});

describe('O5 — Singapore PDPA: 30 days, reminder on day 25', () => {
  it('2025-03-03 → due 2025-04-02; the warning starts on day 25 (2025-03-28)', () => {
    const d = due('pdpa.access', '2025-03-03');
    expect(d.due_date).toBe('2025-04-02');
    expect(d.warn_at.toISOString()).toBe(new Date('2025-03-28T00:00:00+08:00').toISOString());
  });
});

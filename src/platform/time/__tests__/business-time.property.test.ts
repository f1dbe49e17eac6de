import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, compileCalendar, addBusinessDays, businessDaysBetween, businessDayCalendar, type WorkingInterval } from '../index.js';

const ZONES = ['Europe/Dublin', 'America/Los_Angeles', 'Asia/Singapore', 'UTC', 'Australia/Lord_Howe', 'America/Santiago'];
// instants around several DST transitions of 2026–2028
const T0 = Date.parse('2026-01-01T00:00:00Z');
const T1 = Date.parse('2028-12-31T00:00:00Z');

const arbInterval = fc
  .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 600 }))
  .map(([s, len]): [number, number] => [s, Math.min(1440, s + len)]);
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const arbDay = fc.array(arbInterval, { maxLength: 3 }).map((ivs) => {
  // make them disjoint: sort and drop overlapping ones
  const out: WorkingInterval[] = [];
  let end = -1;
  for (const [s, e] of ivs.sort((a, b) => a[0] - b[0])) {
    if (s >= end) {
      out.push({ start: hhmm(s), end: hhmm(e) });
      end = e;
    }
  }
  return out;
});
const arbCalendar = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    days: fc.array(arbDay, { minLength: 7, maxLength: 7 }),
    holidays: fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 10 }),
  })
  // At least six working hours a week: the largest amounts added below (60 days of business time) then fit well
  // inside the ten-year search horizon, where a sparser calendar rightly raises CALENDAR_NO_WORKING_TIME
  // (that error has its own example test).
  .filter((r) => r.days.flat().reduce((sum, iv) => sum + minutesOf(iv.end) - minutesOf(iv.start), 0) >= 360)
  .map((r) =>
    compileCalendar({
      timeZone: r.zone,
      week: { mon: r.days[0], tue: r.days[1], wed: r.days[2], thu: r.days[3], fri: r.days[4], sat: r.days[5], sun: r.days[6] },
      holidays: r.holidays.map((d) => ({ date: new Date(T0 + d * 86_400_000).toISOString().slice(0, 10), yearly: d % 3 === 0 })),
    }),
  );
const arbInstant = fc.integer({ min: T0, max: T1 }).map((t) => new Date(t));
const arbMs = fc.integer({ min: 0, max: 30 * 24 * 3_600_000 });

describe('business-time properties', () => {
  it('add then measure round-trips', () => {
    fc.assert(
      fc.property(arbCalendar, arbInstant, arbMs, (cal, start, ms) => {
        const end = addBusinessTime(start, ms, cal);
        expect(businessTimeBetween(start, end, cal)).toBe(ms);
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
      }),
      { numRuns: 300 },
    );
  });
  it('measure then add lands at or before the end (equal when the end is business time)', () => {
    fc.assert(
      fc.property(arbCalendar, arbInstant, fc.integer({ min: 0, max: 20 * 86_400_000 }), (cal, a, span) => {
        const b = new Date(a.getTime() + span);
        const m = businessTimeBetween(a, b, cal);
        expect(m).toBeGreaterThanOrEqual(0);
        expect(m).toBeLessThanOrEqual(span);
        const back = addBusinessTime(a, m, cal);
        expect(back.getTime()).toBeLessThanOrEqual(b.getTime());
        expect(businessTimeBetween(back, b, cal)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
  it('monotonic in the start and in the amount; additive', () => {
    fc.assert(
      fc.property(arbCalendar, arbInstant, arbMs, arbMs, fc.integer({ min: 0, max: 5 * 86_400_000 }), (cal, s, m1, m2, shift) => {
        const a = addBusinessTime(s, Math.min(m1, m2), cal).getTime();
        const b = addBusinessTime(s, Math.max(m1, m2), cal).getTime();
        expect(a).toBeLessThanOrEqual(b);
        const later = new Date(s.getTime() + shift);
        expect(addBusinessTime(later, m1, cal).getTime()).toBeGreaterThanOrEqual(addBusinessTime(s, m1, cal).getTime());
        // additivity: adding m1 then m2 equals adding m1 + m2
        expect(addBusinessTime(addBusinessTime(s, m1, cal), m2, cal).getTime()).toBe(addBusinessTime(s, m1 + m2, cal).getTime());
      }),
      { numRuns: 200 },
    );
  });
  it('businessTimeBetween is additive over a split point and antisymmetric', () => {
    fc.assert(
      fc.property(arbCalendar, arbInstant, arbInstant, arbInstant, (cal, a, b, c) => {
        const [x, y, z] = [a, b, c].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        expect(businessTimeBetween(x, z, cal)).toBe(businessTimeBetween(x, y, cal) + businessTimeBetween(y, z, cal));
        expect(businessTimeBetween(z, x, cal)).toBe(-businessTimeBetween(x, z, cal));
      }),
      { numRuns: 60 },
    );
  });
  it('DST-safe: a full-day calendar measures real elapsed time in every zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), arbInstant, fc.integer({ min: 0, max: 40 * 86_400_000 }), (zone, a, span) => {
        const cal = businessDayCalendar({ timeZone: zone, weekend: [] });
        expect(businessTimeBetween(a, new Date(a.getTime() + span), cal)).toBe(span);
        expect(addBusinessTime(a, span, cal).getTime()).toBe(a.getTime() + span);
      }),
      { numRuns: 150 },
    );
  });
  it('business days: add n then count gives n', () => {
    fc.assert(
      fc.property(arbCalendar, arbInstant, fc.integer({ min: -40, max: 40 }), (cal, at, n) => {
        const d = at.toISOString().slice(0, 10);
        const e = addBusinessDays(d, n, cal);
        expect(businessDaysBetween(d, e, cal)).toBe(n);
      }),
      { numRuns: 200 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { isBusinessDay, isValidLocalDate } from '../../../../platform/time/index.js';
import { COUNTRY_HOLIDAYS } from '../country-holidays.js';
import { countryCalendar, SUPPORTED_COUNTRIES } from '../country-calendars.js';

describe('shipped public holidays 2025–2027', () => {
  it('cover IE, DE, FR, GB, US-CA, BR and SG for each year with valid, unique dates', () => {
    for (const c of ['IE', 'DE', 'FR', 'GB', 'US-CA', 'BR', 'SG']) {
      expect(SUPPORTED_COUNTRIES).toContain(c);
      const days = COUNTRY_HOLIDAYS[c].map(([d]) => d);
      expect(new Set(days).size, c).toBe(days.length);
      for (const d of days) expect(isValidLocalDate(d), `${c} ${d}`).toBe(true);
      for (const y of ['2025', '2026', '2027']) expect(days.filter((d) => d.startsWith(y)).length, `${c} ${y}`).toBeGreaterThanOrEqual(8);
    }
  });
  it('spot checks against the official lists', () => {
    const off = (c: string, d: string) => !isBusinessDay(d, countryCalendar(c));
    expect(off('GB', '2026-12-28')).toBe(true); // Boxing Day substitute
    expect(off('IE', '2026-02-02')).toBe(true); // St Brigid's Day
    expect(off('DE', '2026-04-03')).toBe(true); // Karfreitag
    expect(off('FR', '2025-05-08')).toBe(true);
    expect(off('FR', '2025-04-18')).toBe(false); // no Good Friday in France (outside Alsace-Moselle)
    expect(off('US-CA', '2025-11-27')).toBe(true); // Thanksgiving
    expect(off('US-CA', '2026-03-31')).toBe(true); // Cesar Chavez Day
    expect(off('BR', '2025-11-20')).toBe(true); // Consciência Negra
    expect(off('SG', '2026-08-10')).toBe(true); // National Day observed
    expect(off('IE', '2025-03-18')).toBe(false);
  });
  it('workspace overrides add and remove days', () => {
    const cal = countryCalendar('IE', { overrides: [{ country: 'IE', date: '2025-03-17', name: '', kind: 'remove' }, { country: 'IE', date: '2025-03-18', name: 'Office closed', kind: 'add' }] });
    expect(isBusinessDay('2025-03-17', cal)).toBe(true);
    expect(isBusinessDay('2025-03-18', cal)).toBe(false);
  });
});

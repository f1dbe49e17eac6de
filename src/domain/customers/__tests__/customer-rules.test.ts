import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import { initialIdentities } from '../commands/create-customer.js';
import { normaliseIdentity } from '../customer.js';
import {
  diffFields, escapeLike, normaliseCountry, normaliseDomain, normaliseDomains, normaliseLocale, normaliseProfile, normaliseTier,
  normaliseTimeZone, phonePrefix,
} from '../customer.rules.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : `not an AppError: ${String(e)}`;
  }
  return undefined;
}

describe('normaliseLocale', () => {
  it('canonicalises BCP 47 tags', () => {
    expect(normaliseLocale('en-us')).toBe('en-US');
    expect(normaliseLocale('pt_BR')).toBe('pt-BR');
    expect(normaliseLocale(' zh-hant-tw ')).toBe('zh-Hant-TW');
    expect(normaliseLocale('de')).toBe('de');
  });
  it('refuses what is not a language tag', () => {
    for (const bad of ['english', 'x', 'en-', '12', 'en us', '']) expect(codeOf(() => normaliseLocale(bad)), bad).toBe('INVALID_LOCALE');
  });
});

describe('normaliseCountry', () => {
  it('upper-cases assigned ISO 3166-1 alpha-2 codes', () => {
    expect(normaliseCountry('de')).toBe('DE');
    expect(normaliseCountry(' BR ')).toBe('BR');
  });
  it('refuses unassigned and non-country codes', () => {
    for (const bad of ['XX', 'ZZ', 'EU', 'UK', 'DEU', 'D', '']) expect(codeOf(() => normaliseCountry(bad)), bad).toBe('INVALID_COUNTRY');
  });
});

describe('normaliseTimeZone', () => {
  it('accepts IANA names in any case and returns the canonical spelling', () => {
    expect(normaliseTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(normaliseTimeZone('America/New_York')).toBe('America/New_York');
    expect(normaliseTimeZone('UTC')).toBe('UTC');
  });
  it('refuses unknown zones and raw offsets', () => {
    for (const bad of ['Mars/Olympus_Mons', '+01:00', 'GMT+1 ', 'Europe/Berlin; DROP', '']) {
      expect(codeOf(() => normaliseTimeZone(bad)), bad).toBe('INVALID_TIME_ZONE');
    }
  });
});

describe('normaliseDomain', () => {
  it('lower-cases, strips @ and trailing dot, converts IDNs to punycode', () => {
    expect(normaliseDomain('Acme.COM')).toBe('acme.com');
    expect(normaliseDomain('@mail.acme.io.')).toBe('mail.acme.io');
    expect(normaliseDomain('Bücher.de')).toBe('xn--bcher-kva.de');
  });
  it('refuses things that are not host names', () => {
    for (const bad of ['localhost', 'acme', '-acme.com', 'acme-.com', 'a..com', 'acme.com/path', 'http://acme.com', 'acme.c0m', '1.2.3.4', 'ac me.com', '']) {
      expect(codeOf(() => normaliseDomain(bad)), bad).toBe('INVALID_DOMAIN');
    }
  });
  it('de-duplicates lists after normalising', () => {
    expect(normaliseDomains(['acme.com', 'ACME.com', 'acme.io'])).toEqual(['acme.com', 'acme.io']);
    expect(codeOf(() => normaliseDomains(Array.from({ length: 51 }, (_, i) => `d${i}.com`)))).toBe('TOO_MANY_DOMAINS');
  });
});

describe('normaliseIdentity', () => {
  it('lower-cases emails and strips phone punctuation', () => {
    expect(normaliseIdentity('email', ' Jo.Doe@Example.COM ')).toBe('jo.doe@example.com');
    expect(normaliseIdentity('phone', '+49 (30) 123-456.78')).toBe('+493012345678');
    expect(normaliseIdentity('external_id', '  CRM-42 ')).toBe('CRM-42');
  });
  it('refuses malformed values with a kind-specific code', () => {
    expect(codeOf(() => normaliseIdentity('email', 'jo@'))).toBe('INVALID_EMAIL');
    expect(codeOf(() => normaliseIdentity('phone', 'call me'))).toBe('INVALID_PHONE');
    expect(codeOf(() => normaliseIdentity('external_id', '   '))).toBe('INVALID_EXTERNAL_ID');
  });
});

describe('initialIdentities', () => {
  it('normalises, de-duplicates and marks the first of each kind primary', () => {
    const ids = initialIdentities({ email: 'A@x.test', emails: ['a@X.test', 'b@x.test'], phone: '+1 555 0100', external_id: 'e1' });
    expect(ids).toEqual([
      { kind: 'email', value: 'a@x.test', isPrimary: true },
      { kind: 'email', value: 'b@x.test', isPrimary: false },
      { kind: 'phone', value: '+15550100', isPrimary: true },
      { kind: 'external_id', value: 'e1', isPrimary: true },
    ]);
  });
  it('needs at least one identity', () => {
    expect(codeOf(() => initialIdentities({}))).toBe('IDENTITY_REQUIRED');
  });
});

describe('normaliseProfile', () => {
  it('keeps absent keys absent and turns blanks into null', () => {
    expect(normaliseProfile({ country: 'fr' })).toEqual({ country: 'FR' });
    expect(normaliseProfile({ locale: '', time_zone: null, tier: ' VIP ' })).toEqual({ locale: null, time_zone: null, tier: 'vip' });
    expect(codeOf(() => normaliseProfile({ tier: 'gold star' }))).toBe('INVALID_TIER');
    expect(codeOf(() => normaliseProfile({ name: '   ' }))).toBe('INVALID_NAME');
    expect(codeOf(() => normaliseProfile({ notes: 'x'.repeat(10_001) }))).toBe('NOTES_TOO_LONG');
    expect(normaliseTier('Enterprise')).toBe('enterprise');
  });
});

describe('diffFields', () => {
  it('lists changed fields and keeps private values out of from/to', () => {
    const cur = { name: 'Old Name', country: 'DE', tier: 'standard', notes: 'secret' };
    const d = diffFields(cur, { name: 'New Name', country: 'FR', tier: 'standard', notes: 'other secret' });
    expect(d.changed.sort()).toEqual(['country', 'name', 'notes']);
    expect(d.from).toEqual({ country: 'DE' });
    expect(d.to).toEqual({ country: 'FR' });
    expect(diffFields(cur, { tier: 'standard' }).changed).toEqual([]);
  });
});

describe('search helpers', () => {
  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
  it('recognises phone-ish prefixes', () => {
    expect(phonePrefix('+49 30')).toBe('4930');
    expect(phonePrefix('(030) 12')).toBe('03012');
    expect(phonePrefix('12')).toBeNull();
    expect(phonePrefix('anna')).toBeNull();
  });
});

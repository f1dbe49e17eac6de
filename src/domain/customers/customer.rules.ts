import { invalid } from '../../platform/errors.js';
import { COUNTRY_CODES } from './countries.js';

/**
 * Pure normalisers for the customer and organisation profile. Each returns the canonical form or
 * throws a validation AppError with a stable code; `null` clears the field.
 */

/** BCP 47 language tag, canonical casing (`en-us` → `en-US`, `pt_BR` → `pt-BR`). */
export function normaliseLocale(value: string): string {
  const raw = value.trim().replace(/_/g, '-');
  let tag: string | undefined;
  try {
    tag = raw.length <= 35 ? Intl.getCanonicalLocales(raw)[0] : undefined;
  } catch {
    tag = undefined;
  }
  // Primary language subtags are 2–3 letters in practice (ISO 639); 4–8 letter ones are reserved/unused.
  if (!tag || !/^[a-z]{2,3}(-|$)/.test(tag)) {
    throw invalid('INVALID_LOCALE', `"${value}" is not a BCP 47 language tag (e.g. en, en-GB, pt-BR)`);
  }
  return tag;
}

/** ISO 3166-1 alpha-2, upper case (`de` → `DE`). */
export function normaliseCountry(value: string): string {
  const c = value.trim().toUpperCase();
  if (!COUNTRY_CODES.has(c)) throw invalid('INVALID_COUNTRY', `"${value}" is not an ISO 3166-1 alpha-2 country code (e.g. DE, US)`);
  return c;
}

/** IANA time zone name in its canonical spelling (`europe/berlin` → `Europe/Berlin`). Offsets are refused. */
export function normaliseTimeZone(value: string): string {
  const v = value.trim();
  const bad = () => invalid('INVALID_TIME_ZONE', `"${value}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`);
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(v)) throw bad();
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: v }).resolvedOptions().timeZone;
  } catch {
    throw bad();
  }
}

/** Service tier label: lower-case slug, 1–32 characters (`standard`, `vip`, `enterprise`…). */
export function normaliseTier(value: string): string {
  const t = value.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9_-]{0,31}$/.test(t)) throw invalid('INVALID_TIER', 'A tier is 1–32 characters: letters, digits, - and _');
  return t;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A domain name, lower case, IDNs in punycode (`Bücher.DE` → `xn--bcher-kva.de`). Needs a dot and a letter TLD. */
export function normaliseDomain(value: string): string {
  const raw = value.trim().replace(/^@/, '').replace(/\.$/, '').toLowerCase();
  const bad = () => invalid('INVALID_DOMAIN', `"${value}" is not a domain name (e.g. example.com)`);
  if (!raw || raw.length > 253 || !/^[\p{L}\p{N}.-]+$/u.test(raw)) throw bad();
  let ascii: string;
  try {
    ascii = new URL(`http://${raw}`).hostname;
  } catch {
    throw bad();
  }
  const labels = ascii.split('.');
  if (ascii.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels[labels.length - 1])) {
    throw bad();
  }
  return ascii;
}

export const MAX_DOMAINS = 50;

/** Normalise, de-duplicate, keep order. */
export function normaliseDomains(values: string[]): string[] {
  if (values.length > MAX_DOMAINS) throw invalid('TOO_MANY_DOMAINS', `An organisation can have at most ${MAX_DOMAINS} domains`);
  return [...new Set(values.map(normaliseDomain))];
}

export function normaliseName(value: string, code: string, what: string, max = 200): string {
  const n = value.trim().replace(/\s+/g, ' ');
  if (!n || n.length > max) throw invalid(code, `${what} must be 1–${max} characters`);
  return n;
}

/** Escape `%`, `_` and `\` for a LIKE pattern (used with ESCAPE '\'). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Digits of a phone-ish search term (`+49 30 12` → `493012`), or null if it is not one. */
export function phonePrefix(q: string): string | null {
  const d = q.trim().replace(/[\s().-]/g, '').replace(/^\+/, '');
  return /^\d{3,17}$/.test(d) ? d : null;
}

export function normaliseExternalId(v: string): string {
  const t = v.trim();
  if (!t || t.length > 200) throw invalid('INVALID_EXTERNAL_ID', 'External ids are 1–200 characters');
  return t;
}

export const MAX_NOTES = 10_000;

export function normaliseNotes(notes: string): string {
  if (notes.length > MAX_NOTES) throw invalid('NOTES_TOO_LONG', `Notes are limited to ${MAX_NOTES} characters`);
  return notes.trim();
}

export interface ProfileInput {
  name?: string;
  locale?: string | null;
  country?: string | null;
  time_zone?: string | null;
  tier?: string;
  notes?: string;
}

/**
 * Normalise the given profile fields; keys left undefined stay absent. Blank strings clear the
 * nullable fields (locale, country, time zone).
 */
export function normaliseProfile(p: ProfileInput): ProfileInput {
  const out: ProfileInput = {};
  const nullable = (v: string | null, f: (s: string) => string) => (v === null || v.trim() === '' ? null : f(v));
  if (p.name !== undefined) out.name = normaliseName(p.name, 'INVALID_NAME', 'A customer name');
  if (p.locale !== undefined) out.locale = nullable(p.locale, normaliseLocale);
  if (p.country !== undefined) out.country = nullable(p.country, normaliseCountry);
  if (p.time_zone !== undefined) out.time_zone = nullable(p.time_zone, normaliseTimeZone);
  if (p.tier !== undefined) out.tier = normaliseTier(p.tier);
  if (p.notes !== undefined) out.notes = normaliseNotes(p.notes);
  return out;
}

/** Profile fields whose values are personal or free text: events record that they changed, not the values. */
export const PRIVATE_FIELDS: ReadonlySet<string> = new Set(['name', 'notes']);

/** The fields of `next` that differ from `cur`, as a change record safe to keep in the event log. */
export function diffFields<T extends object>(
  cur: T,
  next: Partial<T>,
  privateFields: ReadonlySet<string> = PRIVATE_FIELDS,
): { changed: string[]; from: Record<string, unknown>; to: Record<string, unknown> } {
  const changed: string[] = [];
  const from: Record<string, unknown> = {};
  const to: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next) as Array<[keyof T & string, unknown]>) {
    if (v === undefined || JSON.stringify(v) === JSON.stringify(cur[k])) continue;
    changed.push(k);
    if (!privateFields.has(k)) {
      from[k] = cur[k];
      to[k] = v;
    }
  }
  return { changed, from, to };
}

/**
 * Pure text redaction: finds payment card numbers (Luhn-checked), IBANs (mod-97-checked), passwords in
 * "password: …" phrases and national identifiers, and replaces them with a fixed marker. No I/O, no business
 * words beyond the pattern names; callers choose which patterns apply (e.g. per brand).
 */
export type BuiltinPattern = 'card' | 'iban' | 'password' | 'us_ssn' | 'gb_nino' | 'br_cpf';

export const BUILTIN_PATTERNS: readonly BuiltinPattern[] = ['card', 'iban', 'password', 'us_ssn', 'gb_nino', 'br_cpf'];
/** What redactText applies when no pattern list is given. */
export const DEFAULT_PATTERNS: readonly BuiltinPattern[] = ['card', 'iban', 'password', 'us_ssn', 'gb_nino', 'br_cpf'];

/** A caller-defined pattern (e.g. configured per brand): a regular expression source, matched globally. */
export interface CustomPattern {
  name: string;
  regex: string;
  flags?: string;
}

export type PatternSpec = BuiltinPattern | CustomPattern;

export interface Finding {
  /** Pattern name (builtin name or the custom pattern's name). */
  kind: string;
  /** Offsets in the ORIGINAL text. */
  start: number;
  end: number;
  /** Last four characters of the match (cards/IBANs) for the audit trail; never the full value. */
  hint: string | null;
}

export interface RedactionResult {
  text: string;
  findings: Finding[];
}

export const REDACTION_MARK = (kind: string) => `[redacted:${kind}]`;

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** IBAN lengths of the countries most seen in support (others: 15–34). */
const IBAN_LENGTH: Record<string, number> = {
  AT: 20, BE: 16, BR: 29, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GR: 27, HR: 21,
  HU: 28, IE: 22, IT: 27, LT: 20, LU: 20, LV: 21, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24,
};

export function ibanValid(raw: string): boolean {
  const s = raw.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const expected = IBAN_LENGTH[s.slice(0, 2)];
  if (expected !== undefined && s.length !== expected) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const c of v) rem = (rem * 10 + (c.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

export function cpfValid(raw: string): boolean {
  const d = raw.replace(/\D/g, '');
  if (d.length !== 11 || /^(\d)\1{10}$/.test(d)) return false;
  const check = (len: number) => {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += Number(d[i]) * (len + 1 - i);
    const r = (sum * 10) % 11;
    return r === 10 ? 0 : r;
  };
  return check(9) === Number(d[9]) && check(10) === Number(d[10]);
}

/** Length of the longest prefix of `m` that is a valid IBAN ending at a word boundary (0 = none). */
function ibanPrefix(m: string): number {
  for (let len = m.length; len >= 15; len--) {
    if (m[len - 1] === ' ') continue;
    if (len < m.length && /[A-Z0-9]/i.test(m[len]) && m[len - 1] !== ' ' && m[len] !== ' ') continue;
    if (ibanValid(m.slice(0, len))) return len;
  }
  return 0;
}

interface Matcher {
  kind: string;
  re: RegExp;
  /** Which capture group to redact (0 = whole match). */
  group?: number;
  accept?: (m: string) => boolean;
  /** Longest accepted prefix length of the match (0 = reject); for patterns whose regex may over-reach. */
  fit?: (m: string) => number;
  hint?: boolean;
}

const BUILTIN: Record<BuiltinPattern, Matcher> = {
  // 13–19 digits, optionally grouped by single spaces or dashes; not part of a longer digit run.
  card: { kind: 'card', re: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g, accept: (m) => luhnValid(m.replace(/\D/g, '')), hint: true },
  iban: { kind: 'iban', re: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}/gi, fit: ibanPrefix, hint: true },
  // "password: hunter2", "pwd = x", "passcode is x", "Passwort: x", "mot de passe : x", "senha: x", "contraseña: x"
  password: {
    kind: 'password',
    re: /\b(?:password|passwd|pwd|passcode|pass ?phrase|passwort|kennwort|mot de passe|senha|contraseña|pin)\b(?:\s*[:=]\s*|\s+(?:is|ist|est|é|es)\s+)("[^"]+"|'[^']+'|\S+)/giu,
    group: 1,
  },
  us_ssn: { kind: 'us_ssn', re: /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g },
  gb_nino: { kind: 'gb_nino', re: /\b(?![DFIQUV])[A-CEGHJ-PR-TW-Z](?![DFIOQUV])[A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g },
  br_cpf: { kind: 'br_cpf', re: /\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b/g, accept: cpfValid },
};

function matcherOf(p: PatternSpec): Matcher {
  if (typeof p === 'string') {
    const m = BUILTIN[p];
    if (!m) throw new Error(`Unknown redaction pattern "${p}"`);
    return m;
  }
  const flags = new Set([...(p.flags ?? ''), 'g']);
  return { kind: p.name, re: new RegExp(p.regex, [...flags].join('')) };
}

/** Throws if a custom pattern's regex does not compile or matches the empty string (it would loop). */
export function validatePattern(p: PatternSpec): void {
  const m = matcherOf(p);
  if (new RegExp(m.re.source, m.re.flags.replace('g', '')).test('')) throw new Error(`Pattern "${m.kind}" matches the empty string`);
}

/**
 * Redact every match of the given patterns (default: {@link DEFAULT_PATTERNS}). Overlapping matches: the
 * earliest (then longest) wins. Returns the redacted text and what was found (offsets in the original text).
 */
export function redactText(text: string, patterns: readonly PatternSpec[] = DEFAULT_PATTERNS): RedactionResult {
  const found: Finding[] = [];
  for (const p of patterns) {
    const m = matcherOf(p);
    const re = new RegExp(m.re.source, m.re.flags.includes('d') ? m.re.flags : m.re.flags + 'd');
    for (const hit of text.matchAll(re)) {
      if (hit[0].length === 0) continue;
      const g = m.group ?? 0;
      const value = hit[g];
      if (value === undefined) continue;
      if (m.accept && !m.accept(value)) continue;
      const start = hit.indices![g]![0];
      const len = m.fit ? m.fit(value) : value.length;
      if (len === 0) continue;
      const end = start + len;
      if (m.fit && /\w/.test(text[end] ?? '') && /\w/.test(text[end - 1])) continue;
      const compact = value.slice(0, len).replace(/[\s-]/g, '');
      found.push({ kind: m.kind, start, end, hint: m.hint ? compact.slice(-4) : null });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  for (const f of found) if (!kept.length || f.start >= kept[kept.length - 1].end) kept.push(f);
  let out = '';
  let at = 0;
  for (const f of kept) {
    out += text.slice(at, f.start) + REDACTION_MARK(f.kind);
    at = f.end;
  }
  out += text.slice(at);
  return { text: out, findings: kept };
}

/** Mask an email for display: "jane.doe@example.com" → "j***@e***.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return email ? `${email[0]}***` : '';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local[0]}***@${domain[0] ?? ''}***${tld}`;
}

/** Mask a phone number for display, keeping the last two digits: "+353 87 123 4567" → "+*********67". */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 2) return '*'.repeat(digits.length);
  return `${phone.trim().startsWith('+') ? '+' : ''}${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

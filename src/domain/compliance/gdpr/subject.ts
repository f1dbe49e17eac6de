import { notFound } from '../../../platform/errors.js';
import type { Tx } from '../../../platform/db/index.js';
import { sha256 } from '../../../platform/ids.js';

/** Everything that identifies a person in free text: their emails, phones, external ids and name. */
export interface Subject {
  customerId: string;
  workspaceId: string;
  name: string;
  emails: string[];
  phones: string[];
  externalIds: string[];
}

export async function loadSubject(tx: Tx, workspaceId: string, customerId: string): Promise<Subject> {
  const c = await tx.maybeOne<{ name: string }>('SELECT name FROM customers WHERE id = $1 AND workspace_id = $2', [customerId, workspaceId]);
  if (!c) throw notFound('CUSTOMER_NOT_FOUND', 'Customer');
  const ids = await tx.query<{ kind: string; value: string }>('SELECT kind, value FROM customer_identities WHERE customer_id = $1', [customerId]);
  return {
    customerId, workspaceId, name: c.name,
    emails: ids.filter((i) => i.kind === 'email').map((i) => i.value),
    phones: ids.filter((i) => i.kind === 'phone').map((i) => i.value),
    externalIds: ids.filter((i) => i.kind === 'external_id').map((i) => i.value),
  };
}

/** The strings to erase from free text (names shorter than 3 characters are too ambiguous to scrub). */
export function needlesOf(s: Subject): string[] {
  const out = [...s.emails, ...s.phones, ...s.externalIds];
  if (s.name.trim().length >= 3) out.push(s.name.trim());
  return [...new Set(out.filter(Boolean))].sort((a, b) => b.length - a.length);
}

/** Hashes kept in the tombstone: enough to recognise the person after a restore, not to recover them. */
export function subjectHashes(s: Subject): string[] {
  return [...s.emails.map((e) => `email:${e.toLowerCase()}`), ...s.phones.map((p) => `phone:${p}`), ...s.externalIds.map((x) => `external_id:${x}`)]
    .map((v) => sha256(v));
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One case-insensitive POSIX regex matching any of the needles (as they appear in text, and JSON-escaped). */
export function needleRegex(needles: readonly string[]): string | null {
  const forms = new Set<string>();
  for (const n of needles) {
    forms.add(escapeRegex(n));
    forms.add(escapeRegex(JSON.stringify(n).slice(1, -1)));
  }
  return forms.size ? [...forms].join('|') : null;
}

export const ERASED = '[erased]';

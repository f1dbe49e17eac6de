/** Small display helpers shared by the screens. Pure functions (unit-tested). */

const STATUS_LABEL: Record<string, string> = {
  new: 'New', open: 'Open', pending: 'Pending', on_hold: 'On hold', solved: 'Solved', closed: 'Closed',
};
export const statusLabel = (s: string): string => STATUS_LABEL[s] ?? s;
export const priorityLabel = (p: string): string => p.charAt(0).toUpperCase() + p.slice(1);

/** "10:32" today, "Mon 10:32" this week, "12 Mar" this year, "12 Mar 2024" otherwise. */
export function shortTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const hm = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const sameDay = d.toDateString() === now.toDateString();
  if (sameDay) return hm;
  const days = (now.getTime() - d.getTime()) / 86_400_000;
  if (days >= 0 && days < 6) return `${d.toLocaleDateString(undefined, { weekday: 'short' })} ${hm}`;
  if (d.getFullYear() === now.getFullYear()) return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

export const fullTime = (iso: string): string => new Date(iso).toLocaleString();

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A short, stable label for an id we cannot name (e.g. a customer the customers API does not return yet). */
export const shortId = (id: string): string => `…${id.slice(-6)}`;

/** How a requester is named in lists: the name, else the email, else a short id. */
export function requesterLabel(r: { id: string; name?: string | null; email?: string | null }): string {
  return r.name?.trim() || r.email || `Customer ${shortId(r.id)}`;
}

const MARK_ONLY = /^(?:[^<>]|<mark>|<\/mark>)*$/;

/**
 * Search snippets come HTML-escaped with <mark> around matches. Render them as HTML only when the
 * string contains no tag other than <mark></mark> and no stray angle brackets; otherwise as text.
 */
export function isSafeSnippet(snippet: string): boolean {
  return MARK_ONLY.test(snippet);
}

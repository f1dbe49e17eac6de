/** Ticket numbers typed into search boxes. Pure functions (unit-tested). */

/** `#1234` → 1234, else null. Only the `#` form jumps from the global search; plain digits stay a search. */
export function hashTicketNumber(q: string): number | null {
  const m = /^#(\d{1,12})$/.exec(q.trim());
  return m ? Number(m[1]) : null;
}

/** `#1234` or `1234` → 1234, else null (the merge dialog takes either). */
export function ticketNumberOf(q: string): number | null {
  const m = /^#?\s*(\d{1,12})$/.exec(q.trim());
  return m ? Number(m[1]) : null;
}

/** The ticket to open straight away for a `#1234` query: the hit with exactly that number, if found. */
export function jumpTarget(q: string, hits: ReadonlyArray<{ ticket_id: string; number: number }>): string | null {
  const n = hashTicketNumber(q);
  if (n === null) return null;
  return hits.find((h) => h.number === n)?.ticket_id ?? null;
}

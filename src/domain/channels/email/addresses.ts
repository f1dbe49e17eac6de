/** Email address helpers: normalisation and plus-addressing (support+TOKEN@brand.example). */

export function normaliseAddress(a: string): string {
  return a.trim().replace(/^<|>$/g, '').toLowerCase();
}

/** "support+abc@x.test" → { base: "support@x.test", tag: "abc" }; no tag → tag null. */
export function splitPlus(address: string): { base: string; tag: string | null } {
  const a = normaliseAddress(address);
  const at = a.lastIndexOf('@');
  if (at < 1) return { base: a, tag: null };
  const local = a.slice(0, at);
  const plus = local.indexOf('+');
  if (plus < 0) return { base: a, tag: null };
  return { base: `${local.slice(0, plus)}${a.slice(at)}`, tag: local.slice(plus + 1) || null };
}

/** The plus address that routes replies to one ticket. */
export function plusAddress(base: string, token: string): string {
  const at = base.lastIndexOf('@');
  return `${base.slice(0, at)}+${token}${base.slice(at)}`;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1) || 'localhost';
}

/** Addresses that never get an automatic answer (mail loops). */
export function isNoReplyAddress(address: string): boolean {
  return /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?|noreply-[^@]*)(\+[^@]*)?@/i.test(address);
}

/** Strip angle brackets and whitespace from a Message-ID. */
export function cleanMessageId(id: string | undefined | null): string | null {
  if (!id) return null;
  const m = /<([^<>\s]+)>/.exec(id);
  const v = (m ? m[1] : id.trim()).slice(0, 995);
  return v.length ? v : null;
}

/** All Message-IDs in a References/In-Reply-To value (any number of <…> tokens). */
export function messageIdList(v: string | string[] | undefined | null): string[] {
  if (!v) return [];
  const joined = Array.isArray(v) ? v.join(' ') : v;
  const ids = [...joined.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]);
  if (ids.length === 0 && joined.trim()) ids.push(...joined.trim().split(/\s+/));
  return ids.map((i) => i.slice(0, 995));
}

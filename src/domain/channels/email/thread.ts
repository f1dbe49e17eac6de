import type { Tx } from '../../../platform/db/index.js';
import { splitPlus } from './addresses.js';
import { ticketOfToken, ticketsOfMessageIds } from './email.repo.js';
import type { ParsedEmail } from './parse-email.js';

export type ThreadMatch = 'token' | 'in_reply_to' | 'references' | 'subject';

export interface ThreadCandidate {
  ticketId: string;
  match: ThreadMatch;
}

/** "[#1234]" — the ticket reference our outgoing subjects carry. */
const SUBJECT_REF = /\[#(\d{1,12})\]/;

/**
 * Which ticket the mail refers to, strongest evidence first: our reply token (plus address) → In-Reply-To →
 * References (newest first) → a ticket reference in the subject. Whether the sender may join that ticket is
 * decided by the caller (never a stranger into another customer's case).
 */
export async function findThread(
  tx: Tx,
  workspaceId: string,
  mail: Pick<ParsedEmail, 'to' | 'cc' | 'deliveredTo' | 'inReplyTo' | 'references' | 'subject'>,
  envelopeTo: string[],
  mailboxAddresses: () => Promise<Set<string>>,
): Promise<ThreadCandidate | null> {
  let ours: Set<string> | null = null;
  for (const a of [...envelopeTo, ...mail.deliveredTo, ...mail.to, ...mail.cc]) {
    const { base, tag } = splitPlus(a);
    if (!tag || !/^t[0-9a-f]{20}$/.test(tag)) continue;
    ours ??= await mailboxAddresses();
    if (!ours.has(base)) continue;
    const ticketId = await ticketOfToken(tx, workspaceId, tag);
    if (ticketId) return { ticketId, match: 'token' };
  }
  const refs = [...mail.references].reverse();
  const byId = await ticketsOfMessageIds(tx, workspaceId, [...mail.inReplyTo, ...refs]);
  for (const id of mail.inReplyTo) if (byId.has(id)) return { ticketId: byId.get(id)!, match: 'in_reply_to' };
  for (const id of refs) if (byId.has(id)) return { ticketId: byId.get(id)!, match: 'references' };
  const m = SUBJECT_REF.exec(mail.subject);
  if (m) {
    const t = await tx.maybeOne<{ id: string }>('SELECT id FROM tickets WHERE workspace_id = $1 AND number = $2', [workspaceId, Number(m[1])]);
    if (t) return { ticketId: t.id, match: 'subject' };
  }
  return null;
}

/** Follow merge pointers to the ticket that lives on (at most a few hops). */
export async function followMerges(tx: Tx, ticketId: string): Promise<string> {
  let id = ticketId;
  for (let i = 0; i < 5; i++) {
    const r = await tx.maybeOne<{ merged_into_id: string | null }>('SELECT merged_into_id FROM tickets WHERE id = $1', [id]);
    if (!r?.merged_into_id) return id;
    id = r.merged_into_id;
  }
  return id;
}

/** Our outbound Message-IDs (sb.<email id>@domain) quoted inside a bounce's returned headers. */
export function bouncedMessageIds(raw: Buffer): string[] {
  const s = raw.subarray(0, 512 * 1024).toString('latin1');
  return [...new Set([...s.matchAll(/<(sb\.eml_[0-9a-z]{26}@[^<>\s]+)>/gi)].map((m) => m[1].toLowerCase()))].slice(0, 10);
}

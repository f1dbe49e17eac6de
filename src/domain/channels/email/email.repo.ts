import { randomBytes } from 'node:crypto';
import type { Queryable, Tx } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { eventCtes, eventRows, type EventToAppend } from '../../../platform/events/index.js';
import { splitPlus } from './addresses.js';
import type { Classification } from './classify.js';

/** A support address Switchboard receives mail for, with its brand's mail settings. */
export interface Mailbox {
  brand_id: string;
  workspace_id: string;
  brand_name: string;
  address: string;
  support_email: string;
  from_name: string | null;
  smtp_url: string | null;
  auto_acknowledge: boolean;
}

const MAILBOX_SQL = `
  SELECT b.id AS brand_id, b.workspace_id, b.name AS brand_name, lower(b.support_email) AS support_email,
         s.from_name, s.smtp_url, coalesce(s.auto_acknowledge, true) AS auto_acknowledge, coalesce(s.aliases, '{}') AS aliases
    FROM brands b LEFT JOIN email_brand_settings s ON s.brand_id = b.id
   WHERE b.support_email IS NOT NULL AND (lower(b.support_email) = ANY($1::text[]) OR s.aliases && $1::text[])
   ORDER BY b.created_at, b.id`;

/**
 * Mailbox lookups are cached per database handle for a few seconds (every mail asks twice: at RCPT TO and when
 * it is imported). Settings changes in this process clear the cache; a brand's support address changed
 * elsewhere (another process, the brands API) is seen within MAILBOX_CACHE_MS.
 */
export const MAILBOX_CACHE_MS = 5_000;
let mailboxCache = new WeakMap<object, Map<string, { at: number; rows: Array<Omit<Mailbox, 'address'> & { aliases: string[] }> }>>();

/** Forget every cached mailbox lookup (after a settings change). */
export function clearMailboxCache(): void {
  mailboxCache = new WeakMap();
}

async function mailboxRows(db: Queryable, bases: string[]) {
  const key = bases.join(' ');
  let byKey = mailboxCache.get(db);
  if (!byKey) mailboxCache.set(db, (byKey = new Map()));
  const hit = byKey.get(key);
  // Wall time on purpose: this is a cache lifetime, not domain time.
  const now = performance.now();
  if (hit && now - hit.at < MAILBOX_CACHE_MS) return hit.rows;
  const rows = await db.query<Omit<Mailbox, 'address'> & { aliases: string[] }>(MAILBOX_SQL, [bases]);
  if (byKey.size > 1000) byKey.clear();
  byKey.set(key, { at: now, rows });
  return rows;
}

/** The first of the candidate addresses (in order; plus tags ignored) that is one of our support addresses. */
export async function findMailbox(db: Queryable, candidates: string[]): Promise<Mailbox | null> {
  const bases = [...new Set(candidates.map((c) => splitPlus(c).base))];
  if (bases.length === 0) return null;
  const rows = await mailboxRows(db, bases);
  for (const base of bases) {
    const hit = rows.find((r) => r.support_email === base || r.aliases.includes(base));
    if (hit) {
      const { aliases: _a, ...m } = hit;
      return { ...m, address: base };
    }
  }
  return null;
}

/** The mailbox (brand settings) of a brand, by id. */
export async function mailboxOfBrand(db: Queryable, brandId: string): Promise<Mailbox | null> {
  const r = await db.maybeOne<Omit<Mailbox, 'address'>>(
    `SELECT b.id AS brand_id, b.workspace_id, b.name AS brand_name, lower(b.support_email) AS support_email,
            s.from_name, s.smtp_url, coalesce(s.auto_acknowledge, true) AS auto_acknowledge
       FROM brands b LEFT JOIN email_brand_settings s ON s.brand_id = b.id WHERE b.id = $1`,
    [brandId],
  );
  return r ? { ...r, address: r.support_email } : null;
}

/** The ticket's reply token, created on first use (random, so a token cannot be guessed from a ticket number). */
export async function replyTokenFor(tx: Tx, workspaceId: string, ticketId: string, now: Date): Promise<string> {
  const token = `t${randomBytes(10).toString('hex')}`;
  const row = await tx.one<{ token: string }>(
    `WITH ins AS (
       INSERT INTO email_reply_tokens (token, ticket_id, workspace_id, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (ticket_id) DO NOTHING RETURNING token
     )
     SELECT token FROM ins UNION ALL SELECT token FROM email_reply_tokens WHERE ticket_id = $2 LIMIT 1`,
    [token, ticketId, workspaceId, now],
  );
  return row.token;
}

export async function ticketOfToken(db: Queryable, workspaceId: string, token: string): Promise<string | null> {
  const r = await db.maybeOne<{ ticket_id: string }>('SELECT ticket_id FROM email_reply_tokens WHERE token = $1 AND workspace_id = $2', [token, workspaceId]);
  return r?.ticket_id ?? null;
}

export interface EmailRow {
  id: string;
  workspace_id: string;
  direction: 'inbound' | 'outbound';
  kind: 'reply' | 'acknowledgement' | 'inbound';
  ticket_id: string | null;
  message_id: string | null;
  rfc_message_id: string;
  in_reply_to: string | null;
  refs: string[];
  from_address: string | null;
  to_addresses: string[];
  cc_addresses: string[];
  subject: string;
  classification: Classification;
  thread_match: string | null;
  raw_sha256: string | null;
  raw_size: number | null;
  status: 'received' | 'queued' | 'sending' | 'sent' | 'retrying' | 'failed' | 'suppressed';
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | null;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const EMAIL_COLUMNS = `id, workspace_id, direction, kind, ticket_id, message_id, rfc_message_id, in_reply_to, refs, from_address,
  to_addresses, cc_addresses, subject, classification, thread_match, raw_sha256, raw_size, status, attempts, last_error,
  next_attempt_at, sent_at, created_at, updated_at`;

export type NewEmailRow = Pick<EmailRow, 'workspace_id' | 'direction' | 'kind' | 'rfc_message_id' | 'subject' | 'status'> &
  Partial<Omit<EmailRow, 'created_at' | 'updated_at'>>;

/** Insert an email row; null when the unique key (inbound Message-ID, or outbound message+kind) already exists. */
export async function insertEmail(tx: Tx, e: NewEmailRow, now: Date): Promise<EmailRow | null> {
  const row = await tx.maybeOne<EmailRow>(
    `INSERT INTO email_messages (id, workspace_id, direction, kind, ticket_id, message_id, rfc_message_id, in_reply_to, refs, from_address,
       to_addresses, cc_addresses, subject, classification, thread_match, raw_sha256, raw_size, status, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$19)
     ON CONFLICT DO NOTHING RETURNING ${EMAIL_COLUMNS}`,
    [
      e.id ?? newId('eml', now), e.workspace_id, e.direction, e.kind, e.ticket_id ?? null, e.message_id ?? null, e.rfc_message_id,
      e.in_reply_to ?? null, e.refs ?? [], e.from_address ?? null, e.to_addresses ?? [], e.cc_addresses ?? [], e.subject,
      e.classification ?? 'normal', e.thread_match ?? null, e.raw_sha256 ?? null, e.raw_size ?? null, e.status, now,
    ],
  );
  return row ?? null;
}

export async function updateEmail(tx: Queryable, id: string, changes: Partial<EmailRow>, now: Date): Promise<EmailRow> {
  const keys = Object.keys(changes) as Array<keyof EmailRow>;
  const sets = keys.map((k, i) => `${k} = $${i + 3}`);
  return tx.one<EmailRow>(
    `UPDATE email_messages SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1 RETURNING ${EMAIL_COLUMNS}`,
    [id, now, ...keys.map((k) => changes[k])],
  );
}

export async function loadEmail(db: Queryable, id: string): Promise<EmailRow | null> {
  return (await db.maybeOne<EmailRow>(`SELECT ${EMAIL_COLUMNS} FROM email_messages WHERE id = $1`, [id])) ?? null;
}

/** Tickets of stored Message-IDs (any direction) in the workspace. */
export async function ticketsOfMessageIds(db: Queryable, workspaceId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ rfc_message_id: string; ticket_id: string }>(
    `SELECT rfc_message_id, ticket_id FROM email_messages
      WHERE workspace_id = $1 AND rfc_message_id = ANY($2::text[]) AND ticket_id IS NOT NULL ORDER BY created_at`,
    [workspaceId, ids.slice(0, 200)],
  );
  return new Map(rows.map((r) => [r.rfc_message_id, r.ticket_id]));
}

/** The email thread of a ticket, oldest first. */
export async function emailsOfTicket(db: Queryable, ticketId: string): Promise<EmailRow[]> {
  return db.query<EmailRow>(`SELECT ${EMAIL_COLUMNS} FROM email_messages WHERE ticket_id = $1 ORDER BY created_at, id`, [ticketId]);
}

/**
 * The last step of an inbound mail, in ONE statement: link the email row to its ticket and message, make
 * sure the ticket has a reply token, and append the `email.received` event (with its deliveries).
 */
export async function finishInbound(
  tx: Tx,
  e: { emailId: string; workspaceId: string; ticketId: string; messageId: string; threadMatch: string; now: Date },
  events: EventToAppend[],
): Promise<void> {
  await tx.query(
    `WITH tok AS (
       INSERT INTO email_reply_tokens (token, ticket_id, workspace_id, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (ticket_id) DO NOTHING RETURNING token
     ), upd AS (
       UPDATE email_messages SET ticket_id = $2, message_id = $5, thread_match = $6, updated_at = $4 WHERE id = $7 RETURNING id
     ), ${eventCtes('$8::jsonb')}
     SELECT (SELECT count(*) FROM upd) AS n, (SELECT count(*) FROM tok) AS t, (SELECT count(*) FROM _ev) AS ev`,
    [`t${randomBytes(10).toString('hex')}`, e.ticketId, e.workspaceId, e.now, e.messageId, e.threadMatch, e.emailId, eventRows(events).json],
  );
}

/** The customer who owns an email address in the workspace (null: nobody yet). */
export async function customerOfAddress(db: Queryable, workspaceId: string, address: string): Promise<string | null> {
  const r = await db.maybeOne<{ customer_id: string }>(
    `SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND kind = 'email' AND value = $2`, [workspaceId, address]);
  return r?.customer_id ?? null;
}

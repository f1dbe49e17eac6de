import type { Db } from '../../../platform/db/index.js';
import type { Clock } from '../../../platform/clock.js';
import type { FileStore } from '../../../platform/files.js';
import { newId } from '../../../platform/ids.js';
import { sendMail, type OutgoingMail } from '../../../platform/mail/smtp-outbound.js';
import { recordChange, systemActor, type Ctx } from '../../kernel/index.js';
import { isNoReplyAddress } from './addresses.js';
import { composeMail, outboundMessageId } from './compose.js';
import { insertEmail, loadEmail, mailboxOfBrand, replyTokenFor, updateEmail, type EmailRow } from './email.repo.js';

export interface OutboundDeps {
  db: Db;
  files: FileStore;
  clock: Clock;
  /** SMTP relay used when the brand has none (SMTP_OUTBOUND_URL). */
  defaultSmtpUrl: string | null;
  /** Replaceable for tests of the retry path; defaults to nodemailer over SMTP. */
  send?: (url: string, mail: OutgoingMail) => Promise<{ response: string }>;
}

/** The same number as the event dispatcher's: after this many failed attempts a mail is given up. */
export const MAX_SEND_ATTEMPTS = 8;
/** At most this many acknowledgements to one address per hour (two auto-responders must not ping-pong). */
const ACK_LIMIT_PER_HOUR = 3;

interface TicketRow {
  id: string; number: number; subject: string; language: string | null; brand_id: string; workspace_id: string;
  requester_id: string; channel: string; status: string;
}

async function loadTicketRow(db: Db, id: string): Promise<TicketRow | undefined> {
  return db.maybeOne<TicketRow>('SELECT id, number, subject, language, brand_id, workspace_id, requester_id, channel, status FROM tickets WHERE id = $1', [id]);
}

/**
 * Whether the customer expects answers by email: an email ticket, a ticket that ever received mail, or a web
 * form request (channel 'web' created by the customer, not by an agent in the web app). Chat tickets are
 * answered in the chat.
 */
async function answersByEmail(db: Db, t: TicketRow): Promise<boolean> {
  if (t.channel === 'email') return true;
  const r = await db.one<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM email_messages WHERE ticket_id = $1 AND direction = 'inbound')
         OR ($2 = 'web' AND EXISTS (SELECT 1 FROM events WHERE ticket_id = $1 AND name = 'ticket.created' AND actor_type <> 'user')) AS ok`,
    [t.id, t.channel],
  );
  return r.ok;
}

/** Where mail to the ticket's customer goes: the address they last wrote from, else their primary email. */
async function recipientOf(db: Db, t: TicketRow): Promise<string | null> {
  const r = await db.maybeOne<{ a: string }>(
    `SELECT a FROM (
       (SELECT from_address AS a, 0 AS o FROM email_messages WHERE ticket_id = $1 AND direction = 'inbound' AND classification = 'normal'
         AND from_address IN (SELECT value FROM customer_identities WHERE customer_id = $2 AND kind = 'email') ORDER BY created_at DESC LIMIT 1)
       UNION ALL
       (SELECT value, 1 FROM customer_identities WHERE customer_id = $2 AND kind = 'email' ORDER BY is_primary DESC, created_at LIMIT 1)
     ) x ORDER BY o LIMIT 1`,
    [t.id, t.requester_id],
  );
  return r?.a ?? null;
}

/**
 * Queue (idempotently: one row per message and kind) the mail for an agent's public reply or a new ticket's
 * acknowledgement. Returns null when no mail is due (not an email ticket, loop protection, no recipient).
 */
export async function queueOutbound(deps: OutboundDeps, input: { kind: 'reply' | 'acknowledgement'; ticketId: string; messageId: string }): Promise<EmailRow | null> {
  const t = await loadTicketRow(deps.db, input.ticketId);
  if (!t) return null;
  if (!(await answersByEmail(deps.db, t))) return null;
  const mailbox = await mailboxOfBrand(deps.db, t.brand_id);
  const to = await recipientOf(deps.db, t);
  if (!mailbox || !to) return null;
  const now = deps.clock.now();
  let status: EmailRow['status'] = 'queued';
  let why: string | null = null;
  if (input.kind === 'acknowledgement') {
    const recent = await deps.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM email_messages WHERE direction = 'outbound' AND kind = 'acknowledgement' AND $1 = ANY(to_addresses) AND created_at > $2`,
      [to, new Date(now.getTime() - 3_600_000)],
    );
    if (isNoReplyAddress(to) || to === mailbox.support_email) [status, why] = ['suppressed', `${to} is an automatic or own address`];
    else if (recent.n >= ACK_LIMIT_PER_HOUR) [status, why] = ['suppressed', `already ${recent.n} acknowledgements to ${to} within an hour (loop protection)`];
  }
  return deps.db.transaction(async (tx) => {
    const id = newId('eml', now);
    const row = await insertEmail(tx, {
      id, workspace_id: t.workspace_id, direction: 'outbound', kind: input.kind, ticket_id: t.id, message_id: input.messageId,
      rfc_message_id: outboundMessageId(id, mailbox.support_email), from_address: mailbox.support_email, to_addresses: [to],
      subject: t.subject, status, last_error: why,
    }, now);
    return row ?? (await tx.one<EmailRow>(
      `SELECT * FROM email_messages WHERE message_id = $1 AND kind = $2 AND direction = 'outbound'`, [input.messageId, input.kind]));
  });
}

function ctxFor(deps: OutboundDeps, tx: Ctx['tx'], workspaceId: string): Ctx {
  return { actor: systemActor(workspaceId), tx, clock: deps.clock, meta: { channel: 'email' } };
}

/**
 * Send a queued outbound mail. Success → 'sent'. Failure → 'retrying' with the error and the next attempt
 * time on the row, and the error is thrown again so the caller's retry (the event dispatcher's backoff)
 * runs; after MAX_SEND_ATTEMPTS the row is 'failed'. Never sends a row twice.
 */
export async function deliverOutbound(deps: OutboundDeps, emailId: string, opts: { rethrow?: boolean } = { rethrow: true }): Promise<EmailRow> {
  const email = await loadEmail(deps.db, emailId);
  if (!email || email.direction !== 'outbound') throw new Error(`no outbound email ${emailId}`);
  if (email.status === 'sent' || email.status === 'suppressed') return email;
  const t = await loadTicketRow(deps.db, email.ticket_id!);
  const mailbox = t ? await mailboxOfBrand(deps.db, t.brand_id) : null;
  const url = mailbox?.smtp_url || deps.defaultSmtpUrl;
  const now = deps.clock.now();
  if (!t || !mailbox || !url) {
    const err = !url ? 'No outbound SMTP server is configured (brand settings or SMTP_OUTBOUND_URL); retry once one is set' : 'The ticket or brand is gone';
    return deps.db.transaction(async (tx) => {
      await recordChange(ctxFor(deps, tx, email.workspace_id), {
        event: 'email.send_failed', aggregateType: 'email', aggregateId: email.id, ticketId: email.ticket_id,
        payload: { email_id: email.id, message_id: email.message_id, attempts: email.attempts, error: err, final: true }, audit: false,
      });
      return updateEmail(tx, email.id, { status: 'failed', last_error: err, next_attempt_at: null }, now);
    });
  }
  const token = await deps.db.transaction((tx) => replyTokenFor(tx, t.workspace_id, t.id, now));
  const msg = email.message_id
    ? await deps.db.maybeOne<{ body_text: string; body_html: string | null; author_user_id: string | null }>(
      'SELECT body_text, body_html, author_user_id FROM messages WHERE id = $1', [email.message_id])
    : undefined;
  const agent = msg?.author_user_id ? await deps.db.maybeOne<{ name: string }>('SELECT name FROM users WHERE id = $1', [msg.author_user_id]) : undefined;
  const customer = await deps.db.one<{ name: string; locale: string | null }>('SELECT name, locale FROM customers WHERE id = $1', [t.requester_id]);
  const attachments = email.kind === 'reply' && email.message_id
    ? await deps.db.query<{ filename: string; content_type: string; sha256: string }>(
      'SELECT filename, content_type, sha256 FROM attachments WHERE message_id = $1 ORDER BY created_at, id', [email.message_id])
    : [];
  const attempts = email.attempts + 1;
  try {
    const mail = await composeMail(deps.db, deps.files, {
      email, mailbox, replyToken: token, ticket: t, customer, agentName: agent?.name ?? mailbox.brand_name,
      message: email.kind === 'reply' ? msg ?? null : null, attachments, to: email.to_addresses[0], kind: email.kind === 'reply' ? 'agent_reply' : 'acknowledgement',
    });
    await (deps.send ?? sendMail)(url, mail);
    return await deps.db.transaction(async (tx) => {
      await recordChange(ctxFor(deps, tx, email.workspace_id), {
        event: 'email.sent', aggregateType: 'email', aggregateId: email.id, ticketId: email.ticket_id,
        payload: { email_id: email.id, message_id: email.message_id, kind: email.kind, to: email.to_addresses, attempts }, audit: false,
      });
      return updateEmail(tx, email.id, { status: 'sent', attempts, sent_at: deps.clock.now(), last_error: null, next_attempt_at: null, subject: mail.subject }, deps.clock.now());
    });
  } catch (e) {
    const final = attempts >= MAX_SEND_ATTEMPTS;
    const error = String((e as Error)?.message ?? e).slice(0, 1000);
    const next = final ? null : new Date(now.getTime() + Math.min(2 ** attempts * 1000, 3_600_000));
    await deps.db.transaction(async (tx) => {
      await recordChange(ctxFor(deps, tx, email.workspace_id), {
        event: 'email.send_failed', aggregateType: 'email', aggregateId: email.id, ticketId: email.ticket_id,
        payload: { email_id: email.id, message_id: email.message_id, attempts, error, final }, audit: false,
      });
      await updateEmail(tx, email.id, { status: final ? 'failed' : 'retrying', attempts, last_error: error, next_attempt_at: next }, now);
    });
    if (opts.rethrow && !final) throw e;
    return (await loadEmail(deps.db, email.id))!;
  }
}

import type { Db } from '../../../platform/db/index.js';
import type { Clock } from '../../../platform/clock.js';
import type { FileStore } from '../../../platform/files.js';
import { eventsOf, recordChange, systemActor, type Ctx } from '../../kernel/index.js';
import { addMessage, createTicket, getTicket, type Ticket } from '../../tickets/index.js';
import { classifyEmail, type Classification } from './classify.js';
import { customerOfAddress, finishInbound, findMailbox, insertEmail, type Mailbox } from './email.repo.js';
import { recordImportFailure } from './import-failures.js';
import { rewriteCidLinks, storeInboundAttachments } from './inbound-attachments.js';
import { EmailParseError, parseEmail, type ParsedEmail } from './parse-email.js';
import { stripQuotedHtml, stripQuotedText } from './strip-quotes.js';
import { bouncedMessageIds, findThread, followMerges, type ThreadCandidate } from './thread.js';

export interface IngestDeps {
  db: Db;
  files: FileStore;
  clock: Clock;
  maxAttachmentBytes: number;
}

export interface Envelope {
  mailFrom: string | null;
  rcptTo: string[];
  remoteAddress?: string | null;
}

export type IngestOutcome = 'created' | 'appended' | 'follow_up' | 'note' | 'duplicate' | 'failed';

export interface IngestResult {
  outcome: IngestOutcome;
  ticket_id: string | null;
  email_id: string | null;
  failure_id: string | null;
  thread_match: string | null;
  classification: Classification | null;
}

const TAG_OF: Record<Exclude<Classification, 'normal'>, string> = { auto_reply: 'auto-reply', bounce: 'bounce', list: 'mailing-list' };

/**
 * Take in one raw mail: keep the original, parse, find the brand and the thread, and add it to a ticket —
 * or, when that is impossible, keep it on the "failed to import" list with the reason. Never throws for bad
 * mail; throws only when not even the failure could be stored (the SMTP server then answers 451).
 */
export async function ingestEmail(deps: IngestDeps, raw: Buffer, envelope: Envelope, opts: { fallbackWorkspaceId?: string; retryOf?: string } = {}): Promise<IngestResult> {
  // the original is kept in the storage region of the brand it was sent to (residency), else of the workspace
  // that posted it over HTTP; mail for no known address goes to the shared store like any file without an owner
  const addressed = await findMailbox(deps.db, envelope.rcptTo);
  const owner = addressed ? { workspaceId: addressed.workspace_id, brandId: addressed.brand_id }
    : opts.fallbackWorkspaceId ? { workspaceId: opts.fallbackWorkspaceId } : null;
  const { hash } = await deps.files.put(raw, owner ? { q: deps.db, ...owner } : undefined);
  const fail = async (code: string, reason: string, workspaceId: string | null, subject: string | null) => ({
    outcome: 'failed' as const, ticket_id: null, email_id: null, thread_match: null, classification: null,
    failure_id: await recordImportFailure(deps, { code, reason, workspaceId, subject, rawSha256: hash, rawSize: raw.length, envelope, retryOf: opts.retryOf }),
  });
  let mail: ParsedEmail;
  try {
    mail = await parseEmail(raw);
  } catch (e) {
    const pe = e instanceof EmailParseError ? e : new EmailParseError('MALFORMED_MIME', String(e));
    return fail(pe.code, pe.message, addressed?.workspace_id ?? opts.fallbackWorkspaceId ?? null, null);
  }
  const mailbox = await findMailbox(deps.db, [...envelope.rcptTo, ...mail.deliveredTo, ...mail.to, ...mail.cc]);
  if (!mailbox) {
    return fail('NO_MAILBOX', `None of the recipients (${[...envelope.rcptTo, ...mail.to].slice(0, 5).join(', ') || 'none'}) is a support address of a brand`, opts.fallbackWorkspaceId ?? null, mail.subject);
  }
  const sender = mail.from ?? (envelope.mailFrom ? { address: envelope.mailFrom.toLowerCase(), name: '' } : null);
  if (!sender) return fail('NO_SENDER', 'The message has no From address and no envelope sender', mailbox.workspace_id, mail.subject);
  try {
    return await deps.db.transaction((tx) => {
      const ctx: Ctx = { actor: systemActor(mailbox.workspace_id), tx, clock: deps.clock, meta: { channel: 'email', ip: envelope.remoteAddress ?? null } };
      return ingestParsed(ctx, deps, { raw, hash, mail, sender, mailbox, envelope });
    });
  } catch (e) {
    return fail('IMPORT_ERROR', `Could not import: ${String((e as Error)?.message ?? e).slice(0, 500)}`, mailbox.workspace_id, mail.subject);
  }
}

interface Inbound {
  raw: Buffer;
  hash: string;
  mail: ParsedEmail;
  sender: { address: string; name: string };
  mailbox: Mailbox;
  envelope: Envelope;
}

async function mailboxAddresses(ctx: Ctx): Promise<Set<string>> {
  const rows = await ctx.tx.query<{ a: string }>(
    `SELECT lower(b.support_email) AS a FROM brands b WHERE b.workspace_id = $1 AND b.support_email IS NOT NULL
     UNION SELECT unnest(aliases) FROM email_brand_settings WHERE workspace_id = $1`,
    [ctx.actor.workspaceId],
  );
  return new Set(rows.map((r) => r.a));
}

async function ingestParsed(ctx: Ctx, deps: IngestDeps, m: Inbound): Promise<IngestResult> {
  const { mail, mailbox, sender } = m;
  const now = ctx.clock.now();
  const { classification, why } = classifyEmail(mail.headers, sender.address, m.envelope.mailFrom);
  const rfcId = mail.messageId ?? `missing.${m.hash.slice(0, 40)}@switchboard.invalid`;
  const email = await insertEmail(ctx.tx, {
    workspace_id: ctx.actor.workspaceId, direction: 'inbound', kind: 'inbound', rfc_message_id: rfcId,
    in_reply_to: mail.inReplyTo[0] ?? null, refs: mail.references.slice(-50), from_address: sender.address,
    to_addresses: mail.to.slice(0, 50), cc_addresses: mail.cc.slice(0, 50), subject: mail.subject, classification,
    raw_sha256: m.hash, raw_size: m.raw.length, status: 'received',
  }, now);
  if (!email) {
    // The same Message-ID again (a retrying relay, a duplicate delivery): keep nothing new.
    const prior = await ctx.tx.maybeOne<{ id: string; ticket_id: string | null }>(
      `SELECT id, ticket_id FROM email_messages WHERE workspace_id = $1 AND direction = 'inbound' AND rfc_message_id = $2`, [ctx.actor.workspaceId, rfcId]);
    await recordChange(ctx, {
      event: 'email.duplicate_ignored', aggregateType: 'email', aggregateId: prior?.id ?? rfcId, ticketId: prior?.ticket_id ?? null,
      payload: { rfc_message_id: rfcId, from: sender.address }, audit: false,
    });
    return { outcome: 'duplicate', ticket_id: prior?.ticket_id ?? null, email_id: prior?.id ?? null, failure_id: null, thread_match: null, classification };
  }
  if (!mail.messageId) mail.warnings.push('The message had no Message-ID; one was derived from its content');

  const found = await findThread(ctx.tx, ctx.actor.workspaceId, mail, m.envelope.rcptTo, () => mailboxAddresses(ctx));
  let candidate: (ThreadCandidate & { ticket: Ticket }) | null = null;
  const notes: string[] = [...mail.warnings];
  if (found) {
    // Only the ticket's own customer (any of their addresses) may add to it; the sender is looked up, not created.
    const senderCustomer = await customerOfAddress(ctx.tx, ctx.actor.workspaceId, sender.address);
    const ticket = await getTicket(ctx, await followMerges(ctx.tx, found.ticketId));
    if (senderCustomer !== null && ticket.requester_id === senderCustomer) candidate = { ...found, ticket };
    else notes.push(`This email referred to ticket #${ticket.number} (by ${found.match.replace('_', '-')}), but ${sender.address} is not that ticket's customer, so it was not added there.`);
  }
  if (classification === 'bounce') {
    for (const id of bouncedMessageIds(m.raw)) {
      const out = await ctx.tx.maybeOne<{ id: string; ticket_id: string | null }>(
        `UPDATE email_messages SET status = 'failed', last_error = $3, updated_at = $4
          WHERE workspace_id = $1 AND direction = 'outbound' AND rfc_message_id = $2 RETURNING id, ticket_id`,
        [ctx.actor.workspaceId, id, `Bounced: ${mail.subject}`.slice(0, 500), now]);
      if (out?.ticket_id && !candidate) candidate = { ticketId: out.ticket_id, match: 'in_reply_to', ticket: await getTicket(ctx, out.ticket_id) };
    }
  }

  const stored = await storeInboundAttachments(ctx, deps.files, mail.attachments, deps.maxAttachmentBytes, mailbox.brand_id);
  notes.push(...stored.notes);
  const threaded = candidate !== null;
  const text = threaded ? stripQuotedText(mail.text).text : mail.text.trim();
  const html = mail.html ? rewriteCidLinks(threaded ? stripQuotedHtml(mail.html) : mail.html, stored.byCid) : undefined;
  const body = text || (html ? undefined : stored.ids.length ? '(no text; see the attachments)' : '(empty message)');

  let ticketId: string;
  let messageId: string;
  let outcome: IngestOutcome;
  let match: string = candidate?.match ?? (found ? 'new_not_requester' : 'new');
  if (candidate && classification !== 'normal') {
    // Automatic mail on a known thread: an internal note, no status change, never answered.
    const note = await addMessage(ctx, candidate.ticket.id, {
      public: false, channel: 'email', attachment_ids: stored.ids,
      body: `Automatic email (${why}) from ${sender.address}:\n\n${(text || '(no text)').slice(0, 20_000)}`,
    });
    ({ ticketId, messageId, outcome } = { ticketId: candidate.ticket.id, messageId: note.message.id, outcome: 'note' });
  } else if (candidate && candidate.ticket.status === 'closed') {
    const out = await createTicket(ctx, {
      subject: mail.subject || `Re: ${candidate.ticket.subject}`, body, html_body: html, requester: { id: candidate.ticket.requester_id }, channel: 'email',
      brand_id: candidate.ticket.brand_id, follow_up_of_id: candidate.ticket.id, attachment_ids: stored.ids,
    });
    await recordChange(ctx, {
      event: 'ticket.follow_up_created', aggregateType: 'ticket', aggregateId: candidate.ticket.id, ticketId: candidate.ticket.id,
      payload: { follow_up_id: out.ticket.id, follow_up_number: out.ticket.number, via: 'email' },
    });
    ({ ticketId, messageId, outcome, match } = { ticketId: out.ticket.id, messageId: out.message.id, outcome: 'follow_up', match: `follow_up:${candidate.match}` });
  } else if (candidate) {
    const out = await addMessage(ctx, candidate.ticket.id, {
      public: true, from_customer_id: candidate.ticket.requester_id, channel: 'email', body, html_body: html, attachment_ids: stored.ids,
    });
    ({ ticketId, messageId, outcome } = { ticketId: candidate.ticket.id, messageId: out.message.id, outcome: 'appended' });
  } else {
    const out = await createTicket(ctx, {
      subject: mail.subject || '(no subject)', body, html_body: html, requester: { email: sender.address, name: sender.name || undefined },
      channel: 'email', brand_id: mailbox.brand_id, attachment_ids: stored.ids,
      tags: classification === 'normal' ? [] : [TAG_OF[classification]],
    });
    ({ ticketId, messageId, outcome } = { ticketId: out.ticket.id, messageId: out.message.id, outcome: 'created' });
  }
  if (notes.length) {
    await addMessage(ctx, ticketId, { public: false, channel: 'email', body: `Email import notes:\n- ${notes.join('\n- ')}` });
  }
  await finishInbound(ctx.tx, { emailId: email.id, workspaceId: ctx.actor.workspaceId, ticketId, messageId, threadMatch: match, now }, eventsOf(ctx, [{
    event: 'email.received', aggregateType: 'email', aggregateId: email.id, ticketId,
    payload: {
      email_id: email.id, message_id: messageId, outcome, thread_match: match, classification, classification_reason: why || null,
      created_ticket: outcome === 'created' || outcome === 'follow_up', from: sender.address, brand_id: mailbox.brand_id,
    },
    audit: false,
  }]));
  return { outcome, ticket_id: ticketId, email_id: email.id, failure_id: null, thread_match: match, classification };
}

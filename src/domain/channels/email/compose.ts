import type { Queryable } from '../../../platform/db/index.js';
import type { FileStore } from '../../../platform/files.js';
import type { OutgoingMail } from '../../../platform/mail/smtp-outbound.js';
import { domainOf, plusAddress } from './addresses.js';
import type { EmailRow, Mailbox } from './email.repo.js';
import { renderTemplate, resolveTemplate, type TemplateKey } from './templates.js';
import { escapeHtml as esc } from '../../../platform/html.js';

export interface ComposeInput {
  email: EmailRow;
  mailbox: Mailbox;
  replyToken: string;
  ticket: { id: string; number: number; subject: string; language: string | null; brand_id: string; workspace_id: string };
  customer: { name: string; locale: string | null };
  agentName: string;
  message: { body_text: string; body_html: string | null } | null;
  attachments: Array<{ filename: string; content_type: string; sha256: string }>;
  to: string;
  kind: TemplateKey;
}

/** Our Message-ID for an outbound row: sb.<row id>@<brand's mail domain>. */
export function outboundMessageId(emailId: string, supportAddress: string): string {
  return `sb.${emailId}@${domainOf(supportAddress)}`;
}

/** The Message-IDs of the ticket's mail so far, oldest first (for In-Reply-To / References). */
export async function threadIds(db: Queryable, ticketId: string, exceptId: string): Promise<{ lastInbound: string | null; all: string[] }> {
  const rows = await db.query<{ rfc_message_id: string; direction: string }>(
    `SELECT rfc_message_id, direction FROM email_messages WHERE ticket_id = $1 AND id <> $2 AND rfc_message_id NOT LIKE 'missing.%'
      AND status <> 'failed' ORDER BY created_at, id`,
    [ticketId, exceptId],
  );
  const inbound = rows.filter((r) => r.direction === 'inbound');
  return { lastInbound: inbound.at(-1)?.rfc_message_id ?? null, all: rows.map((r) => r.rfc_message_id) };
}

/** Build the outgoing mail: brand From/Reply-To (plus address), threading headers, text + HTML, attachments. */
export async function composeMail(db: Queryable, files: FileStore, c: ComposeInput): Promise<OutgoingMail> {
  const tpl = await resolveTemplate(db, c.ticket.workspace_id, c.ticket.brand_id, c.kind, c.ticket.language ?? c.customer.locale);
  const marker = '\u0000BODY\u0000';
  const vars = {
    'ticket.number': String(c.ticket.number), 'ticket.subject': c.ticket.subject, 'brand.name': c.mailbox.brand_name,
    'customer.name': c.customer.name || 'there', 'agent.name': c.agentName, 'message.body': marker,
  };
  const rendered = renderTemplate(tpl.body_text, vars);
  const text = rendered.replace(marker, c.message?.body_text ?? '');
  const bodyHtml = c.message?.body_html ?? (c.message ? esc(c.message.body_text).replace(/\n/g, '<br>') : '');
  const html = `<!doctype html><html><body><div style="font-family:sans-serif;font-size:14px;line-height:1.5">${
    esc(rendered).replace(/\n/g, '<br>').replace(esc(marker), bodyHtml)}</div></body></html>`;
  let subject = renderTemplate(tpl.subject, { ...vars, 'message.body': '' }).replace(/[\r\n]+/g, ' ').slice(0, 400);
  if (!subject.includes(`[#${c.ticket.number}]`)) subject = `${subject} [#${c.ticket.number}]`;
  const thread = await threadIds(db, c.ticket.id, c.email.id);
  const refs = thread.all.length > 20 ? [thread.all[0], ...thread.all.slice(-19)] : thread.all;
  const attachments = [];
  for (const a of c.attachments) attachments.push({ filename: a.filename, content: await files.get(a.sha256), contentType: a.content_type });
  return {
    from: { name: c.mailbox.from_name || c.mailbox.brand_name, address: c.mailbox.support_email },
    replyTo: plusAddress(c.mailbox.support_email, c.replyToken),
    to: [c.to],
    subject,
    text,
    html,
    messageId: c.email.rfc_message_id,
    inReplyTo: thread.lastInbound ?? thread.all.at(-1),
    references: refs,
    headers: {
      'X-Switchboard-Ticket': String(c.ticket.number),
      ...(c.kind === 'acknowledgement' ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', Precedence: 'auto_reply' } : {}),
    },
    attachments,
  };
}

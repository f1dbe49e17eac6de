import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
  /** Content-ID for inline images (referenced as cid:… from the HTML part). */
  cid?: string;
}

export interface OutgoingMail {
  from: { name: string; address: string };
  replyTo?: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  attachments?: OutgoingAttachment[];
}

const transports = new Map<string, Transporter>();

/** A pooled nodemailer transport per SMTP URL (smtp://user:pass@host:port, smtps://…). */
function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    // Short timeouts: a dead relay must fail the attempt (and be retried), not hang the worker.
    t = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
    transports.set(url, t);
  }
  return t;
}

/** Send one message through the SMTP relay at `url`; resolves with the relay's response line. */
export async function sendMail(url: string, mail: OutgoingMail): Promise<{ response: string; accepted: string[] }> {
  const info = await transportFor(url).sendMail({
    from: mail.from,
    replyTo: mail.replyTo,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.messageId}>`,
    inReplyTo: mail.inReplyTo ? `<${mail.inReplyTo}>` : undefined,
    references: mail.references?.map((r) => `<${r}>`),
    headers: mail.headers,
    attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, cid: a.cid })),
  });
  return { response: String(info.response ?? ''), accepted: (info.accepted ?? []).map(String) };
}

/** Build the raw RFC 5322 bytes of a message without sending it (previews, tests). */
export async function buildRawMail(mail: OutgoingMail): Promise<Buffer> {
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await t.sendMail({
    from: mail.from, replyTo: mail.replyTo, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html,
    messageId: `<${mail.messageId}>`, headers: mail.headers,
  });
  return info.message as Buffer;
}

export function closeTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}

import { simpleParser, type AddressObject, type ParsedMail, type SimpleParserOptions } from 'mailparser';
import { cleanMessageId, messageIdList, normaliseAddress } from './addresses.js';

/** A parsed inbound mail, reduced to what Switchboard uses. */
export interface ParsedEmail {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: { address: string; name: string } | null;
  to: string[];
  cc: string[];
  /** Recipients named in delivery headers (Delivered-To, X-Original-To, Envelope-To). */
  deliveredTo: string[];
  subject: string;
  text: string;
  html: string | null;
  date: Date | null;
  headers: { get(name: string): string | undefined };
  attachments: ParsedAttachment[];
  /** Problems worth telling the agent (bad charset, truncated text …); the mail was still accepted. */
  warnings: string[];
}

export interface ParsedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  cid: string | null;
  inline: boolean;
}

export class EmailParseError extends Error {
  constructor(public readonly code: string, message: string) {
    super(message);
  }
}

export const EMAIL_LIMITS = {
  /** Bytes of the header block we parse at all. */
  maxHeaderBytes: 512 * 1024,
  /** Milliseconds one mail may take to parse. */
  parseTimeoutMs: 20_000,
  /** Characters of stored text per message (the rest stays in the .eml). */
  maxTextChars: 100_000,
  /** Characters of HTML handed to the sanitiser. */
  maxHtmlChars: 400_000,
  /** MIME nesting depth we accept. */
  maxDepth: 40,
};

function headerBlockLength(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) : raw.length;
}

/** Deepest multipart nesting, counted from the boundary parameters (cheap, before the real parse). */
function multipartDepth(raw: Buffer): number {
  const head = raw.subarray(0, Math.min(raw.length, 4 * 1024 * 1024)).toString('latin1');
  return (head.match(/content-type:\s*multipart\//gi) ?? []).length;
}

function addresses(v: AddressObject | AddressObject[] | undefined): Array<{ address: string; name: string }> {
  const list = !v ? [] : Array.isArray(v) ? v : [v];
  const out: Array<{ address: string; name: string }> = [];
  const walk = (vals: AddressObject['value']) => {
    for (const a of vals) {
      if (a.group) walk(a.group);
      else if (a.address && a.address.includes('@')) out.push({ address: normaliseAddress(a.address), name: (a.name ?? '').slice(0, 200) });
    }
  };
  for (const o of list) walk(o.value);
  return out;
}

/** A header's value as sent (unfolded, without the name), from the raw header lines: list headers and
 * parameters survive that mailparser's structured map reshapes. */
function headerText(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name)?.line;
  if (line === undefined) return undefined;
  return line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

/** RFC 2152 UTF-7 (mailparser's charset tables lack it): "+Jjo-" → "☺", "+-" → "+". */
export function decodeUtf7(s: string): string {
  return s.replace(/\+([A-Za-z0-9+/]*)-?/g, (whole, b64: string) => {
    if (b64 === '') return whole === '+-' ? '+' : whole;
    const bytes = Buffer.from(b64, 'base64');
    let out = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes.readUInt16BE(i));
    return out;
  });
}

function onlyUtf7(raw: Buffer): boolean {
  const head = raw.subarray(0, 1024 * 1024).toString('latin1');
  const charsets = [...head.matchAll(/charset="?([\w.:-]+)/gi)].map((m) => m[1].toLowerCase());
  return charsets.includes('utf-7') && charsets.every((c) => c === 'utf-7' || c === 'us-ascii');
}

/**
 * Parse raw RFC 5322 bytes. Throws EmailParseError only for mail we cannot take in at all; anything
 * merely odd (unknown charset, missing Message-ID, 8-bit headers) is accepted with a warning.
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  if (raw.length === 0) throw new EmailParseError('EMPTY_MESSAGE', 'The message is empty');
  const headLen = headerBlockLength(raw);
  if (headLen > EMAIL_LIMITS.maxHeaderBytes) {
    throw new EmailParseError('HEADERS_TOO_LARGE', `The header block is ${headLen} bytes (limit ${EMAIL_LIMITS.maxHeaderBytes})`);
  }
  const depth = multipartDepth(raw);
  if (depth > EMAIL_LIMITS.maxDepth) throw new EmailParseError('MIME_TOO_DEEP', `${depth} nested multipart parts (limit ${EMAIL_LIMITS.maxDepth})`);
  let timer: NodeJS.Timeout | undefined;
  let mail: ParsedMail;
  try {
    mail = await Promise.race([
      simpleParser(raw, { skipImageLinks: true, keepCidLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: EMAIL_LIMITS.maxHtmlChars } as SimpleParserOptions),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new EmailParseError('PARSE_TIMEOUT', 'Parsing took too long')), EMAIL_LIMITS.parseTimeoutMs);
      }),
    ]);
  } catch (e) {
    if (e instanceof EmailParseError) throw e;
    throw new EmailParseError('MALFORMED_MIME', `Could not parse the message: ${String((e as Error)?.message ?? e).slice(0, 300)}`);
  } finally {
    if (timer) clearTimeout(timer);
  }
  const warnings: string[] = [];
  const headers = { get: (n: string) => headerText(mail, n.toLowerCase()) };
  const from = addresses(mail.from)[0] ?? (mail.replyTo ? addresses(mail.replyTo)[0] : undefined) ?? null;
  const utf7 = onlyUtf7(raw);
  let text = (utf7 ? decodeUtf7(mail.text ?? '') : (mail.text ?? '')).replace(/\r\n/g, '\n');
  if (/\uFFFD/.test(text)) warnings.push('Some characters could not be decoded (unknown or wrong charset); see the original .eml');
  if (text.length > EMAIL_LIMITS.maxTextChars) {
    text = `${text.slice(0, EMAIL_LIMITS.maxTextChars)}\n\n[… truncated; the full text is in the original .eml]`;
    warnings.push('The text was truncated');
  }
  let html = typeof mail.html === 'string' ? (utf7 ? decodeUtf7(mail.html) : mail.html) : null;
  if (html && html.length > EMAIL_LIMITS.maxHtmlChars) {
    html = null;
    warnings.push('The HTML part was too large to show; the text part is shown, the original is in the .eml');
  }
  const delivered = ['delivered-to', 'x-original-to', 'envelope-to']
    .flatMap((h) => (headers.get(h) ?? '').split(','))
    .map((a) => normaliseAddress(a))
    .filter((a) => a.includes('@'));
  return {
    messageId: cleanMessageId(mail.messageId),
    inReplyTo: messageIdList(headers.get('in-reply-to')),
    references: messageIdList(mail.references),
    from,
    to: addresses(mail.to).map((a) => a.address),
    cc: addresses(mail.cc).map((a) => a.address),
    deliveredTo: delivered,
    subject: (mail.subject ?? '').replace(/[\r\n\t]+/g, ' ').trim().slice(0, 300),
    text,
    html,
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    headers,
    attachments: mail.attachments.map((a) => ({
      filename: (a.filename ?? '').trim() || `attachment${a.contentType === 'message/rfc822' ? '.eml' : ''}`,
      contentType: a.contentType || 'application/octet-stream',
      content: a.content,
      cid: a.cid ?? (a.contentId ? (cleanMessageId(a.contentId) ?? null) : null),
      inline: a.contentDisposition === 'inline' || a.related === true,
    })),
    warnings,
  };
}

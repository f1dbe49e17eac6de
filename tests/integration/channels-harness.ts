/** Shared setup for the channels (email) tests: a test app, a real SMTP listener on loopback, a capture sink. */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../../src/platform/config.js';
import { FileStore } from '../../src/platform/files.js';
import { createLogger } from '../../src/platform/logger.js';
import { Dispatcher, syncSubscriptions } from '../../src/platform/events/index.js';
import { startEmailListener } from '../../src/server/routes/channels-smtp.js';
import { channelsSubscribers } from '../../src/worker/subscribers/channels.js';
import type { SmtpInbound } from '../../src/platform/mail/smtp-inbound.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

export interface EmailHarness {
  t: TestApp;
  files: FileStore;
  smtp: SmtpInbound;
  /** Send through the listener with nodemailer (a real SMTP client over loopback). */
  send(mail: SendMailOptions): Promise<{ messageId: string }>;
  /** Send raw RFC 5322 bytes with an explicit envelope. */
  sendRaw(raw: string | Buffer, envelope?: { from: string; to: string[] }): Promise<void>;
  /** Run the channels subscribers once (outbound replies / acknowledgements). */
  dispatch(): Promise<number>;
  setRelay(url: string | null): void;
  close(): Promise<void>;
}

/** Our test ports are 4100–4199: start at `from` and move on while a port is taken (parallel runs). */
async function firstFreePort<T>(from: number, start: (port: number) => Promise<T>): Promise<T> {
  for (let p = from; p < 4200; p++) {
    try {
      return await start(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    }
  }
  throw new Error(`no free port in ${from}–4199`);
}

export async function emailHarness(smtpPort: number): Promise<EmailHarness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-email-'));
  const t = await createTestApp({ DATA_DIR: dataDir });
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SMTP_INBOUND_HOST: '127.0.0.1', EMAIL_MAX_BYTES: String(2 * 1024 * 1024), MAX_ATTACHMENT_BYTES: String(256 * 1024) });
  const files = new FileStore(config.filesDir);
  const log = createLogger('silent');
  const smtp = await firstFreePort(smtpPort, (p) => startEmailListener({ db: t.db, clock: t.clock, config, files, log }, log, p));
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
  let relay: string | null = null;
  const subs = channelsSubscribers(() => ({ files, clock: t.clock, defaultSmtpUrl: relay }));
  await syncSubscriptions(t.db, subs);
  const dispatcher = new Dispatcher(t.db, subs, t.clock, log);
  return {
    t, files, smtp,
    async send(mail) {
      const info = await client.sendMail(mail);
      return { messageId: String(info.messageId).replace(/[<>]/g, '') };
    },
    async sendRaw(raw, envelope = { from: 'someone@example.com', to: ['support@clipster.test'] }) {
      await client.sendMail({ envelope, raw: Buffer.isBuffer(raw) ? raw : Buffer.from(raw.replace(/\r?\n/g, '\r\n'), 'latin1') });
    },
    dispatch: () => dispatcher.runOnce(),
    setRelay(url) {
      relay = url;
    },
    async close() {
      client.close();
      await smtp.close();
      await t.close();
    },
  };
}

/** A real SMTP server that captures what Switchboard sends (the development sink, in-process). */
export async function captureSink(port: number): Promise<{ mails: Array<{ envelope: { from: string; to: string[] }; raw: Buffer; parsed: ParsedMail }>; url: string; close(): Promise<void> }> {
  const mails: Array<{ envelope: { from: string; to: string[] }; raw: Buffer; parsed: ParsedMail }> = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        mails.push({
          envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
          raw, parsed: await simpleParser(raw),
        });
        cb();
      });
    },
  });
  const bound = await firstFreePort(port, (p) => new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(p, '127.0.0.1', () => resolve(p));
  }));
  return { mails, url: `smtp://127.0.0.1:${bound}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** Read a ticket's messages through the API. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function messagesOf(t: TestApp, ticketId: string): Promise<any[]> {
  const res = await t.api('GET', `/api/v1/tickets/${ticketId}/messages`);
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().data;
}

/** Tickets of the workspace, newest first (the email tests look them up by subject). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function ticketsBySubject(t: TestApp, subject: string): Promise<any[]> {
  const res = await t.api('GET', `/api/v1/tickets?limit=100`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return res.json().data.filter((x: any) => x.subject === subject);
}

/** The inbound email row (and so the ticket) of a Message-ID. */
export async function inboundRow(t: TestApp, rfcId: string): Promise<{ id: string; ticket_id: string | null; thread_match: string | null; classification: string; message_id: string | null } | undefined> {
  return t.db.maybeOne(`SELECT id, ticket_id, thread_match, classification, message_id FROM email_messages WHERE direction = 'inbound' AND rfc_message_id = $1`, [rfcId]);
}

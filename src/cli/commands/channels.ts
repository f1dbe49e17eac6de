import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../../platform/config.js';
import type { Command } from '../command.js';
import { UsageError, parseFlags } from '../io/args.js';

function port(v: string | undefined, fallback: number): number {
  const n = Number(v ?? fallback);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError('--port must be 1–65535');
  return n;
}

const mailSinkCommand: Command = {
  name: 'channels mail-sink',
  summary: 'Run a local SMTP sink for development: catches outgoing mail, saves each as .eml, prints a line',
  usage: `switchboard channels mail-sink [--port 1025] [--dir DATA_DIR/outbox]

Point outgoing mail at it with SMTP_OUTBOUND_URL=smtp://127.0.0.1:1025 (or a brand's relay in Admin → Email).
Nothing is delivered anywhere: every message is written to --dir and summarised on stdout. Ctrl-C stops it.`,
  async run(args) {
    const { values } = parseFlags(args, { port: { type: 'string' }, dir: { type: 'string' } });
    const dir = path.resolve(values.dir ?? path.join(loadConfig().DATA_DIR, 'outbox'));
    await mkdir(dir, { recursive: true });
    let n = 0;
    const server = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onAuth: (_auth, _session, cb) => cb(null, { user: 'sink' }),
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          const raw = Buffer.concat(chunks);
          const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++n}.eml`);
          await writeFile(file, raw);
          const m = await simpleParser(raw).catch(() => null);
          const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
          console.log(`${new Date().toISOString()}  to ${to}  "${m?.subject ?? '?'}"  ${raw.length} bytes  → ${file}`);
          cb();
        });
      },
    });
    const p = port(values.port, 1025);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(p, '127.0.0.1', () => resolve());
    });
    console.log(`Mail sink listening on smtp://127.0.0.1:${p} — saving to ${dir}`);
    process.once('SIGINT', () => server.close(() => process.exit(0)));
    return -1;
  },
};

const sendEmailCommand: Command = {
  name: 'channels send-email',
  summary: "Deliver a raw .eml file to Switchboard's inbound SMTP listener (try threading, charsets, bad mail)",
  usage: `switchboard channels send-email FILE.eml --to support@brand.example [--from someone@example.com] [--host 127.0.0.1] [--port SMTP_INBOUND_PORT]

Sends the file as is (no rewriting) with the given envelope; the listener answers 250 once it is stored as a
ticket message or on the failed-imports list.`,
  async run(args) {
    const { values, positionals } = parseFlags(args, { to: { type: 'string' }, from: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' } }, { min: 1, max: 1, names: 'FILE.eml' });
    if (!values.to) throw new UsageError('Missing --to (a support address of a brand)');
    const raw = await readFile(String(positionals[0]));
    const client = nodemailer.createTransport({ host: values.host ?? '127.0.0.1', port: port(values.port, loadConfig().SMTP_INBOUND_PORT), secure: false, ignoreTLS: true });
    try {
      const info = await client.sendMail({ envelope: { from: values.from ?? 'cli@localhost', to: values.to.split(',') }, raw });
      console.log(info.response);
    } finally {
      client.close();
    }
    return 0;
  },
};

/** CLI commands of the channels module. */
export const CHANNELS_COMMANDS: Command[] = [mailSinkCommand, sendEmailCommand];

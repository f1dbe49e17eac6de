import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface SmtpEnvelope {
  mailFrom: string | null;
  rcptTo: string[];
  remoteAddress: string | null;
}

export interface SmtpInboundOptions {
  port: number;
  host: string;
  /** Largest message accepted (announced with the SIZE extension; larger ones get 552). */
  maxBytes: number;
  /** Whether this server accepts mail for the address (RCPT TO); false → 550, so we are never an open relay. */
  acceptsRecipient(address: string): Promise<boolean>;
  /** Store the message; resolve when it is safely kept. A throw answers 451 (the sender retries later). */
  onMessage(raw: Buffer, envelope: SmtpEnvelope): Promise<void>;
  onError?(err: unknown): void;
  banner?: string;
}

export interface SmtpInbound {
  port: number;
  close(): Promise<void>;
}

class SmtpReply extends Error {
  constructor(message: string, public readonly responseCode: number) {
    super(message);
  }
}

/** A receive-only SMTP server (no AUTH, no relaying): accepted mail goes to `onMessage` as raw bytes. */
export async function startSmtpInbound(opts: SmtpInboundOptions): Promise<SmtpInbound> {
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: opts.maxBytes,
    logger: false,
    banner: opts.banner ?? 'Switchboard inbound mail',
    hideSize: false,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, cb: (err?: Error | null) => void) {
      opts.acceptsRecipient(address.address).then(
        (ok) => cb(ok ? null : new SmtpReply(`5.1.1 <${address.address}>: no such mailbox here`, 550)),
        (err) => {
          opts.onError?.(err);
          cb(new SmtpReply('4.3.0 Temporary failure, try again later', 451));
        },
      );
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, cb: (err?: Error | null, message?: string) => void) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= opts.maxBytes) chunks.push(c);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > opts.maxBytes) {
          cb(new SmtpReply(`5.3.4 Message too big (limit ${opts.maxBytes} bytes)`, 552));
          return;
        }
        const envelope: SmtpEnvelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          remoteAddress: session.remoteAddress ?? null,
        };
        opts.onMessage(Buffer.concat(chunks), envelope).then(
          () => cb(null, 'Message accepted'),
          (err) => {
            opts.onError?.(err);
            cb(new SmtpReply('4.3.0 Could not store the message, try again later', 451));
          },
        );
      });
      stream.on('error', (err) => {
        opts.onError?.(err);
      });
    },
  });
  server.on('error', (err) => opts.onError?.(err));
  await new Promise<void>((resolve, reject) => {
    const onErr = (e: Error) => reject(e);
    server.server.once('error', onErr);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', onErr);
      resolve();
    });
  });
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

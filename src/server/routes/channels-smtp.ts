import { findMailbox, ingestEmail } from '../../domain/channels/index.js';
import type { Config } from '../../platform/config.js';
import { startSmtpInbound, type SmtpInbound } from '../../platform/mail/smtp-inbound.js';
import type { Logger } from '../../platform/logger.js';
import type { ServerDeps } from '../deps.js';

/** Whether the inbound SMTP listener runs: SMTP_INBOUND_ENABLED, default on except under NODE_ENV=test. */
export function smtpInboundEnabled(config: Config): boolean {
  return config.SMTP_INBOUND_ENABLED ?? config.NODE_ENV !== 'test';
}

/**
 * The inbound SMTP listener: accepts mail for the brands' support addresses (anything else is refused at
 * RCPT TO, so this is never an open relay) and answers 250 only once the mail is stored as a ticket
 * message or on the failed-imports list; 451 (try later) if not even that was possible.
 */
export async function startEmailListener(deps: ServerDeps, log: Logger, port = deps.config.SMTP_INBOUND_PORT): Promise<SmtpInbound> {
  const l = log.child({ component: 'smtp-inbound' });
  const server = await startSmtpInbound({
    port,
    host: deps.config.SMTP_INBOUND_HOST ?? deps.config.HOST,
    maxBytes: deps.config.EMAIL_MAX_BYTES,
    acceptsRecipient: async (address) => (await findMailbox(deps.db, [address])) !== null,
    onMessage: async (raw, envelope) => {
      const r = await ingestEmail({ db: deps.db, files: deps.files, clock: deps.clock, maxAttachmentBytes: deps.config.MAX_ATTACHMENT_BYTES }, raw, envelope);
      l.info({ outcome: r.outcome, ticket_id: r.ticket_id, failure_id: r.failure_id, thread_match: r.thread_match }, 'inbound email');
    },
    onError: (err) => l.warn({ err: String(err) }, 'smtp inbound error'),
  }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EADDRINUSE') throw e;
    throw Object.assign(new Error(`Inbound SMTP port ${port} is in use: set SMTP_INBOUND_PORT to a free port, or SMTP_INBOUND_ENABLED=false`), { code: e.code });
  });
  l.info({ port: server.port }, 'inbound SMTP listening');
  return server;
}

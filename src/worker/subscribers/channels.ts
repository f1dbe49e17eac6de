import type { Subscriber } from '../../platform/events/index.js';
import type { Clock } from '../../platform/clock.js';
import { systemClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { FileStore } from '../../platform/files.js';
import { deliverOutbound, queueOutbound, type OutboundDeps } from '../../domain/channels/index.js';

export type ChannelsWorkerDeps = Omit<OutboundDeps, 'db'>;

let configured: ChannelsWorkerDeps | null = null;

/** Called by the server at start (files dir, clock, default relay); otherwise read from the environment. */
export function configureChannelsWorker(deps: ChannelsWorkerDeps): void {
  configured = deps;
}

function fromEnv(): ChannelsWorkerDeps {
  if (!configured) {
    const c = loadConfig();
    configured = { files: new FileStore(c.filesDir), clock: systemClock, defaultSmtpUrl: c.SMTP_OUTBOUND_URL ?? null };
  }
  return configured;
}

/**
 * Outbound mail. An agent's public reply on an email ticket is sent to the customer; a new email ticket gets
 * the brand's acknowledgement (never for auto-replies, bounces or list mail). A failed send throws, so the
 * dispatcher retries it with backoff; the attempt count, error and next try are on the email row.
 */
export function channelsSubscribers(deps: () => ChannelsWorkerDeps, clock?: Clock): Subscriber[] {
  const full = (db: OutboundDeps['db']): OutboundDeps => ({ ...deps(), ...(clock ? { clock } : {}), db });
  return [
    {
      name: 'channels.email_reply',
      events: ['message.added'],
      async handle(e, db) {
        const p = e.payload as { message_id?: string; is_public?: boolean; author_type?: string };
        if (!p.message_id || !p.is_public || p.author_type !== 'user' || !e.ticket_id) return;
        const d = full(db);
        const row = await queueOutbound(d, { kind: 'reply', ticketId: e.ticket_id, messageId: p.message_id });
        if (row) await deliverOutbound(d, row.id);
      },
    },
    {
      name: 'channels.email_acknowledgement',
      events: ['email.received'],
      async handle(e, db) {
        const p = e.payload as { created_ticket?: boolean; classification?: string; message_id?: string; outcome?: string };
        if (!p.created_ticket || p.classification !== 'normal' || !p.message_id || !e.ticket_id) return;
        const d = full(db);
        const ack = await db.maybeOne<{ auto_acknowledge: boolean }>(
          'SELECT coalesce(s.auto_acknowledge, true) AS auto_acknowledge FROM tickets t LEFT JOIN email_brand_settings s ON s.brand_id = t.brand_id WHERE t.id = $1',
          [e.ticket_id]);
        if (!ack?.auto_acknowledge) return;
        const row = await queueOutbound(d, { kind: 'acknowledgement', ticketId: e.ticket_id, messageId: p.message_id });
        if (row) await deliverOutbound(d, row.id);
      },
    },
  ];
}

/** Event subscribers of the channels module. */
export const CHANNELS_SUBSCRIBERS: Subscriber[] = channelsSubscribers(fromEnv);

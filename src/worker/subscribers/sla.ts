import type { DeliveredEvent, Subscriber } from '../../platform/events/index.js';
import type { Db } from '../../platform/db/index.js';
import { applyTicketEventToSla, SLA_TICKET_EVENTS } from '../../domain/sla/index.js';

async function apply(e: DeliveredEvent, db: Db): Promise<void> {
  await db.transaction((tx) => applyTicketEventToSla(tx, e));
}

/** SLA engine: applies ticket changes to the ticket's applied SLA (idempotent per event seq). */
export const slaEngine: Subscriber = {
  name: 'sla-engine',
  events: SLA_TICKET_EVENTS,
  handle: apply,
  async handleBatch(events, db) {
    for (const e of [...events].sort((a, b) => a.seq - b.seq)) await apply(e, db);
  },
};

/** Event subscribers of the sla module. */
export const SLA_SUBSCRIBERS: Subscriber[] = [slaEngine];

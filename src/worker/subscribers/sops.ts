import type { Subscriber } from '../../platform/events/index.js';
import { systemActor } from '../../domain/kernel/index.js';
import { resumeSopRunsOnEvent, startSopRun } from '../../domain/sops/index.js';

/**
 * Event subscribers of the sops module:
 * - a new ticket gets the SOP that applies to it (the version its rollout assigns; it keeps that version);
 * - a customer reply or a ticket update ends the runs waiting for that event.
 */
export const SOPS_SUBSCRIBERS: Subscriber[] = [
  {
    name: 'sops.start-runs',
    events: ['ticket.created', 'ticket.imported'],
    async handle(event, db, env) {
      if (!event.workspace_id || !event.ticket_id) return;
      const ticketId = event.ticket_id;
      await db.transaction((tx) => startSopRun({ actor: systemActor(event.workspace_id!), tx, clock: env.clock, meta: { channel: 'system' } }, ticketId));
    },
  },
  {
    name: 'sops.resume-on-event',
    events: ['message.added', 'ticket.fields_changed', 'ticket.tags_changed'],
    async handle(event, db, env) {
      if (!event.workspace_id || !event.ticket_id) return;
      if (event.actor_type === 'system') return; // the SOP's own effects do not end its waits
      const kind = event.name === 'message.added' ? (event.payload.author_type === 'customer' ? 'customer_reply' : null) : 'ticket_updated';
      if (!kind) return;
      const ticketId = event.ticket_id;
      await db.transaction((tx) => resumeSopRunsOnEvent({ actor: systemActor(event.workspace_id!), tx, clock: env.clock, meta: { channel: 'system' } }, ticketId, kind));
    },
  },
];

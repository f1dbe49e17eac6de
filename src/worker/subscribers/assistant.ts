import { learnFromTicket, triageTicket } from '../../domain/assistant/index.js';
import type { Subscriber } from '../../platform/events/index.js';

/** Event subscribers of the assistant module. */
export const ASSISTANT_SUBSCRIBERS: Subscriber[] = [
  {
    // intent + language of new email/web/api tickets, written to the ticket for routing, SOP matching, analytics
    name: 'assistant.triage-ticket',
    events: ['ticket.created'],
    async handle(event, db, env) {
      if (!event.workspace_id || !event.ticket_id) return;
      await triageTicket({ db, clock: env.clock }, event.workspace_id, event.ticket_id);
    },
  },
  {
    // an agent set or confirmed the ticket's intent → training example for the next model version
    name: 'assistant.learn-from-ticket',
    events: ['ticket.fields_changed'],
    async handle(event, db, env) {
      if (!event.workspace_id || !event.ticket_id || event.actor_type !== 'user') return;
      if (!JSON.stringify(event.payload ?? {}).includes('intent')) return;
      await learnFromTicket({ db, clock: env.clock }, event.workspace_id, event.ticket_id);
    },
  },
];

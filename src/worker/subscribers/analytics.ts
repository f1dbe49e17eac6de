import type { Subscriber } from '../../platform/events/index.js';
import { refreshTicketFacts, scheduleSurvey } from '../../domain/analytics/index.js';

/** Events that change a ticket's facts (docs/analytics.md). */
const FACT_EVENTS = [
  'ticket.created', 'ticket.imported', 'ticket.status_changed', 'ticket.priority_changed', 'ticket.assigned', 'ticket.team_changed',
  'ticket.merged', 'message.added', 'sla.breached', 'sla.achieved', 'escalation.created', 'sla.escalation_requested', 'csat.rated',
];

export const ANALYTICS_SUBSCRIBERS: Subscriber[] = [
  {
    name: 'analytics.facts',
    events: FACT_EVENTS,
    async handle(event, db, env) {
      if (event.ticket_id) await refreshTicketFacts(db, env.clock, [event.ticket_id]);
    },
    async handleBatch(events, db, env) {
      await refreshTicketFacts(db, env.clock, events.map((e) => e.ticket_id).filter((x): x is string => Boolean(x)));
    },
  },
  {
    name: 'analytics.csat',
    events: ['ticket.status_changed'],
    async handle(event, db, env) {
      if (event.ticket_id && event.payload.to === 'solved') await db.transaction((tx) => scheduleSurvey(tx, env.clock, event.ticket_id!));
    },
  },
];

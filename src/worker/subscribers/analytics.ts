import type { Subscriber } from '../../platform/events/index.js';
import { refreshAssistantFacts, refreshCustomerConversations, refreshCustomerFacts, refreshTicketFacts, scheduleSurvey } from '../../domain/analytics/index.js';

/** Events that change a ticket's facts (docs/analytics.md). */
const FACT_EVENTS = [
  'ticket.created', 'ticket.imported', 'ticket.status_changed', 'ticket.priority_changed', 'ticket.assigned', 'ticket.team_changed',
  'ticket.merged', 'message.added', 'sla.breached', 'sla.achieved', 'escalation.created', 'sla.escalation_requested', 'csat.rated',
  'ticket.tags_changed', 'ticket.fields_changed', 'sop_run.started', 'sop_run.completed', 'sop_run.handed_off', 'assistant.handed_off',
];

/** Events that change a self-service conversation's facts. */
const ASSISTANT_FACT_EVENTS = ['assistant.conversation_started', 'assistant.answer_confirmed', 'assistant.action_executed', 'assistant.handed_off', 'assistant.conversation_rated'];

/** A customer's processing restriction (GDPR Art. 18) set or lifted, or the customer erased: their facts are recomputed. */
const CUSTOMER_EVENTS = ['compliance.restriction_set', 'compliance.restriction_lifted', 'compliance.customer_erased'];

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
    name: 'analytics.assistant-facts',
    events: ASSISTANT_FACT_EVENTS,
    async handle(event, db, env) {
      await refreshAssistantFacts(db, env.clock, [event.aggregate_id]);
    },
    async handleBatch(events, db, env) {
      await refreshAssistantFacts(db, env.clock, events.map((e) => e.aggregate_id));
    },
  },
  {
    name: 'analytics.customer-privacy',
    events: CUSTOMER_EVENTS,
    async handle(event, db, env) {
      await refreshCustomerFacts(db, env.clock, event.aggregate_id);
      await refreshCustomerConversations(db, env.clock, event.aggregate_id);
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

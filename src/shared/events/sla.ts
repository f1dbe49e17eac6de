/** Event names owned by the sla module (part of the closed registry in ../events.ts). */
export const SLA_EVENTS = [
  // business calendars
  'business_calendar.created',
  'business_calendar.updated',
  'business_calendar.deleted',
  // SLA policies
  'sla_policy.created',
  'sla_policy.updated',
  'sla_policy.deleted',
  'sla_policy.reordered',
  // applied SLAs on tickets
  'sla.applied',
  'sla.removed',
  'sla.warning',
  'sla.breached',
  'sla.achieved',
  /** breach action "escalate": the routing/escalation module may react (payload: team_id, reason, metric) */
  'sla.escalation_requested',
] as const;

/** The ticket events the SLA engine reacts to (its subscriber; the web SLA panel refreshes after them). */
export const SLA_TICKET_EVENTS = [
  'ticket.created', 'ticket.status_changed', 'ticket.priority_changed', 'ticket.assigned', 'ticket.team_changed',
  'ticket.tags_changed', 'ticket.fields_changed', 'message.added',
] as const;

/**
 * SLAs: ordered policies → an applied SLA per ticket → targets (durable timers) → events
 * (sla.warning / sla.breached / sla.achieved, each once). Business time: src/platform/time; calendars:
 * src/domain/calendars. See docs/sla.md.
 */
export type { SlaPolicy, SlaSubject } from './sla-policy.js';
export { policyMatches, firstMatchingPolicy } from './sla-policy.js';
export { createSlaPolicy } from './commands/create-sla-policy.js';
export { updateSlaPolicy, deleteSlaPolicy, reorderSlaPolicies } from './commands/update-sla-policy.js';
export { listSlaPolicies, getSlaPolicy } from './queries/list-sla-policies.js';
export { getSlaStatus, getSlaBadges, getVisibleSlaBadges, toBadge, type SlaStatus } from './queries/get-sla-status.js';
export { getTicketSla, type TicketSlaView } from './queries/get-ticket-sla.js';
export { applyTicketEventToSla, type TicketEventInput } from './engine/apply-ticket-event.js';
export { SLA_TICKET_EVENTS } from '../../shared/events/sla.js';
export { fireDueSlaTimers, type FireResult } from './engine/fire-due-timers.js';
export { scheduleWakeups, SLA_FIRE_JOB, WAKEUP_BUCKET_MS } from './engine/wakeups.js';
export { backfillSlas } from './commands/backfill-slas.js';

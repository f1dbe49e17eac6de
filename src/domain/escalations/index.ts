/** Cross-functional escalation: a ticket to Engineering / Product / Legal / Ops / Payments, owner unchanged. */
export { ESCALATION_KINDS, REQUIRED_FIELD_TYPES, checkRequiredFields, type Escalation, type EscalationKind, type EscalationTarget, type RequiredField } from './escalation.js';
export { setEscalationTarget, type EscalationTargetInput } from './commands/set-escalation-target.js';
export { escalateTicket, type EscalateTicketInput } from './commands/escalate-ticket.js';
export { closeEscalation, recordEscalationAnswer } from './commands/update-escalation.js';
export { fireOverdueEscalations } from './commands/fire-overdue.js';
export { listEscalations, listEscalationTargets, type EscalationFilter } from './list-escalations.js';

/** Event names owned by the sla module (part of the closed registry in ../events.ts). */
export const SLA_EVENTS = [] as const;

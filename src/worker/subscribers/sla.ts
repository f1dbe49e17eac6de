import type { Subscriber } from '../../platform/events/index.js';

/** Event subscribers of the sla module. */
export const SLA_SUBSCRIBERS: Subscriber[] = [];

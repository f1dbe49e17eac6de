import type { Subscriber } from '../../platform/events/index.js';

/** Event subscribers of the routing module. */
export const ROUTING_SUBSCRIBERS: Subscriber[] = [];

import type { Subscriber } from '../../platform/events/index.js';

/** Event subscribers of the automations module. */
export const AUTOMATIONS_SUBSCRIBERS: Subscriber[] = [];

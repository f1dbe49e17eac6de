import type { Subscriber } from '../../platform/events/index.js';

/** Event subscribers of the analytics module. */
export const ANALYTICS_SUBSCRIBERS: Subscriber[] = [];

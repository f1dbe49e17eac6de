import type { Subscriber } from '../../platform/events/index.js';

/** Event subscribers of the kb module. */
export const KB_SUBSCRIBERS: Subscriber[] = [];

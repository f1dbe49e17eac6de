import type { Subscriber } from '../../platform/events/index.js';

/** Event subscribers of the assistant module. */
export const ASSISTANT_SUBSCRIBERS: Subscriber[] = [];

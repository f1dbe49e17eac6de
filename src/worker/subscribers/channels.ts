import type { Subscriber } from '../../platform/events/index.js';

/** Event subscribers of the channels module. */
export const CHANNELS_SUBSCRIBERS: Subscriber[] = [];

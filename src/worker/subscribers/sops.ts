import type { Subscriber } from '../../platform/events/index.js';

/** Event subscribers of the sops module. */
export const SOPS_SUBSCRIBERS: Subscriber[] = [];

import type { Subscriber } from '../../platform/events/index.js';

/** Event subscribers of the compliance module. */
export const COMPLIANCE_SUBSCRIBERS: Subscriber[] = [];

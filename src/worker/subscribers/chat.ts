import type { Subscriber } from '../../platform/events/index.js';

/** Event subscribers of the chat module. */
export const CHAT_SUBSCRIBERS: Subscriber[] = [];

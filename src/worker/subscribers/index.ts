import type { Subscriber } from '../../platform/events/index.js';
import { liveUpdates } from './live-updates.js';

/** Every event subscriber in the app. Later modules (SLA, automations, analytics, webhooks) add theirs here. */
export const SUBSCRIBERS: Subscriber[] = [liveUpdates];

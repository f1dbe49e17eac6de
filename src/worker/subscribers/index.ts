import type { Subscriber } from '../../platform/events/index.js';
import { liveUpdates } from './live-updates.js';
import { CHANNELS_SUBSCRIBERS } from './channels.js';
import { CHAT_SUBSCRIBERS } from './chat.js';
import { SLA_SUBSCRIBERS } from './sla.js';
import { ROUTING_SUBSCRIBERS } from './routing.js';
import { SOPS_SUBSCRIBERS } from './sops.js';
import { AUTOMATIONS_SUBSCRIBERS } from './automations.js';
import { KB_SUBSCRIBERS } from './kb.js';
import { ASSISTANT_SUBSCRIBERS } from './assistant.js';
import { COMPLIANCE_SUBSCRIBERS } from './compliance.js';
import { ANALYTICS_SUBSCRIBERS } from './analytics.js';

/** Every event subscriber in the app: the core's, then each module's (its own file here). */
export const SUBSCRIBERS: Subscriber[] = [
  liveUpdates,
  ...CHANNELS_SUBSCRIBERS,
  ...CHAT_SUBSCRIBERS,
  ...SLA_SUBSCRIBERS,
  ...ROUTING_SUBSCRIBERS,
  ...SOPS_SUBSCRIBERS,
  ...AUTOMATIONS_SUBSCRIBERS,
  ...KB_SUBSCRIBERS,
  ...ASSISTANT_SUBSCRIBERS,
  ...COMPLIANCE_SUBSCRIBERS,
  ...ANALYTICS_SUBSCRIBERS,
];

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

/**
 * Subscribers whose work someone is watching live (a visitor waiting for the agent's reply, an agent's open ticket
 * view): their own consumer group and dispatcher, so they never wait behind the bulk lane (ADR 0003).
 */
export const REALTIME_SUBSCRIBERS: Subscriber[] = [liveUpdates, ...CHAT_SUBSCRIBERS];

/** Everything else: each module's subscribers (its own file here). */
export const WORKER_SUBSCRIBERS: Subscriber[] = [
  ...CHANNELS_SUBSCRIBERS,
  ...SLA_SUBSCRIBERS,
  ...ROUTING_SUBSCRIBERS,
  ...SOPS_SUBSCRIBERS,
  ...AUTOMATIONS_SUBSCRIBERS,
  ...KB_SUBSCRIBERS,
  ...ASSISTANT_SUBSCRIBERS,
  ...COMPLIANCE_SUBSCRIBERS,
  ...ANALYTICS_SUBSCRIBERS,
];

/** Every event subscriber in the app. */
export const SUBSCRIBERS: Subscriber[] = [...REALTIME_SUBSCRIBERS, ...WORKER_SUBSCRIBERS];

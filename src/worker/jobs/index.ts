import type { AnyJobDef } from '../../platform/jobs/index.js';
import { CHANNELS_JOBS } from './channels.js';
import { CHAT_JOBS } from './chat.js';
import { SLA_JOBS } from './sla.js';
import { ROUTING_JOBS } from './routing.js';
import { SOPS_JOBS } from './sops.js';
import { AUTOMATIONS_JOBS } from './automations.js';
import { KB_JOBS } from './kb.js';
import { ASSISTANT_JOBS } from './assistant.js';
import { COMPLIANCE_JOBS } from './compliance.js';
import { ANALYTICS_JOBS } from './analytics.js';

/** Every background job in the app; each module lists its own in its file here. */
export const JOBS: AnyJobDef[] = [
  ...CHANNELS_JOBS,
  ...CHAT_JOBS,
  ...SLA_JOBS,
  ...ROUTING_JOBS,
  ...SOPS_JOBS,
  ...AUTOMATIONS_JOBS,
  ...KB_JOBS,
  ...ASSISTANT_JOBS,
  ...COMPLIANCE_JOBS,
  ...ANALYTICS_JOBS,
];

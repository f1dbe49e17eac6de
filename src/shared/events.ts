import { CHANNELS_EVENTS } from './events/channels.js';
import { CHAT_EVENTS } from './events/chat.js';
import { SLA_EVENTS } from './events/sla.js';
import { ROUTING_EVENTS } from './events/routing.js';
import { SOPS_EVENTS } from './events/sops.js';
import { AUTOMATIONS_EVENTS } from './events/automations.js';
import { KB_EVENTS } from './events/kb.js';
import { ASSISTANT_EVENTS } from './events/assistant.js';
import { COMPLIANCE_EVENTS } from './events/compliance.js';
import { ANALYTICS_EVENTS } from './events/analytics.js';

/**
 * The closed registry of event names. Every change in Switchboard appends exactly one of these
 * (dotted, past tense). Add a name here before emitting it; the type system rejects anything else.
 */
export const EVENT_NAMES = [
  'workspace.created',
  'brand.created',
  'brand.updated',
  'team.created',
  'team.updated',
  'team.member_added',
  'team.member_removed',
  'user.created',
  'user.updated',
  'user.locked',
  'user.logged_in',
  'api_token.created',
  'api_token.revoked',
  'organization.created',
  'organization.updated',
  'customer.created',
  'customer.updated',
  'customer.identity_added',
  'customer.identity_removed',
  'custom_field.created',
  'custom_field.updated',
  'ticket.created',
  'ticket.imported',
  'ticket.status_changed',
  'ticket.priority_changed',
  'ticket.assigned',
  'ticket.team_changed',
  'ticket.tags_changed',
  'ticket.fields_changed',
  'ticket.shared',
  'ticket.merged',
  'ticket.follow_up_created',
  'message.added',
  'attachment.uploaded',
  'view.created',
  'view.deleted',
  ...CHANNELS_EVENTS,
  ...CHAT_EVENTS,
  ...SLA_EVENTS,
  ...ROUTING_EVENTS,
  ...SOPS_EVENTS,
  ...AUTOMATIONS_EVENTS,
  ...KB_EVENTS,
  ...ASSISTANT_EVENTS,
  ...COMPLIANCE_EVENTS,
  ...ANALYTICS_EVENTS,
] as const;

export type EventName = (typeof EVENT_NAMES)[number];

export function isEventName(s: string): s is EventName {
  return (EVENT_NAMES as readonly string[]).includes(s);
}

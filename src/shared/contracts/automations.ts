import { z } from 'zod';
import { PRIORITIES, TICKET_STATUSES } from '../enums.js';
import { ZIso } from './common.js';

/** Ticket facts a condition can test. `custom_fields.<key>` is allowed too. */
export const CONDITION_FIELDS = [
  'status', 'priority', 'channel', 'brand_id', 'team_id', 'assignee_id', 'requester_id', 'tags', 'subject', 'country',
  'language', 'hours_since_created', 'hours_since_updated', 'hours_in_status', 'event', 'event_actor', 'message_public',
] as const;
export const CONDITION_OPS = ['is', 'is_not', 'in', 'not_in', 'contains', 'not_contains', 'gt', 'gte', 'lt', 'lte', 'present', 'blank'] as const;

export const ZCondition = z.strictObject({
  field: z.string().min(1).max(100),
  op: z.enum(CONDITION_OPS),
  value: z.unknown().optional(),
});
export const ZConditions = z
  .strictObject({ all: z.array(ZCondition).max(50).default([]), any: z.array(ZCondition).max(50).default([]) })
  .meta({ id: 'RuleConditions', description: 'Every condition in `all` and at least one in `any` (when `any` is not empty) must hold.' });

const ZLangBodies = z.record(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'language code like en or pt-BR'), z.string().min(1).max(20_000));

export const ZAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('set_status'), value: z.enum(TICKET_STATUSES) }),
  z.strictObject({ type: z.literal('set_priority'), value: z.enum(PRIORITIES) }),
  z.strictObject({ type: z.literal('set_team'), value: z.string().nullable() }),
  z.strictObject({ type: z.literal('set_assignee'), value: z.string().nullable() }),
  z.strictObject({ type: z.literal('add_tags'), value: z.array(z.string()).min(1).max(20) }),
  z.strictObject({ type: z.literal('remove_tags'), value: z.array(z.string()).min(1).max(20) }),
  z.strictObject({ type: z.literal('set_field'), key: z.string().min(1), value: z.unknown() }),
  z.strictObject({ type: z.literal('add_note'), body: z.string().min(1).max(20_000) }),
  z.strictObject({ type: z.literal('send_reply'), bodies: ZLangBodies }),
  z.strictObject({ type: z.literal('notify_webhook'), webhook_id: z.string() }),
]).meta({ id: 'RuleAction' });
export type RuleAction = z.infer<typeof ZAction>;
export type RuleCondition = z.infer<typeof ZCondition>;
export type RuleConditions = z.infer<typeof ZConditions>;

export const ZMacroInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(1000).optional(),
  personal: z.boolean().optional(),
  active: z.boolean().optional(),
  replies: z.record(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/), z.strictObject({ body: z.string().min(1).max(20_000), public: z.boolean().default(true) })).default({}),
  actions: z.array(ZAction).max(20).default([]),
});
export type MacroInput = z.infer<typeof ZMacroInput>;
export const ZMacro = z.object({
  id: z.string(), name: z.string(), description: z.string(), owner_id: z.string().nullable(), active: z.boolean(),
  replies: z.record(z.string(), z.object({ body: z.string(), public: z.boolean() })), actions: z.array(ZAction), usage_count: z.number(),
  version: z.number(), created_at: ZIso, updated_at: ZIso,
}).meta({ id: 'Macro' });

export const ZRuleInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  on_events: z.array(z.string()).max(30).optional(),
  conditions: ZConditions.default({ all: [], any: [] }),
  actions: z.array(ZAction).min(1).max(20),
});
export type RuleInput = z.infer<typeof ZRuleInput>;
export const ZRule = z.object({
  id: z.string(), kind: z.enum(['trigger', 'automation']), name: z.string(), position: z.number(), active: z.boolean(), on_events: z.array(z.string()),
  conditions: ZConditions, actions: z.array(ZAction), fire_count: z.number(), version: z.number(), created_at: ZIso, updated_at: ZIso,
}).meta({ id: 'AutomationRule' });

export const ZWebhookInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  events: z.array(z.string()).min(1).max(100),
  active: z.boolean().optional(),
});
export type WebhookInput = z.infer<typeof ZWebhookInput>;
export const ZWebhook = z.object({
  id: z.string(), name: z.string(), url: z.string(), events: z.array(z.string()), active: z.boolean(), version: z.number(),
  created_at: ZIso, updated_at: ZIso, secret: z.string().optional().describe('Only returned when created or rotated'),
}).meta({ id: 'Webhook' });
export const ZWebhookDelivery = z.object({
  id: z.string(), webhook_id: z.string(), event_id: z.string(), event_name: z.string(), status: z.enum(['pending', 'succeeded', 'dead']),
  attempts: z.number(), next_attempt_at: ZIso, last_status_code: z.number().nullable(), last_error: z.string().nullable(),
  last_duration_ms: z.number().nullable(), created_at: ZIso, updated_at: ZIso, body: z.string().optional(),
}).meta({ id: 'WebhookDelivery' });

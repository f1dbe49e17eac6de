import { z } from 'zod';

/**
 * The SOP definition: what one version of an SOP says. Stored as JSON (sop_versions.definition) and edited
 * as YAML (see yaml.ts). The schema is structural; validate.ts adds the semantic checks (references,
 * reachability, cycles, placeholders).
 */

const Id = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, "_" or "-", starting with a letter');
const Str = z.string().trim().min(1);
const StrList = z.array(Str).min(1);

/** A condition over the ticket, the collected fields and the step results. Structured, no eval. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: string; op: CondOp; value?: unknown };
export const COND_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'exists', 'missing'] as const;
export type CondOp = (typeof COND_OPS)[number];

export const ZCondition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ZCondition).min(1) }),
    z.strictObject({ any: z.array(ZCondition).min(1) }),
    z.strictObject({ not: ZCondition }),
    z.strictObject({ field: Str, op: z.enum(COND_OPS), value: z.unknown().optional() }),
  ]),
);

export const ZAppliesWhen = z.strictObject({
  brand: StrList.optional().describe('brand slugs'),
  channel: StrList.optional(),
  country: StrList.optional(),
  language: StrList.optional(),
  tags_any: StrList.optional(),
  tags_all: StrList.optional(),
  intent: StrList.optional().describe('detected intent (ticket custom field "intent" or an intent:* tag)'),
  customer_tier: StrList.optional(),
  fields: z.record(z.string(), z.unknown()).optional().describe('custom field key → required value'),
});
export type AppliesWhen = z.infer<typeof ZAppliesWhen>;

export const FIELD_TYPES = ['text', 'number', 'boolean', 'date', 'choice'] as const;
export const ZCollectField = z.strictObject({
  key: Id,
  label: Str,
  type: z.enum(FIELD_TYPES),
  options: StrList.optional(),
  /** Write the value to this ticket custom field (default: the key) when the SOP writes to the ticket. */
  ticket_field: z.string().optional(),
});
export type CollectField = z.infer<typeof ZCollectField>;

const Base = {
  id: Id,
  title: Str,
  /** Required before the ticket may be solved. */
  required: z.boolean().optional(),
  /** Next step id; default: the next step in the list; "end" finishes. */
  next: z.string().optional(),
  /** An unattended run may execute this step without a human. */
  auto: z.boolean().optional(),
};

export const ZAction = z.union([
  z.strictObject({ set_fields: z.record(z.string(), z.unknown()) }),
  z.strictObject({ add_tags: StrList }),
  z.strictObject({ remove_tags: StrList }),
  z.strictObject({ route: z.strictObject({ team: Str, priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(), escalation: z.boolean().optional() }) }),
  z.strictObject({
    http: z.strictObject({
      action: Id.describe('key of a configured HTTP action (auth and URL live there)'),
      body: z.record(z.string(), z.unknown()).optional(),
      save: z.record(Id, z.string()).optional().describe('collected field ← top-level key path in the JSON response, e.g. refund_id: id'),
    }),
  }),
]);
export type Action = z.infer<typeof ZAction>;

export const ZStep = z.discriminatedUnion('type', [
  z.strictObject({ ...Base, type: z.literal('checklist'), items: StrList }),
  z.strictObject({
    ...Base, type: z.literal('decision'), question: Str,
    branches: z.array(z.strictObject({ label: Str, when: ZCondition.optional(), goto: Str })).min(2),
  }),
  z.strictObject({ ...Base, type: z.literal('collect'), fields: StrList }),
  z.strictObject({ ...Base, type: z.literal('reply'), templates: z.record(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'language code like en or pt-BR'), Str), public: z.boolean().optional() }),
  z.strictObject({ ...Base, type: z.literal('action'), actions: z.array(ZAction).min(1) }),
  z.strictObject({
    ...Base, type: z.literal('wait'),
    for: z.union([
      z.strictObject({ duration: z.string().regex(/^\d+(m|h|d)$/, 'a duration like 30m, 24h or 3d') }),
      z.strictObject({ event: z.enum(['customer_reply', 'ticket_updated']), timeout: z.string().regex(/^\d+(m|h|d)$/).optional() }),
    ]),
  }),
]);
export type Step = z.infer<typeof ZStep>;
export type StepType = Step['type'];

export const ZGuardrail = z.union([
  z.strictObject({ id: Id, kind: z.literal('requires_step'), before: Str, requires: Str, message: Str }),
  z.strictObject({ id: Id, kind: z.literal('max_amount'), max: z.number().positive(), field: z.string().optional(), message: Str }),
  z.strictObject({ id: Id, kind: z.literal('handoff'), when: ZCondition, team: Str.optional(), message: Str }),
]);
export type Guardrail = z.infer<typeof ZGuardrail>;

export const ZTestCase = z.strictObject({
  name: Str,
  ticket: z.strictObject({
    subject: z.string().optional(),
    channel: z.string().optional(),
    brand: z.string().optional(),
    country: z.string().optional(),
    language: z.string().optional(),
    tags: z.array(z.string()).optional(),
    custom_fields: z.record(z.string(), z.unknown()).optional(),
    customer_tier: z.string().optional(),
    customer_name: z.string().optional(),
  }),
  /** Per step id: decision branch label, collected values, or "done". */
  inputs: z.record(z.string(), z.unknown()).optional(),
  /** Stubbed HTTP action responses by action key. */
  http: z.record(z.string(), z.unknown()).optional(),
  expect: z.strictObject({
    steps: z.array(z.string()).optional().describe('the step ids taken, in order'),
    fields: z.record(z.string(), z.unknown()).optional(),
    messages: z.array(z.string()).optional().describe('each a substring of one sent reply, in order'),
    tags: z.array(z.string()).optional(),
    status: z.enum(['completed', 'waiting', 'needs_input', 'handed_off', 'failed']).optional(),
    no_guardrail_violations: z.boolean().optional(),
    violations: z.array(z.string()).optional().describe('guardrail ids expected to fire'),
  }),
});
export type TestCase = z.infer<typeof ZTestCase>;

export const ZSopDefinition = z.strictObject({
  key: Id,
  name: Str,
  owner: Str,
  purpose: Str,
  applies_when: ZAppliesWhen.default({}),
  fields: z.array(ZCollectField).default([]),
  steps: z.array(ZStep).min(1),
  guardrails: z.array(ZGuardrail).default([]),
  tests: z.array(ZTestCase).default([]),
});
export type SopDefinition = z.infer<typeof ZSopDefinition>;

/** Where a run of a version is. */
export const RUN_STATUSES = ['needs_input', 'waiting', 'completed', 'failed', 'handed_off'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

import { z } from 'zod';
import { CHANNELS, PRIORITIES, TICKET_STATUSES } from '../enums.js';
import { ZId, ZIso } from './common.js';

/* ---------- business calendars ---------- */
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const CALENDAR_SCOPES = ['workspace', 'team', 'brand', 'market'] as const;

export const ZWorkingInterval = z.object({
  start: z.string().regex(/^\d{2}:\d{2}$/, 'HH:MM'),
  end: z.string().regex(/^\d{2}:\d{2}$/, 'HH:MM (24:00 allowed)'),
}).strict();
export const ZWeek = z.object(Object.fromEntries(WEEKDAY_KEYS.map((k) => [k, z.array(ZWorkingInterval).max(12).optional()])) as Record<(typeof WEEKDAY_KEYS)[number], z.ZodOptional<z.ZodArray<typeof ZWorkingInterval>>>).strict();
export const ZHoliday = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  name: z.string().max(200).optional(),
  yearly: z.boolean().optional(),
}).strict();

export const ZCreateCalendar = z.object({
  name: z.string().trim().min(1).max(120),
  scope_type: z.enum(CALENDAR_SCOPES).default('workspace'),
  scope_id: z.string().max(64).nullable().optional().describe('team id, brand id, or ISO country code (market)'),
  time_zone: z.string().min(1).max(64).describe('IANA zone, e.g. Europe/Dublin'),
  week: ZWeek,
  holidays: z.array(ZHoliday).max(2000).default([]),
}).strict();
export type CreateCalendarBody = z.infer<typeof ZCreateCalendar>;

export const ZUpdateCalendar = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  time_zone: z.string().min(1).max(64).optional(),
  week: ZWeek.optional(),
  holidays: z.array(ZHoliday).max(2000).optional(),
  version: z.number().int().optional(),
}).strict();

export const ZImportIcs = z.object({
  ics: z.string().min(1).max(2_000_000),
  from_year: z.number().int().min(1970).max(2200).optional(),
  to_year: z.number().int().min(1970).max(2200).optional(),
  replace: z.boolean().default(false).describe('replace the holidays instead of adding to them'),
}).strict();

export const ZCalendar = z.object({
  id: z.string(),
  name: z.string(),
  scope_type: z.enum(CALENDAR_SCOPES),
  scope_id: z.string().nullable(),
  time_zone: z.string(),
  week: ZWeek,
  holidays: z.array(ZHoliday),
  version: z.number(),
  created_at: ZIso,
  updated_at: ZIso,
}).meta({ id: 'BusinessCalendar' });

export const ZCalendarCompute = z.object({
  start: ZIso,
  minutes: z.number().int().min(0).max(10 * 525_600).optional(),
  end: ZIso.optional(),
}).strict();
export const ZCalendarComputeResult = z.object({
  due_at: ZIso.nullable(),
  business_minutes_between: z.number().nullable(),
});

/* ---------- SLA policies ---------- */
export const SLA_METRICS = ['first_reply', 'next_reply', 'periodic_update', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export const ZSlaConditions = z.object({
  brand_ids: z.array(ZId).optional(),
  channels: z.array(z.enum(CHANNELS)).optional(),
  priorities: z.array(z.enum(PRIORITIES)).optional(),
  customer_tiers: z.array(z.string().min(1).max(40)).optional(),
  countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, upper case')).optional(),
  tags_any: z.array(z.string().min(1).max(64)).optional(),
  tags_all: z.array(z.string().min(1).max(64)).optional(),
  tags_none: z.array(z.string().min(1).max(64)).optional(),
  custom_fields: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()])).min(1)).optional(),
}).strict();
export type SlaConditions = z.infer<typeof ZSlaConditions>;

export const ZSlaTarget = z.object({
  metric: z.enum(SLA_METRICS),
  minutes: z.number().int().min(1).max(525_600),
  business: z.boolean().default(true).describe('count business time of the calendar (false: calendar time)'),
  warn_minutes: z.number().int().min(0).max(525_600).optional().describe('warn this long before the target (default 20%)'),
}).strict();
export type SlaTargetSpec = z.infer<typeof ZSlaTarget>;

const metricsFilter = z.array(z.enum(SLA_METRICS)).optional().describe('only for these metrics (default all)');
export const ZBreachAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('notify'), user_ids: z.array(ZId).max(50).optional(), notify_assignee: z.boolean().default(true), metrics: metricsFilter }).strict(),
  z.object({ type: z.literal('raise_priority'), to: z.enum(PRIORITIES).optional().describe('default: one step up'), metrics: metricsFilter }).strict(),
  z.object({ type: z.literal('reassign'), team_id: ZId.nullable().optional(), assignee_id: ZId.nullable().optional(), metrics: metricsFilter }).strict(),
  z.object({ type: z.literal('escalate'), team_id: ZId, reason: z.string().min(1).max(500), metrics: metricsFilter }).strict(),
]);
export type BreachAction = z.infer<typeof ZBreachAction>;

export const ZCreateSlaPolicy = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2000).default(''),
  is_active: z.boolean().default(true),
  position: z.number().int().min(0).optional().describe('0 = first; default last'),
  conditions: ZSlaConditions.default({}),
  targets: z.array(ZSlaTarget).min(1).max(4),
  pause_statuses: z.array(z.enum(TICKET_STATUSES)).default(['pending', 'on_hold']),
  calendar_id: ZId.nullable().optional(),
  breach_actions: z.array(ZBreachAction).max(10).default([]),
}).strict();
export type CreateSlaPolicyBody = z.infer<typeof ZCreateSlaPolicy>;

export const ZUpdateSlaPolicy = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().max(2000).optional(),
  is_active: z.boolean().optional(),
  conditions: ZSlaConditions.optional(),
  targets: z.array(ZSlaTarget).min(1).max(4).optional(),
  pause_statuses: z.array(z.enum(TICKET_STATUSES)).optional(),
  calendar_id: ZId.nullable().optional(),
  breach_actions: z.array(ZBreachAction).max(10).optional(),
  version: z.number().int().optional(),
}).strict();
export type UpdateSlaPolicyBody = z.infer<typeof ZUpdateSlaPolicy>;

export const ZReorderSlaPolicies = z.object({ ids: z.array(ZId).min(1).max(500) }).strict();

export const ZSlaPolicy = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  position: z.number(),
  is_active: z.boolean(),
  conditions: ZSlaConditions,
  targets: z.array(z.object({ metric: z.enum(SLA_METRICS), minutes: z.number(), business: z.boolean(), warn_minutes: z.number().optional() })),
  pause_statuses: z.array(z.enum(TICKET_STATUSES)),
  calendar_id: z.string().nullable(),
  breach_actions: z.array(z.record(z.string(), z.unknown())),
  version: z.number(),
  created_at: ZIso,
  updated_at: ZIso,
}).meta({ id: 'SlaPolicy' });

/* ---------- applied SLAs ---------- */
export const SLA_TARGET_STATES = ['running', 'paused', 'achieved', 'breached', 'stopped'] as const;
export const ZSlaTargetStatus = z.object({
  metric: z.enum(SLA_METRICS),
  cycle: z.number(),
  business: z.boolean(),
  target_minutes: z.number(),
  started_at: ZIso,
  due_at: ZIso.nullable(),
  remaining_ms: z.number().describe('business (or calendar) ms left; negative once missed'),
  state: z.enum(SLA_TARGET_STATES),
  is_breached: z.boolean(),
  warned_at: ZIso.nullable(),
  breached_at: ZIso.nullable(),
  achieved_at: ZIso.nullable(),
  stopped_at: ZIso.nullable(),
});
export const ZTicketSla = z.object({
  ticket_id: z.string(),
  policy: z.object({ id: z.string(), name: z.string(), version: z.number() }).nullable(),
  calendar: z.object({ id: z.string().nullable(), name: z.string(), time_zone: z.string() }).nullable(),
  targets: z.array(ZSlaTargetStatus),
  history: z.array(z.object({ policy_id: z.string(), policy_name: z.string(), policy_version: z.number(), reason: z.string(), applied_at: ZIso, replaced_at: ZIso.nullable() })),
}).meta({ id: 'TicketSla' });

/** The compact badge on ticket lists / the ticket header: the next live target. */
export const ZSlaBadge = z.object({
  metric: z.enum(SLA_METRICS),
  due_at: ZIso.nullable(),
  remaining_ms: z.number(),
  business: z.boolean(),
  state: z.enum(['ok', 'warning', 'breached', 'paused']),
}).meta({ id: 'SlaBadge' });
export type SlaBadge = z.infer<typeof ZSlaBadge>;

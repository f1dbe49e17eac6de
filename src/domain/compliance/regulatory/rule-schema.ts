import { z } from 'zod';
import type { RuleDef } from './rule-types.js';

const ZStep = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('calendar_months'), months: z.number().int().min(1).max(24) }),
  z.strictObject({ kind: z.literal('calendar_days'), days: z.number().int().min(1).max(3660) }),
  z.strictObject({ kind: z.literal('weeks'), weeks: z.number().int().min(1).max(104) }),
  z.strictObject({ kind: z.literal('business_days'), days: z.number().int().min(1).max(500) }),
  z.strictObject({ kind: z.literal('hours'), hours: z.number().int().min(1).max(8760) }),
]);

/** Validates a rule definition counsel publishes (the same shape as the builtin rules). */
export const ZRuleDef = z.strictObject({
  key: z.string().regex(/^[a-z0-9_]+\.[a-z0-9_]+$/),
  version: z.number().int().min(1),
  regime: z.enum(['GDPR', 'UK_GDPR', 'PSD2', 'CCPA', 'LGPD', 'FCA', 'DSA', 'PDPA']),
  label: z.string().min(1).max(200),
  ref: z.string().max(40),
  default_country: z.string().min(2).max(8),
  clocks: z.array(z.strictObject({
    name: z.string().regex(/^[a-z_]+$/).max(40),
    step: ZStep,
    from: z.enum(['received', 'start_at']).optional(),
    roll_to_business_day: z.boolean().optional(),
    label: z.string().max(200).optional(),
  })).min(1).max(10),
  primary: z.string().max(40),
  extension: z.strictObject({
    step: ZStep, from: z.literal('received'), max: z.literal(1), reason_required: z.literal(true), before_original_due: z.literal(true),
    roll_to_business_day: z.boolean().optional(),
  }).optional(),
  holding_reply: z.strictObject({ step: ZStep, reason_required: z.literal(true), before_original_due: z.literal(true) }).optional(),
  pause_allowed: z.boolean().optional(),
  warn_days: z.number().int().min(0).max(60),
}).refine((r) => r.clocks.some((c) => c.name === r.primary), { message: 'primary must name one of the clocks', path: ['primary'] });

export function parseRuleDef(x: unknown): RuleDef {
  return ZRuleDef.parse(x) as RuleDef;
}

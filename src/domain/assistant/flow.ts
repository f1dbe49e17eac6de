/**
 * What the assistant runs for an intent: a flow of steps derived from the intent's SOP (automatable steps
 * only). Kept as our own narrow shape so the engine does not depend on how the SOP module stores SOPs.
 */
import { z } from 'zod';

export const FIELD_KINDS = ['text', 'number', 'amount', 'email', 'date', 'choice', 'boolean', 'order_id'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

const ZField = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  prompt: z.string().min(1),
  kind: z.enum(FIELD_KINDS),
  options: z.array(z.string().min(1)).optional(),
  /** amount: inclusive bounds. */
  min: z.number().optional(),
  max: z.number().optional(),
});
export type FlowField = z.infer<typeof ZField>;

export interface FlowCondition {
  field: string;
  op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'exists';
  value?: unknown;
}
const ZCondition = z.strictObject({ field: z.string(), op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists']), value: z.unknown().optional() });

const Base = { id: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/), next: z.string().optional() };
export const ZFlowStep = z.discriminatedUnion('type', [
  z.strictObject({ ...Base, type: z.literal('collect'), fields: z.array(ZField).min(1) }),
  z.strictObject({ ...Base, type: z.literal('decision'), branches: z.array(z.strictObject({ when: ZCondition.optional(), goto: z.string() })).min(1) }),
  z.strictObject({ ...Base, type: z.literal('reply'), text: z.string().min(1) }),
  z.strictObject({
    ...Base,
    type: z.literal('action'),
    action: z.string().min(1),
    body: z.record(z.string(), z.unknown()).default({}),
    /** Payment-sensitive: needs an SCA step-up bound to this amount (0 without amount_field) and payee. */
    payment: z.strictObject({ amount_field: z.string().optional(), payee_field: z.string(), currency: z.string().length(3) }).optional(),
    save: z.record(z.string(), z.string()).optional(),
    on_error: z.enum(['handoff', 'continue']).default('handoff'),
  }),
  z.strictObject({ ...Base, type: z.literal('human'), title: z.string().min(1), team: z.string().optional() }),
]);
export type FlowStep = z.infer<typeof ZFlowStep>;

export const ZFlow = z.strictObject({
  name: z.string().min(1),
  steps: z.array(ZFlowStep).min(1),
  /** SOP limits: the assistant never acts beyond them. */
  limits: z.strictObject({ max_amount: z.number().positive().optional() }).default({}),
  /** Re-asks per step before handing off. */
  max_turns_per_step: z.number().int().min(1).max(10).default(3),
  done_text: z.string().optional(),
});
export type AssistantFlow = z.infer<typeof ZFlow>;
export type FlowInput = z.input<typeof ZFlow>;

export function parseFlow(input: unknown): AssistantFlow {
  const flow = ZFlow.parse(input);
  const ids = new Set(flow.steps.map((s) => s.id));
  for (const s of flow.steps) {
    const targets = [s.next, ...(s.type === 'decision' ? s.branches.map((b) => b.goto) : [])].filter((x): x is string => !!x);
    for (const t of targets) if (t !== 'end' && !ids.has(t)) throw new Error(`step ${s.id}: unknown next step "${t}"`);
  }
  return flow;
}

export type FieldValue = string | number | boolean;

/** Parse one typed answer; null = invalid (the assistant re-asks). */
export function parseFieldValue(field: FlowField, raw: string): FieldValue | null {
  const t = raw.trim();
  if (!t) return null;
  switch (field.kind) {
    case 'text':
      return t.length <= 500 ? t : null;
    case 'number': {
      const m = t.match(/-?\d+(?:[.,]\d+)?/);
      if (!m) return null;
      const n = Number(m[0].replace(',', '.'));
      if (field.min !== undefined && n < field.min) return null;
      if (field.max !== undefined && n > field.max) return null;
      return n;
    }
    case 'amount': {
      const m = t.replace(/(\d)[ '](?=\d{3}\b)/g, '$1').match(/\d+(?:[.,]\d{1,2})?/);
      if (!m) return null;
      const n = Math.round(Number(m[0].replace(',', '.')) * 100) / 100;
      if (!(n > 0)) return null;
      if (field.min !== undefined && n < field.min) return null;
      if (field.max !== undefined && n > field.max) return null;
      return n;
    }
    case 'email': {
      const m = t.match(/[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i);
      return m ? m[0].toLowerCase() : null;
    }
    case 'date': {
      const m = t.match(/\b(\d{4})-(\d{2})-(\d{2})\b/);
      if (!m) return null;
      const d = new Date(`${m[0]}T00:00:00Z`);
      return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== m[0] ? null : m[0];
    }
    case 'choice': {
      const opts = field.options ?? [];
      const low = t.toLowerCase();
      const byNumber = /^\d+$/.test(low) ? opts[Number(low) - 1] : undefined;
      return byNumber ?? opts.find((o) => o.toLowerCase() === low) ?? opts.find((o) => low.includes(o.toLowerCase())) ?? null;
    }
    case 'boolean': {
      if (/^(yes|y|true|ja|oui|sí|si)\b/i.test(t)) return true;
      if (/^(no|n|false|nein|non)\b/i.test(t)) return false;
      return null;
    }
    case 'order_id': {
      const m = t.match(/\b[A-Z]{0,4}-?\d{4,12}\b/i);
      return m ? m[0].toUpperCase() : null;
    }
  }
}

export function conditionHolds(c: FlowCondition | undefined, data: Record<string, FieldValue | null>): boolean {
  if (!c) return true;
  const v = data[c.field];
  switch (c.op) {
    case 'exists':
      return v !== undefined && v !== null;
    case 'eq':
      return v === c.value;
    case 'ne':
      return v !== c.value;
    case 'in':
      return Array.isArray(c.value) && c.value.includes(v);
    default: {
      const a = Number(v);
      const b = Number(c.value);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      return c.op === 'gt' ? a > b : c.op === 'gte' ? a >= b : c.op === 'lt' ? a < b : a <= b;
    }
  }
}

/** "{{key}}" placeholders in action bodies and reply texts, from collected data. */
export function fillTemplate(value: unknown, data: Record<string, FieldValue | null>): unknown {
  if (typeof value === 'string') {
    const whole = value.match(/^\{\{\s*([a-z0-9_]+)\s*\}\}$/);
    if (whole) return data[whole[1]] ?? null;
    return value.replace(/\{\{\s*([a-z0-9_]+)\s*\}\}/g, (_, k: string) => String(data[k] ?? ''));
  }
  if (Array.isArray(value)) return value.map((v) => fillTemplate(v, data));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillTemplate(v, data)]));
  return value;
}

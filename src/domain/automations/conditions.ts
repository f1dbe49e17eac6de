import { invalid } from '../../platform/errors.js';
import { CONDITION_FIELDS, type RuleCondition, type RuleConditions } from '../../shared/contracts/automations.js';
import { PRIORITIES, TICKET_STATUSES } from '../../shared/enums.js';

/** Everything a condition can look at: the ticket now, plus (for triggers) the event that woke the rule. */
export interface TicketFacts {
  status: string;
  priority: string;
  channel: string;
  brand_id: string;
  team_id: string | null;
  assignee_id: string | null;
  requester_id: string;
  tags: string[];
  subject: string;
  country: string | null;
  language: string | null;
  custom_fields: Record<string, unknown>;
  hours_since_created: number;
  hours_since_updated: number;
  hours_in_status: number;
  event?: string;
  event_actor?: string;
  message_public?: boolean;
}

const NUMERIC = new Set(['hours_since_created', 'hours_since_updated', 'hours_in_status']);
const ORDER: Record<string, readonly string[]> = { priority: PRIORITIES, status: TICKET_STATUSES };

function valueOf(f: TicketFacts, field: string): unknown {
  if (field.startsWith('custom_fields.')) return f.custom_fields[field.slice('custom_fields.'.length)];
  return (f as unknown as Record<string, unknown>)[field];
}

/** Reject unknown fields, ops that make no sense for the field, and missing values — with the path. */
export function validateConditions(c: RuleConditions, path = 'conditions'): void {
  const errors: Array<{ path: string; message: string }> = [];
  (['all', 'any'] as const).forEach((group) =>
    c[group].forEach((cond, i) => {
      const p = `${path}.${group}[${i}]`;
      const known = (CONDITION_FIELDS as readonly string[]).includes(cond.field) || /^custom_fields\.[a-z0-9_]+$/.test(cond.field);
      if (!known) errors.push({ path: `${p}.field`, message: `Unknown field "${cond.field}"; use one of ${CONDITION_FIELDS.join(', ')} or custom_fields.<key>` });
      const needsValue = cond.op !== 'present' && cond.op !== 'blank';
      if (needsValue && cond.value === undefined) errors.push({ path: `${p}.value`, message: `"${cond.op}" needs a value` });
      if (['in', 'not_in'].includes(cond.op) && !Array.isArray(cond.value)) errors.push({ path: `${p}.value`, message: `"${cond.op}" needs a list` });
      if (['gt', 'gte', 'lt', 'lte'].includes(cond.op) && !NUMERIC.has(cond.field) && !ORDER[cond.field] && !cond.field.startsWith('custom_fields.')) {
        errors.push({ path: `${p}.op`, message: `"${cond.op}" only applies to numbers, priority or status` });
      }
      if (NUMERIC.has(cond.field) && needsValue && typeof cond.value !== 'number') errors.push({ path: `${p}.value`, message: `${cond.field} compares with a number of hours` });
      if (ORDER[cond.field] && needsValue) {
        const vals = Array.isArray(cond.value) ? cond.value : [cond.value];
        for (const v of vals) if (!ORDER[cond.field].includes(String(v))) errors.push({ path: `${p}.value`, message: `"${String(v)}" is not a ${cond.field} (${ORDER[cond.field].join(', ')})` });
      }
    }),
  );
  if (errors.length) throw invalid('INVALID_CONDITIONS', `${errors[0].path}: ${errors[0].message}`, { errors });
}

function compare(a: unknown, b: unknown, field: string): number {
  const order = ORDER[field];
  if (order) return order.indexOf(String(a)) - order.indexOf(String(b));
  return Number(a) - Number(b);
}

export function holds(f: TicketFacts, c: RuleCondition): boolean {
  const v = valueOf(f, c.field);
  const eq = (x: unknown) => (Array.isArray(v) ? v.map(String).includes(String(x)) : String(v ?? '') === String(x ?? ''));
  switch (c.op) {
    case 'is': return v === null || v === undefined ? c.value === null || c.value === '' : eq(c.value);
    case 'is_not': return !holds(f, { ...c, op: 'is' });
    case 'in': return (c.value as unknown[]).some((x) => eq(x));
    case 'not_in': return !(c.value as unknown[]).some((x) => eq(x));
    case 'contains':
      return Array.isArray(v) ? v.map(String).includes(String(c.value)) : String(v ?? '').toLowerCase().includes(String(c.value).toLowerCase());
    case 'not_contains': return !holds(f, { ...c, op: 'contains' });
    case 'gt': return v !== null && v !== undefined && compare(v, c.value, c.field) > 0;
    case 'gte': return v !== null && v !== undefined && compare(v, c.value, c.field) >= 0;
    case 'lt': return v !== null && v !== undefined && compare(v, c.value, c.field) < 0;
    case 'lte': return v !== null && v !== undefined && compare(v, c.value, c.field) <= 0;
    case 'present': return !(v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0));
    case 'blank': return !holds(f, { ...c, op: 'present' });
  }
}

/** All of `all`, and one of `any` when `any` is not empty. */
export function matches(f: TicketFacts, c: RuleConditions): boolean {
  return c.all.every((x) => holds(f, x)) && (c.any.length === 0 || c.any.some((x) => holds(f, x)));
}

import type { AppliesWhen, Condition } from './model.js';

/** What an SOP sees of a ticket (also the shape test cases and the benchmark build). */
export interface TicketFacts {
  id: string;
  number?: number;
  subject?: string;
  brand: string | null; // brand slug
  brand_name?: string | null;
  channel: string;
  country: string | null;
  language: string | null;
  priority?: string;
  tags: string[];
  custom_fields: Record<string, unknown>;
  customer_tier: string | null;
  customer_name?: string | null;
  customer_email?: string | null;
}

export const CONDITION_ROOTS = ['fields', 'ticket', 'customer'] as const;
const TICKET_KEYS = new Set(['channel', 'country', 'language', 'priority', 'tags', 'brand', 'subject', 'custom_fields']);

/** Why a condition's field path is not resolvable, or null. `fields.x` must be declared by the SOP. */
export function checkConditionPath(path: string, fieldKeys: ReadonlySet<string>): string | null {
  const [root, key, ...rest] = path.split('.');
  if (root === 'fields') return key && !rest.length && fieldKeys.has(key) ? null : `"${path}" refers to a field the SOP does not declare in "fields"`;
  if (root === 'ticket') {
    if (key === 'custom_fields') return rest.length === 1 ? null : `"${path}" must be ticket.custom_fields.<key>`;
    return key && !rest.length && TICKET_KEYS.has(key) ? null : `"${path}": ticket has ${[...TICKET_KEYS].join(', ')}`;
  }
  if (root === 'customer') return key === 'tier' && !rest.length ? null : `"${path}": customer has tier`;
  return `"${path}" must start with ${CONDITION_ROOTS.join('., ')}.`;
}

export function resolvePath(path: string, ticket: TicketFacts, fields: Record<string, unknown>): unknown {
  const [root, key, sub] = path.split('.');
  if (root === 'fields') return fields[key];
  if (root === 'customer') return ticket.customer_tier;
  if (key === 'custom_fields') return ticket.custom_fields[sub];
  return (ticket as unknown as Record<string, unknown>)[key];
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

export function evalCondition(c: Condition, ticket: TicketFacts, fields: Record<string, unknown>): boolean {
  if ('all' in c) return c.all.every((x) => evalCondition(x, ticket, fields));
  if ('any' in c) return c.any.some((x) => evalCondition(x, ticket, fields));
  if ('not' in c) return !evalCondition(c.not, ticket, fields);
  const v = resolvePath(c.field, ticket, fields);
  switch (c.op) {
    case 'exists': return v !== undefined && v !== null && v !== '';
    case 'missing': return v === undefined || v === null || v === '';
    case 'eq': return Array.isArray(v) ? false : String(v) === String(c.value);
    case 'ne': return String(v) !== String(c.value);
    case 'in': return Array.isArray(c.value) && c.value.map(String).includes(String(v));
    case 'contains': return Array.isArray(v) ? v.map(String).includes(String(c.value)) : typeof v === 'string' && v.toLowerCase().includes(String(c.value).toLowerCase());
    default: {
      const a = num(v);
      const b = num(c.value);
      if (a === null || b === null) return false;
      return c.op === 'gt' ? a > b : c.op === 'gte' ? a >= b : c.op === 'lt' ? a < b : a <= b;
    }
  }
}

/** Paths used by a condition (for validation). */
export function conditionPaths(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(conditionPaths);
  if ('any' in c) return c.any.flatMap(conditionPaths);
  if ('not' in c) return conditionPaths(c.not);
  return [c.field];
}

const lc = (s: string | null | undefined) => (s ?? '').toLowerCase();
const inList = (list: string[] | undefined, v: string | null | undefined) => {
  if (!list) return true;
  const want = lc(v);
  return list.some((x) => x === v || x.toLowerCase() === want);
};

/** The detected intent: custom field "intent", else an "intent:*" tag. */
export function intentOf(t: TicketFacts): string | null {
  const f = t.custom_fields.intent;
  if (typeof f === 'string' && f) return f;
  const tag = t.tags.find((x) => x.startsWith('intent:'));
  return tag ? tag.slice(7) : null;
}

/** Does an SOP's applies-when match this ticket? Every listed condition must hold (an empty block matches all). */
export function matchesAppliesWhen(w: AppliesWhen, t: TicketFacts): boolean {
  if (w.tags_any && !w.tags_any.some((x) => t.tags.includes(x) || t.tags.includes(lc(x)))) return false;
  if (!inList(w.brand, t.brand) || !inList(w.channel, t.channel) || !inList(w.country, t.country)) return false;
  if (w.language && !w.language.some((l) => lc(l) === lc(t.language) || lc(l) === lc(t.language).split('-')[0])) return false;
  if (!inList(w.customer_tier, t.customer_tier) || !inList(w.intent, intentOf(t))) return false;
  if (w.tags_all && !w.tags_all.every((x) => t.tags.includes(lc(x)))) return false;
  if (w.fields) {
    for (const [k, v] of Object.entries(w.fields)) if (String(t.custom_fields[k]) !== String(v)) return false;
  }
  return true;
}

/** How specific an applies-when block is: the most specific matching SOP wins a tie. */
export function specificity(w: AppliesWhen): number {
  return Object.values(w).filter((v) => v !== undefined).length;
}

import type { BreachAction, SlaConditions, SlaMetric, SlaTargetSpec } from '../../shared/contracts/sla.js';
import type { TicketStatus } from '../../shared/enums.js';

export interface SlaPolicy {
  id: string;
  workspace_id: string;
  name: string;
  description: string;
  position: number;
  is_active: boolean;
  conditions: SlaConditions;
  targets: Array<{ metric: SlaMetric; minutes: number; business: boolean; warn_minutes?: number }>;
  pause_statuses: TicketStatus[];
  calendar_id: string | null;
  breach_actions: BreachAction[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const POLICY_COLUMNS =
  'id, workspace_id, name, description, position, is_active, conditions, targets, pause_statuses, calendar_id, breach_actions, version, created_at, updated_at';

/** What a policy's conditions look at: the ticket and its requester. */
export interface SlaSubject {
  id: string;
  workspace_id: string;
  status: TicketStatus;
  priority: string;
  channel: string;
  brand_id: string;
  team_id: string | null;
  assignee_id: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
  country: string | null;
  customer_tier: string | null;
  customer_country: string | null;
  created_at: Date;
}

const sameValue = (a: unknown, b: unknown) =>
  Array.isArray(a) ? a.some((x) => String(x) === String(b)) : a !== undefined && a !== null && String(a) === String(b);

/** Every present condition must hold (AND); lists inside one condition are alternatives (OR). */
export function policyMatches(c: SlaConditions, s: SlaSubject): boolean {
  if (c.brand_ids && !c.brand_ids.includes(s.brand_id)) return false;
  if (c.channels && !(c.channels as string[]).includes(s.channel)) return false;
  if (c.priorities && !(c.priorities as string[]).includes(s.priority)) return false;
  if (c.customer_tiers && !c.customer_tiers.includes(s.customer_tier ?? 'standard')) return false;
  const country = (s.country ?? s.customer_country ?? '').toUpperCase();
  if (c.countries && !c.countries.includes(country)) return false;
  if (c.tags_any && !c.tags_any.some((t) => s.tags.includes(t))) return false;
  if (c.tags_all && !c.tags_all.every((t) => s.tags.includes(t))) return false;
  if (c.tags_none && c.tags_none.some((t) => s.tags.includes(t))) return false;
  for (const [key, values] of Object.entries(c.custom_fields ?? {})) {
    if (!values.some((v) => sameValue(s.custom_fields[key], v))) return false;
  }
  return true;
}

/** The first active policy (by position) whose conditions hold, or null. */
export function firstMatchingPolicy(policies: readonly SlaPolicy[], s: SlaSubject): SlaPolicy | null {
  return policies.find((p) => p.is_active && policyMatches(p.conditions, s)) ?? null;
}

export interface PolicyProblem {
  path: string;
  message: string;
}

/** Conditions that no ticket can ever satisfy (empty alternatives, contradictory tags). */
export function unsatisfiableConditions(c: SlaConditions): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  for (const key of ['brand_ids', 'channels', 'priorities', 'customer_tiers', 'countries', 'tags_any'] as const) {
    const v = c[key];
    if (v && v.length === 0) out.push({ path: `conditions.${key}`, message: 'an empty list matches no ticket (omit the condition to match any)' });
  }
  const both = (c.tags_all ?? []).filter((t) => (c.tags_none ?? []).includes(t));
  if (both.length) out.push({ path: 'conditions.tags_none', message: `tags ${both.join(', ')} are both required and excluded` });
  if (c.tags_any && c.tags_none && c.tags_any.length > 0 && c.tags_any.every((t) => c.tags_none!.includes(t))) {
    out.push({ path: 'conditions.tags_any', message: 'every tag in tags_any is excluded by tags_none' });
  }
  return out;
}

/** Targets: one per metric, warning shorter than the target. */
export function targetProblems(targets: readonly SlaTargetSpec[]): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    if (seen.has(t.metric)) out.push({ path: `targets[${i}].metric`, message: `${t.metric} appears twice` });
    seen.add(t.metric);
    if (t.warn_minutes !== undefined && t.warn_minutes >= t.minutes) out.push({ path: `targets[${i}].warn_minutes`, message: 'the warning must come before the target' });
  });
  return out;
}

/** Default warning: 20 % of the target, at least one minute. */
export function warnMs(t: { minutes: number; warn_minutes?: number }): number {
  return (t.warn_minutes ?? Math.max(1, Math.round(t.minutes * 0.2))) * 60_000;
}

export function actionsFor(p: Pick<SlaPolicy, 'breach_actions'>, metric: SlaMetric): BreachAction[] {
  return p.breach_actions.filter((a) => !a.metrics || a.metrics.includes(metric));
}

import { useQuery } from '@tanstack/react-query';
import { api } from '../../api-client/client.js';

export type Condition = { field: string; op: string; value?: unknown };
export type Conditions = { all: Condition[]; any: Condition[] };
export type Action = { type: string; [k: string]: unknown };
export interface Macro {
  id: string;
  name: string;
  description: string;
  owner_id: string | null;
  active: boolean;
  replies: Record<string, { body: string; public: boolean }>;
  actions: Action[];
  usage_count: number;
}
export interface Rule {
  id: string;
  kind: 'trigger' | 'automation';
  name: string;
  position: number;
  active: boolean;
  on_events: string[];
  conditions: Conditions;
  actions: Action[];
  fire_count: number;
  updated_at: string;
}
export interface Webhook { id: string; name: string; url: string; events: string[]; active: boolean; secret?: string; updated_at: string }
export interface Delivery {
  id: string;
  event_id: string;
  event_name: string;
  status: 'pending' | 'succeeded' | 'dead';
  attempts: number;
  next_attempt_at: string;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  created_at: string;
  body?: string;
}
export interface MacroPreview { macro_id: string; language: string | null; reply: { body: string; public: boolean } | null; changes: Record<string, unknown> }

export const akeys = {
  macros: ['macros'] as const,
  rules: (kind: string) => ['rules', kind] as const,
  webhooks: ['webhooks'] as const,
  deliveries: (id: string, status: string) => ['webhooks', id, 'deliveries', status] as const,
  schema: ['automation_schema'] as const,
  eventNames: ['event_names'] as const,
};

export const useMacros = (active?: boolean) =>
  useQuery({ queryKey: [...akeys.macros, active], queryFn: ({ signal }) => api.get<{ data: Macro[] }>(`/api/v1/macros${active === undefined ? '' : `?active=${active}`}`, signal) });
export const useRules = (kind: 'trigger' | 'automation') =>
  useQuery({ queryKey: akeys.rules(kind), queryFn: ({ signal }) => api.get<{ data: Rule[] }>(kind === 'trigger' ? '/api/v1/triggers' : '/api/v1/automations', signal) });
export const useWebhooks = () => useQuery({ queryKey: akeys.webhooks, queryFn: ({ signal }) => api.get<{ data: Webhook[] }>('/api/v1/webhooks', signal) });
export const useDeliveries = (id: string, status: string) =>
  useQuery({ queryKey: akeys.deliveries(id, status), queryFn: ({ signal }) => api.get<{ data: Delivery[] }>(`/api/v1/webhooks/${id}/deliveries${status ? `?status=${status}` : ''}`, signal) });
export const useAutomationSchema = () =>
  useQuery({ queryKey: akeys.schema, staleTime: Infinity, queryFn: ({ signal }) => api.get<{ fields: string[]; ops: string[]; placeholders: string[] }>('/api/v1/automation_schema', signal) });
export const useEventNames = () =>
  useQuery({ queryKey: akeys.eventNames, staleTime: Infinity, queryFn: ({ signal }) => api.get<{ data: string[] }>('/api/v1/events/names', signal) });

/** One line a human can read: "status is pending AND hours_in_status ≥ 72". */
export function describeConditions(c: Conditions): string {
  const one = (x: Condition) => `${x.field} ${x.op.replace('_', ' ')}${x.value === undefined ? '' : ` ${Array.isArray(x.value) ? x.value.join(', ') : String(x.value)}`}`;
  const all = c.all.map(one).join(' and ');
  const any = c.any.length ? `(${c.any.map(one).join(' or ')})` : '';
  return [all, any].filter(Boolean).join(' and ') || 'always';
}

export function describeActions(a: Action[]): string {
  return a
    .map((x) => {
      if ('value' in x) return `${x.type.replace('_', ' ')} ${Array.isArray(x.value) ? (x.value as string[]).join(', ') : String(x.value)}`;
      if (x.type === 'set_field') return `set ${String(x.key)}`;
      return x.type.replace('_', ' ');
    })
    .join('; ');
}

import { useQuery } from '@tanstack/react-query';
import { api } from '../../api-client/client.js';

export { api };

export type StepType = 'checklist' | 'decision' | 'collect' | 'reply' | 'action' | 'wait';
export interface Step {
  id: string;
  type: StepType;
  title: string;
  required?: boolean;
  auto?: boolean;
  items?: string[];
  question?: string;
  branches?: Array<{ label: string; goto: string; when?: unknown }>;
  fields?: string[];
  templates?: Record<string, string>;
  actions?: Array<Record<string, unknown>>;
  for?: Record<string, string>;
}
export interface FieldDef { key: string; label: string; type: 'text' | 'number' | 'boolean' | 'date' | 'choice'; options?: string[] }
export interface Definition {
  key: string;
  name: string;
  owner: string;
  purpose: string;
  applies_when: Record<string, unknown>;
  fields: FieldDef[];
  steps: Step[];
  guardrails: Array<{ id: string; kind: string; message: string }>;
  tests: Array<{ name: string }>;
}
export interface TraceEntry { seq: number; step: string; outcome: string; attempt: number; reason?: string; at: string; by: string; duration_ms: number }
export interface RunState {
  status: string;
  cursor: string | null;
  fields: Record<string, unknown>;
  done: Record<string, 'done' | 'skipped' | 'overridden'>;
  wait: { step: string; until: string | null; event: string | null } | null;
  error: { step: string; message: string; kind: string } | null;
  violations: Array<{ guardrail: string; step: string; message: string }>;
  trace: TraceEntry[];
  sent: Array<{ step: string; text: string }>;
}
export interface TicketRun {
  id: string;
  ticket_id: string;
  sop_id: string;
  version_id: string;
  version_number: number;
  sop_name: string;
  arm: 'A' | 'B' | null;
  status: string;
  state: RunState;
  definition: Definition;
  open_required: string[];
  reply_preview: { lang: string; text: string } | null;
}
export interface SopListItem { id: string; key: string; name: string; owner: string; purpose: string; versions: Array<{ id: string; number: number; status: string }>; runs: number; approvers: Array<{ role: string; user_id: string }> }
export interface SopVersion {
  id: string;
  sop_id: string;
  number: number;
  status: string;
  yaml: string;
  definition: Definition;
  review_round: number;
  rollout: { percent: number; markets?: string[]; teams?: string[]; ab_test?: boolean } | null;
  tests_result: TestRun | null;
  created_at: string;
}
export interface VersionDetail extends SopVersion {
  reviews: Array<{ id: string; kind: string; role: string | null; user_name: string | null; body: string; review_round: number; created_at: string }>;
  history: Array<{ name: string; actor_name: string | null; payload: Record<string, unknown>; occurred_at: string }>;
}
export interface TestRun { passed: number; failed: number; results: Array<{ name: string; passed: boolean; failures: string[] }> }
export interface Issue { path: string; line: number | null; column: number | null; message: string }

export const sopKeys = {
  runs: (ticketId: string) => ['ticket', ticketId, 'sop_runs'] as const,
  list: ['sops'] as const,
  sop: (id: string) => ['sops', id] as const,
  version: (id: string) => ['sops', 'version', id] as const,
  metrics: (id: string) => ['sops', id, 'metrics'] as const,
};

export const useTicketRuns = (ticketId: string) =>
  useQuery({ queryKey: sopKeys.runs(ticketId), queryFn: ({ signal }) => api.get<{ data: TicketRun[] }>(`/api/v1/tickets/${ticketId}/sop_runs`, signal) });
export const useSops = () => useQuery({ queryKey: sopKeys.list, queryFn: ({ signal }) => api.get<{ data: SopListItem[] }>('/api/v1/sops', signal) });
export const useSop = (id: string) =>
  useQuery({ queryKey: sopKeys.sop(id), queryFn: ({ signal }) => api.get<Omit<SopListItem, 'versions'> & { versions: SopVersion[] }>(`/api/v1/sops/${id}`, signal) });
export const useVersion = (id: string | null) =>
  useQuery({ queryKey: sopKeys.version(id ?? ''), enabled: Boolean(id), queryFn: ({ signal }) => api.get<VersionDetail>(`/api/v1/sop_versions/${id}`, signal) });
export const useMetrics = (id: string) =>
  useQuery({ queryKey: sopKeys.metrics(id), queryFn: ({ signal }) => api.get<Metrics>(`/api/v1/sops/${id}/metrics`, signal) });

export interface Metric { kind: 'rate' | 'time_minutes'; n: number; value?: number | null; mean?: number | null; ci95: { low: number; high: number } | null }
export interface Metrics {
  groups: Array<{ version: number; arm: string | null; tickets: number; metrics: Record<string, Metric> }>;
  ab: { comparisons: Array<{ metric: string; result: { test: string; difference: number; p_value: number; ci95: { low: number; high: number } } | null; better: string | null }>; recommendation: string } | null;
  unavailable: Record<string, string>;
}

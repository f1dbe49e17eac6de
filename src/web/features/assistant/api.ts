import { useQuery } from '@tanstack/react-query';
import { api } from '../../api-client/client.js';

export interface ModelVersion {
  id: string; version: number; status: 'training' | 'ready' | 'failed'; is_active: boolean; progress: number; examples: number; intents: number;
  metrics: { validation_accuracy?: number; train_s?: number; threshold?: number }; error: string | null; created_at: string; finished_at: string | null;
}
export interface IntentSummary { label: string; examples: number; by_source: Record<string, number> }
export interface IntentConfig { intent: string; title: string; article_ids: string[]; flow: unknown; sop_ref: string | null; sop_version: number | null }
export interface TestRun {
  id: string; model_id: string | null; scripts: number; passed: number; failed: number; unsafe_actions: number; created_at: string;
  results: Array<{ name: string; passed: boolean; failures: string[]; unsafe: string[]; handoff: string | null; actions: string[] }>;
}
export interface Counts { contained: number; handed_off: number; returned: number; pending: number; abandoned: number; active: number; total: number; containment_rate: number | null }
export interface Metrics {
  overall: Counts;
  by_intent: Array<{ key: string } & Counts>;
  by_sop: Array<{ key: string } & Counts>;
  by_language: Array<{ key: string } & Counts>;
  csat: Record<'assistant' | 'human', { responses: number; average: number | null; satisfied_share: number | null }>;
}

export const assistantKeys = {
  models: ['assistant', 'models'] as const,
  examples: ['assistant', 'examples'] as const,
  intents: ['assistant', 'intents'] as const,
  intentExamples: (label: string) => ['assistant', 'examples', label] as const,
  runs: ['assistant', 'test-runs'] as const,
  metrics: ['assistant', 'metrics'] as const,
};

/** Model versions; polls every second while a version is training (the progress bar). */
export function useModels() {
  return useQuery({
    queryKey: assistantKeys.models,
    queryFn: ({ signal }) => api.get<{ data: ModelVersion[] }>('/api/v1/assistant/models', signal).then((r) => r.data),
    refetchInterval: (q) => (q.state.data?.some((m) => m.status === 'training') ? 1000 : false),
  });
}

export const useExampleSummary = () =>
  useQuery({ queryKey: assistantKeys.examples, queryFn: ({ signal }) => api.get<{ data: IntentSummary[] }>('/api/v1/assistant/examples', signal).then((r) => r.data) });
export const useIntentConfigs = () =>
  useQuery({ queryKey: assistantKeys.intents, queryFn: ({ signal }) => api.get<{ data: IntentConfig[] }>('/api/v1/assistant/intents', signal).then((r) => r.data) });
export const useIntentExamples = (label: string | null) =>
  useQuery({
    queryKey: assistantKeys.intentExamples(label ?? ''), enabled: Boolean(label),
    queryFn: ({ signal }) => api.get<{ data: Array<{ id: string; text: string; source: string }> }>(`/api/v1/assistant/intents/${encodeURIComponent(label!)}/examples?limit=50`, signal).then((r) => r.data),
  });
export const useTestRuns = () =>
  useQuery({ queryKey: assistantKeys.runs, queryFn: ({ signal }) => api.get<{ data: TestRun[] }>('/api/v1/assistant/test-runs', signal).then((r) => r.data) });
export const useMetrics = () => useQuery({ queryKey: assistantKeys.metrics, queryFn: ({ signal }) => api.get<Metrics>('/api/v1/assistant/metrics', signal) });

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

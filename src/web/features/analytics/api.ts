import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api-client/client.js';

export interface Kpis {
  created: number; solved: number; first_replies: number; avg_first_reply_sec: number | null; first_reply_within_1h_pct: number | null;
  avg_resolution_sec: number | null; avg_work_sec: number | null; reopen_pct: number | null; one_touch_pct: number | null; sla_attainment_pct: number | null;
  sla_breaches: number; csat_responses: number; csat_satisfied_pct: number | null; csat_avg_score: number | null; escalation_pct: number | null;
}
export interface Dashboard {
  range: { from: string; to: string; tz: string; bucket: string };
  kpis: Kpis;
  series: Array<Kpis & { bucket: string }>;
  by_channel: Array<Kpis & { key: string }>;
  by_team: Array<Kpis & { key: string }>;
  by_brand: Array<Kpis & { key: string }>;
}
export interface Filters { from: string; to: string; tz: string; brand_id?: string; team_id?: string; channel?: string }

export const useDashboard = (f: Filters) =>
  useQuery({ queryKey: ['analytics', 'dashboard', f], queryFn: ({ signal }) => api.get<Dashboard>(`/api/v1/analytics/dashboard${qs({ ...f })}`, signal) });
export const useBreakdown = (f: Filters, by: string) =>
  useQuery({ queryKey: ['analytics', 'breakdown', f, by], queryFn: ({ signal }) => api.get<{ data: Array<Record<string, number | string | null>> }>(`/api/v1/analytics/breakdown${qs({ ...f, by })}`, signal) });
export const useBacklog = (f: Partial<Filters>) =>
  useQuery({ queryKey: ['analytics', 'backlog', f], queryFn: ({ signal }) => api.get<{ total: number; ages: string[]; by_status: Array<{ status: string; counts: number[] }> }>(`/api/v1/analytics/backlog${qs({ brand_id: f.brand_id, team_id: f.team_id, channel: f.channel })}`, signal) });
export const useDrill = (params: Record<string, string>) =>
  useQuery({ queryKey: ['analytics', 'drill', params], queryFn: ({ signal }) => api.get<{ data: Array<Record<string, string | number | null>>; next_after: string | null }>(`/api/v1/analytics/tickets${qs(params)}`, signal) });

export function duration(sec: number | null | undefined): string {
  if (sec === null || sec === undefined) return '—';
  if (sec < 60) return `${Math.round(sec)} s`;
  if (sec < 3600) return `${Math.round(sec / 60)} min`;
  if (sec < 86_400 * 2) return `${(sec / 3600).toFixed(1)} h`;
  return `${(sec / 86_400).toFixed(1)} d`;
}
export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${x}%`);

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export interface SopVersionRow {
  sop_version_id: string; sop_id: string | null; sop_name: string | null; version: number | null; version_status: string | null;
  tickets: number; completed: number; handed_off: number; completion_pct: number | null; solved: number; avg_resolution_sec: number | null;
  median_resolution_sec: number | null; avg_work_sec: number | null; avg_first_reply_sec: number | null; reopened: number; reopen_pct: number | null;
  csat_responses: number; csat_satisfied_pct: number | null; sla_breaches: number; sla_attainment_pct: number | null; escalated: number;
}
export const useSopVersions = (f: Filters) =>
  useQuery({ queryKey: ['analytics', 'sop-versions', f], queryFn: ({ signal }) => api.get<{ data: SopVersionRow[] }>(`/api/v1/analytics/sop-versions${qs({ ...f })}`, signal) });

export interface SelfServiceKpis {
  conversations: number; contained: number; handed_off: number; confirmed: number; containment_pct: number | null; confirmed_pct: number | null;
  actions: number; rated: number; avg_rating: number | null;
}
export interface SelfService {
  kpis: SelfServiceKpis;
  series: Array<SelfServiceKpis & { day: string }>;
  by_intent: Array<SelfServiceKpis & { key: string }>;
  handoff_reasons: Array<{ reason: string; conversations: number }>;
  handoff_tickets: { tickets: number; solved: number; avg_first_reply_sec: number | null; csat_responses: number; csat_satisfied_pct: number | null };
}
export const useSelfService = (f: Filters) =>
  useQuery({ queryKey: ['analytics', 'self-service', f], queryFn: ({ signal }) => api.get<SelfService>(`/api/v1/analytics/self-service${qs({ ...f })}`, signal) });
export const useConversationDrill = (params: Record<string, string>) =>
  useQuery({ queryKey: ['analytics', 'conversations', params], queryFn: ({ signal }) => api.get<{ data: Array<Record<string, string | number | boolean | null>>; next_after: string | null }>(`/api/v1/analytics/self-service/conversations${qs(params)}`, signal) });

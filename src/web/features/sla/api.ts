import { useQuery } from '@tanstack/react-query';
import { api } from '../../api-client/client.js';
import type { SlaBadge } from '../../../shared/contracts/sla.js';
import { SLA_TICKET_EVENTS } from '../../../shared/events/sla.js';

export type { SlaBadge };
export type Interval = { start: string; end: string };
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: Array<[Weekday, string]> = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']];
export interface Holiday { date: string; name?: string; yearly?: boolean }
export interface Calendar {
  id: string;
  name: string;
  scope_type: 'workspace' | 'team' | 'brand' | 'market';
  scope_id: string | null;
  time_zone: string;
  week: Partial<Record<Weekday, Interval[]>>;
  holidays: Holiday[];
  version: number;
}
export type Metric = 'first_reply' | 'next_reply' | 'periodic_update' | 'resolution';
export const METRICS: Array<[Metric, string]> = [['first_reply', 'First reply'], ['next_reply', 'Next reply'], ['periodic_update', 'Periodic update'], ['resolution', 'Resolution']];
export const metricLabel = (m: string) => METRICS.find(([k]) => k === m)?.[1] ?? m;
export interface PolicyTarget { metric: Metric; minutes: number; business: boolean; warn_minutes?: number }
export interface Policy {
  id: string;
  name: string;
  description: string;
  position: number;
  is_active: boolean;
  conditions: Record<string, unknown>;
  targets: PolicyTarget[];
  pause_statuses: string[];
  calendar_id: string | null;
  breach_actions: Array<Record<string, unknown>>;
  version: number;
}
export interface TicketSla {
  policy: { id: string; name: string; version: number } | null;
  calendar: { id: string | null; name: string; time_zone: string } | null;
  targets: Array<{
    metric: Metric; cycle: number; business: boolean; target_minutes: number; started_at: string; due_at: string | null; remaining_ms: number;
    state: 'running' | 'paused' | 'achieved' | 'breached' | 'stopped'; is_breached: boolean; achieved_at: string | null; breached_at: string | null;
  }>;
  history: Array<{ policy_name: string; reason: string; applied_at: string; replaced_at: string | null }>;
}

export const slaKeys = {
  calendars: ['sla', 'calendars'] as const,
  policies: ['sla', 'policies'] as const,
  ticket: (id: string) => ['sla', 'ticket', id] as const,
};

export const useCalendars = () => useQuery({ queryKey: slaKeys.calendars, queryFn: ({ signal }) => api.get<{ data: Calendar[] }>('/api/v1/calendars', signal) });
export const usePolicies = () => useQuery({ queryKey: slaKeys.policies, queryFn: ({ signal }) => api.get<{ data: Policy[] }>('/api/v1/sla/policies', signal) });
export const useTicketSla = (id: string) =>
  useQuery({ queryKey: slaKeys.ticket(id), queryFn: ({ signal }) => api.get<TicketSla>(`/api/v1/tickets/${id}/sla`, signal), refetchInterval: 60_000 });

/**
 * Whether a live event makes a ticket's SLA panel stale: `now` for the SLA's own events, `again` for the ticket
 * changes the SLA engine reacts to (refresh now and once more after the engine has run), `no` otherwise.
 */
export function refreshesSlaPanel(event: string): 'now' | 'again' | 'no' {
  if (event.startsWith('sla.')) return 'now';
  return (SLA_TICKET_EVENTS as readonly string[]).includes(event) ? 'again' : 'no';
}

/** "2h 05m", "3d 4h", "45m" — a duration for badges (business time when the SLA counts business time). */
export function shortDuration(ms: number): string {
  const m = Math.floor(Math.abs(ms) / 60_000);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** Badge text: "1h 20m left" or "overdue 15m". */
export function remainingText(ms: number): string {
  return ms < 0 ? `overdue ${shortDuration(ms)}` : `${shortDuration(ms)} left`;
}

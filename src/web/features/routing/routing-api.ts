/** The routing module's API calls and queries (web side). Types come from the shared zod contracts. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, qs, request } from '../../api-client/client.js';
import type {
  ZEscalation, ZEscalationTarget, ZPresence, ZPriorityScore, ZProblemDetail, ZProblemRecord, ZRoutingAgent, ZScoredTicket, ZTeamRouting, ZTrackerIntegration,
} from '../../../shared/contracts/routing.js';

export type Presence = z.infer<typeof ZPresence>;
export type RoutingAgent = z.infer<typeof ZRoutingAgent>;
export type TeamRouting = z.infer<typeof ZTeamRouting>;
export type ScoredTicket = z.infer<typeof ZScoredTicket>;
export type PriorityScore = z.infer<typeof ZPriorityScore>;
export type Escalation = z.infer<typeof ZEscalation>;
export type EscalationTarget = z.infer<typeof ZEscalationTarget>;
export type ProblemRecord = z.infer<typeof ZProblemRecord>;
export type ProblemDetail = z.infer<typeof ZProblemDetail>;
export type TrackerIntegration = z.infer<typeof ZTrackerIntegration>;
type List<T> = { data: T[] };

export const rkeys = {
  presence: ['routing', 'presence'] as const,
  agents: ['routing', 'agents'] as const,
  teams: ['routing', 'teams'] as const,
  priority: (q: string) => ['routing', 'priority', q] as const,
  ticketPriority: (id: string) => ['routing', 'ticket-priority', id] as const,
  escalations: (ticketId?: string) => ['routing', 'escalations', ticketId ?? 'all'] as const,
  targets: ['routing', 'targets'] as const,
  problems: ['routing', 'problems'] as const,
  problem: (id: string) => ['routing', 'problem', id] as const,
  ticketProblem: (id: string) => ['routing', 'ticket-problem', id] as const,
  trackers: ['routing', 'trackers'] as const,
};

export const putPresence = (status: string, userId?: string) => request<Presence>('PUT', '/api/v1/routing/presence', { body: { status, ...(userId ? { user_id: userId } : {}) } });
export const usePresence = () => useQuery({ queryKey: rkeys.presence, queryFn: ({ signal }) => api.get<Presence>('/api/v1/routing/presence', signal), refetchInterval: 60_000 });
export const useRoutingAgents = () => useQuery({ queryKey: rkeys.agents, queryFn: ({ signal }) => api.get<List<RoutingAgent>>('/api/v1/routing/agents', signal) });
export const useTeamRouting = () => useQuery({ queryKey: rkeys.teams, queryFn: ({ signal }) => api.get<List<TeamRouting>>('/api/v1/routing/teams', signal) });
export function usePriorityList(params: Record<string, string | undefined>) {
  const query = qs(params);
  return useQuery({
    queryKey: rkeys.priority(query),
    queryFn: ({ signal }) => api.get<{ data: ScoredTicket[]; considered: number; truncated: boolean }>(`/api/v1/priority/tickets${query}`, signal),
    refetchInterval: 60_000,
  });
}
export const useTicketPriority = (id: string, enabled: boolean) =>
  useQuery({ queryKey: rkeys.ticketPriority(id), enabled, retry: false, queryFn: ({ signal }) => api.get<PriorityScore>(`/api/v1/tickets/${id}/priority`, signal) });
export const useEscalations = (ticketId?: string) =>
  useQuery({ queryKey: rkeys.escalations(ticketId), queryFn: ({ signal }) => api.get<List<Escalation>>(`/api/v1/escalations${qs({ ticket_id: ticketId })}`, signal) });
export const useEscalationTargets = () => useQuery({ queryKey: rkeys.targets, queryFn: ({ signal }) => api.get<List<EscalationTarget>>('/api/v1/escalation_targets', signal) });
export const useProblems = () => useQuery({ queryKey: rkeys.problems, queryFn: ({ signal }) => api.get<List<ProblemRecord>>('/api/v1/problems', signal) });
export const useProblem = (id: string) => useQuery({ queryKey: rkeys.problem(id), queryFn: ({ signal }) => api.get<ProblemDetail>(`/api/v1/problems/${id}`, signal) });
export const useTicketProblem = (id: string) => useQuery({ queryKey: rkeys.ticketProblem(id), queryFn: ({ signal }) => api.get<ProblemRecord | null>(`/api/v1/tickets/${id}/problem`, signal) });
export const useTrackers = () => useQuery({ queryKey: rkeys.trackers, queryFn: ({ signal }) => api.get<List<TrackerIntegration>>('/api/v1/tracker_integrations', signal) });
export { api, request };

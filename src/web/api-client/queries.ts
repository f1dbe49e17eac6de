import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, qs } from './client.js';
import type {
  ApiToken, Brand, Customer, CustomField, List, Message, Page, SavedView, SearchHit, Team, Ticket, TicketEvent, TicketListItem, User, ViewCounts,
} from './types.js';

/** Query keys in one place so invalidation (live updates, mutations) stays consistent. */
export const keys = {
  ticketLists: ['tickets'] as const,
  ticketList: (params: string) => ['tickets', 'list', params] as const,
  counts: ['tickets', 'counts'] as const,
  requesterTickets: (id: string) => ['tickets', 'requester', id] as const,
  ticket: (id: string) => ['ticket', id] as const,
  messages: (id: string) => ['ticket', id, 'messages'] as const,
  events: (id: string) => ['ticket', id, 'events'] as const,
  users: ['users'] as const,
  teams: ['teams'] as const,
  brands: ['brands'] as const,
  fields: ['custom_fields'] as const,
  tokens: (all: boolean) => ['api_tokens', all] as const,
  customer: (id: string) => ['customer', id] as const,
  search: (q: string) => ['search', q] as const,
  views: ['views'] as const,
};

const STATIC = { staleTime: 5 * 60_000 };

export function useTicketList(params: Record<string, string | undefined>) {
  const query = qs({ ...params, limit: 50 });
  return useInfiniteQuery({
    queryKey: keys.ticketList(query),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<TicketListItem>>(`/api/v1/tickets${query}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`, signal),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const useCounts = () =>
  useQuery({ queryKey: keys.counts, queryFn: ({ signal }) => api.get<ViewCounts>('/api/v1/tickets/counts', signal), refetchInterval: 60_000 });

export const useTicket = (id: string) =>
  useQuery({ queryKey: keys.ticket(id), queryFn: ({ signal }) => api.get<Ticket>(`/api/v1/tickets/${id}`, signal) });

export const useMessages = (id: string) =>
  useQuery({ queryKey: keys.messages(id), queryFn: ({ signal }) => api.get<List<Message>>(`/api/v1/tickets/${id}/messages`, signal) });

export const useEvents = (id: string, enabled = true) =>
  useQuery({ queryKey: keys.events(id), enabled, queryFn: ({ signal }) => api.get<List<TicketEvent>>(`/api/v1/tickets/${id}/events`, signal) });

export const useRequesterTickets = (requesterId: string | undefined) =>
  useQuery({
    queryKey: keys.requesterTickets(requesterId ?? ''),
    enabled: !!requesterId,
    queryFn: ({ signal }) => api.get<Page<TicketListItem>>(`/api/v1/tickets${qs({ requester_id: requesterId, limit: 25 })}`, signal),
  });

export const useUsers = () => useQuery({ queryKey: keys.users, ...STATIC, queryFn: ({ signal }) => api.get<List<User>>('/api/v1/users', signal) });
export const useTeams = () => useQuery({ queryKey: keys.teams, ...STATIC, queryFn: ({ signal }) => api.get<List<Team>>('/api/v1/teams', signal) });
export const useBrands = () => useQuery({ queryKey: keys.brands, ...STATIC, queryFn: ({ signal }) => api.get<List<Brand>>('/api/v1/brands', signal) });
export const useFields = () =>
  useQuery({ queryKey: keys.fields, ...STATIC, queryFn: ({ signal }) => api.get<List<CustomField>>('/api/v1/custom_fields', signal) });

export const useTokens = (all: boolean) =>
  useQuery({ queryKey: keys.tokens(all), queryFn: ({ signal }) => api.get<List<ApiToken>>(`/api/v1/api_tokens${all ? '?all=true' : ''}`, signal) });

/** The signed-in user's saved views (GET /api/v1/views). */
export const useSavedViews = () =>
  useQuery({ queryKey: keys.views, queryFn: ({ signal }) => api.get<List<SavedView>>('/api/v1/views', signal) });

/** A customer, or null when the customers API does not know them (or is not there yet). */
export const useCustomer = (id: string | undefined) =>
  useQuery({
    queryKey: keys.customer(id ?? ''),
    enabled: !!id,
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: async ({ signal }) => {
      try {
        return await api.get<Customer>(`/api/v1/customers/${id}`, signal);
      } catch (err) {
        if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return null;
        throw err;
      }
    },
  });

export const useSearch = (q: string) =>
  useQuery({
    queryKey: keys.search(q),
    enabled: q.trim().length > 0,
    queryFn: ({ signal }) => api.get<List<SearchHit>>(`/api/v1/search${qs({ q, limit: 50 })}`, signal),
  });

/** id → name lookups for users, teams and brands (for tables, history lines, selects). */
export function useNames() {
  const users = useUsers().data?.data ?? [];
  const teams = useTeams().data?.data ?? [];
  const brands = useBrands().data?.data ?? [];
  return {
    user: (id: string | null | undefined) => (id ? (users.find((u) => u.id === id)?.name ?? 'Unknown agent') : ''),
    team: (id: string | null | undefined) => (id ? (teams.find((t) => t.id === id)?.name ?? 'Unknown team') : ''),
    brand: (id: string | null | undefined) => (id ? (brands.find((b) => b.id === id)?.name ?? '') : ''),
    users,
    teams,
    brands,
  };
}

export function useInvalidateTicket() {
  const qc = useQueryClient();
  return (id: string) => {
    void qc.invalidateQueries({ queryKey: keys.ticket(id) });
    void qc.invalidateQueries({ queryKey: keys.ticketLists });
  };
}

export function useCustomerList(q: string) {
  const query = qs({ q: q.trim() || undefined, limit: 50 });
  return useInfiniteQuery({
    queryKey: ['customers', query],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Customer>>(`/api/v1/customers${query}${pageParam ? `${query ? '&' : '?'}cursor=${encodeURIComponent(pageParam)}` : ''}`, signal),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

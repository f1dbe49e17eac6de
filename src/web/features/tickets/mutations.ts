import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, qs, request } from '../../api-client/client.js';
import { keys } from '../../api-client/queries.js';
import type { Attachment, FieldValue, Message, Ticket } from '../../api-client/types.js';

export interface TicketChanges {
  status?: string;
  priority?: string;
  assignee_id?: string | null;
  team_id?: string | null;
  brand_id?: string;
  tags?: string[];
  custom_fields?: Record<string, FieldValue>;
}

function useRefreshTicket() {
  const qc = useQueryClient();
  return (id: string) => {
    void qc.invalidateQueries({ queryKey: keys.ticket(id) });
    void qc.invalidateQueries({ queryKey: keys.ticketLists });
  };
}

/** PATCH with the version we read: a 412 VERSION_CONFLICT means someone else saved first. */
export function useUpdateTicket(id: string) {
  const qc = useQueryClient();
  const refresh = useRefreshTicket();
  return useMutation({
    mutationFn: (v: { changes: TicketChanges; version: number }) => api.patch<Ticket>(`/api/v1/tickets/${id}`, { ...v.changes, version: v.version }),
    onSuccess: (t) => {
      qc.setQueryData(keys.ticket(id), t);
      refresh(id);
    },
  });
}

export interface NewMessage {
  body: string;
  public: boolean;
  status?: string;
  attachment_ids?: string[];
  idempotencyKey: string;
}

export function useAddMessage(id: string) {
  const refresh = useRefreshTicket();
  return useMutation({
    mutationFn: ({ idempotencyKey, ...m }: NewMessage) => api.post<Message>(`/api/v1/tickets/${id}/messages`, m, { idempotencyKey }),
    onSuccess: () => refresh(id),
  });
}

export const uploadFile = (file: File) =>
  request<Attachment>('POST', `/api/v1/uploads${qs({ filename: file.name })}`, { raw: file, contentType: file.type || 'application/octet-stream' });

export function useMerge(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { source_ids: string[]; reason?: string }) => api.post<Ticket>(`/api/v1/tickets/${id}/merge`, v),
    onSuccess: (_t, v) => {
      void qc.invalidateQueries({ queryKey: keys.ticket(id) });
      for (const s of v.source_ids) void qc.invalidateQueries({ queryKey: keys.ticket(s) });
      void qc.invalidateQueries({ queryKey: keys.ticketLists });
    },
  });
}

export function useFollowUp(id: string) {
  const refresh = useRefreshTicket();
  return useMutation({
    mutationFn: (v: { body: string; subject?: string }) => api.post<Ticket>(`/api/v1/tickets/${id}/follow_up`, v),
    onSuccess: () => refresh(id),
  });
}

export interface NewTicket {
  subject: string;
  body: string;
  requester: { email: string; name?: string };
  priority?: string;
  brand_id?: string;
  team_id?: string;
  assignee_id?: string;
  tags?: string[];
  attachment_ids?: string[];
}

export function useCreateTicket() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ idempotencyKey, ...t }: NewTicket & { idempotencyKey: string }) => api.post<Ticket>('/api/v1/tickets', t, { idempotencyKey }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.ticketLists }),
  });
}

export const newKey = (): string => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

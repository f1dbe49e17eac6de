/** The chat module's API calls and queries (web side). Types come from the shared zod contracts. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api-client/client.js';
import type { ZChatSettings, ZTicketChannelContext } from '../../../shared/contracts/chat.js';

export type ChatSettings = z.infer<typeof ZChatSettings>;
export type TicketChannelContext = z.infer<typeof ZTicketChannelContext>;

export const ckeys = {
  context: (ticketId: string) => ['chat', 'context', ticketId] as const,
  settings: (brandId: string) => ['chat', 'settings', brandId] as const,
};

export const useTicketChannelContext = (ticketId: string) =>
  useQuery({ queryKey: ckeys.context(ticketId), queryFn: ({ signal }) => api.get<TicketChannelContext>(`/api/v1/chat/tickets/${ticketId}/context`, signal) });

export const useChatSettings = (brandId: string | null) =>
  useQuery({
    queryKey: ckeys.settings(brandId ?? ''), enabled: !!brandId,
    queryFn: ({ signal }) => api.get<ChatSettings>(`/api/v1/chat/settings/${brandId}`, signal),
  });

export { api };

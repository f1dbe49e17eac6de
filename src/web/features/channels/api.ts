import { useQuery } from '@tanstack/react-query';
import { api, request } from '../../api-client/client.js';
import type {
  CustomerActivityDto, EmailDto, EmailSettingsDto, EmailTemplateDto, ImportFailureDto, MergeSuggestionDto,
} from '../../../shared/contracts/channels.js';

export type { CustomerActivityDto, EmailDto, EmailSettingsDto, EmailTemplateDto, ImportFailureDto, MergeSuggestionDto };
export { api, request };

export const chkeys = {
  failures: (status: string) => ['channels', 'failures', status] as const,
  settings: ['channels', 'email-settings'] as const,
  templates: ['channels', 'templates'] as const,
  emails: (ticketId: string) => ['channels', 'emails', ticketId] as const,
  activity: (ticketId: string) => ['channels', 'activity', ticketId] as const,
  suggestions: (ticketId: string) => ['channels', 'suggestions', ticketId] as const,
};

export const useImportFailures = (status: string) =>
  useQuery({ queryKey: chkeys.failures(status), queryFn: ({ signal }) => api.get<{ data: ImportFailureDto[] }>(`/api/v1/channels/email/failures?status=${status}`, signal) });
export const useEmailSettings = () =>
  useQuery({ queryKey: chkeys.settings, queryFn: ({ signal }) => api.get<{ data: EmailSettingsDto[] }>('/api/v1/channels/email/settings', signal) });
export const useTemplates = () =>
  useQuery({ queryKey: chkeys.templates, queryFn: ({ signal }) => api.get<{ custom: EmailTemplateDto[]; defaults: EmailTemplateDto[] }>('/api/v1/channels/email/templates', signal) });
export const useTicketEmails = (ticketId: string) =>
  useQuery({ queryKey: chkeys.emails(ticketId), queryFn: ({ signal }) => api.get<{ data: EmailDto[] }>(`/api/v1/tickets/${ticketId}/emails`, signal) });
export const useActivity = (ticketId: string) =>
  useQuery({ queryKey: chkeys.activity(ticketId), queryFn: ({ signal }) => api.get<CustomerActivityDto>(`/api/v1/tickets/${ticketId}/customer_activity`, signal) });
export const useMergeSuggestions = (ticketId: string) =>
  useQuery({ queryKey: chkeys.suggestions(ticketId), queryFn: ({ signal }) => api.get<{ data: MergeSuggestionDto[] }>(`/api/v1/tickets/${ticketId}/merge_suggestions`, signal) });

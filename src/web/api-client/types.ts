/** Wire types, inferred from the shared zod contracts (type-only imports: zod is not bundled). */
import type { z } from 'zod';
import type { ZApiToken, ZBrand, ZCustomField, ZTeam, ZUser } from '../../shared/contracts/admin.js';
import type {
  ZAttachment, ZMessage, ZRequesterSummary, ZSearchHit, ZTicket, ZTicketCounts, ZTicketEvent, ZTicketListItem,
} from '../../shared/contracts/tickets.js';

export type Ticket = z.infer<typeof ZTicket>;
/** A ticket from a list: its requester's name and email come embedded. */
export type TicketListItem = z.infer<typeof ZTicketListItem>;
export type RequesterSummary = z.infer<typeof ZRequesterSummary>;
export type Message = z.infer<typeof ZMessage>;
export type Attachment = z.infer<typeof ZAttachment>;
export type TicketEvent = z.infer<typeof ZTicketEvent>;
export type SearchHit = z.infer<typeof ZSearchHit>;
export type User = z.infer<typeof ZUser>;
export type Team = z.infer<typeof ZTeam>;
export type Brand = z.infer<typeof ZBrand>;
export type CustomField = z.infer<typeof ZCustomField>;
export type ApiToken = z.infer<typeof ZApiToken>;
export type NewApiToken = ApiToken & { token: string };

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}
export interface List<T> {
  data: T[];
}

/** GET /api/v1/me and POST /api/v1/auth/login. */
export interface Session {
  user: { id: string; email: string; name: string; role: string; brand_ids: string[]; team_ids: string[] };
  abilities: string[];
  csrf_token: string | null;
}

/** GET /api/v1/tickets/counts */
export type ViewCounts = z.infer<typeof ZTicketCounts>;

/** GET/POST /api/v1/views: a saved ticket filter (the keys of the ticket list query). */
export interface SavedView {
  id: string;
  name: string;
  filters: Record<string, string>;
  created_at: string;
}

/**
 * GET /api/v1/customers/:id — the customers API is being built alongside; every field but id is optional
 * here so the UI degrades gracefully while it settles.
 */
export interface Customer {
  id: string;
  name?: string;
  email?: string | null;
  identities?: Array<{ kind: string; value: string; is_primary?: boolean }>;
  organization_id?: string | null;
  organization_name?: string | null;
  ticket_counts?: Record<string, number>;
  locale?: string | null;
  country?: string | null;
  time_zone?: string | null;
  tier?: string | null;
  notes?: string | null;
  created_at?: string;
}

export type FieldValue = string | number | boolean | null;

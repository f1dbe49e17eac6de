import { z } from 'zod';
import { CHANNELS, LIMITS, PRIORITIES, TICKET_STATUSES } from '../enums.js';
import { ZId, ZIso, ZIsoNullable, csv } from './common.js';
import { ZSlaBadge } from './sla.js';

export const ZStatus = z.enum(TICKET_STATUSES);
export const ZPriority = z.enum(PRIORITIES);
export const ZChannel = z.enum(CHANNELS);
const ZTags = z.array(z.string().min(1).max(LIMITS.tag)).max(LIMITS.tags);
const ZFieldValues = z.record(z.string().max(64), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const ZRequesterSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable().describe('Primary email; null when the customer has none'),
  })
  .meta({ id: 'RequesterSummary' });
export type RequesterSummaryDto = z.infer<typeof ZRequesterSummary>;

const ZTicketFields = z.object({
  id: z.string(),
  number: z.number().int(),
  subject: z.string(),
  status: ZStatus,
  priority: ZPriority,
  channel: z.string(),
  brand_id: z.string(),
  team_id: z.string().nullable(),
  assignee_id: z.string().nullable(),
  requester_id: z.string(),
  organization_id: z.string().nullable(),
  tags: z.array(z.string()),
  custom_fields: z.record(z.string(), z.unknown()),
  country: z.string().nullable(),
  language: z.string().nullable(),
  external_id: z.string().nullable(),
  merged_into_id: z.string().nullable(),
  follow_up_of_id: z.string().nullable(),
  version: z.number().int(),
  created_at: ZIso,
  updated_at: ZIso,
  solved_at: ZIsoNullable,
  closed_at: ZIsoNullable,
  sla: ZSlaBadge.optional().describe('SLA badge (lists and single-ticket GET, when the ticket has a live SLA): the next target and the business time left'),
});

export const ZTicket = ZTicketFields.extend({
  requester: ZRequesterSummary.optional().describe('Embedded in ticket lists (also a customer’s tickets); absent from single-ticket responses'),
}).meta({ id: 'Ticket' });
export type TicketDto = z.infer<typeof ZTicket>;

/** A ticket in a list (GET /api/v1/tickets, a customer's tickets): the requester is always embedded. */
export const ZTicketListItem = ZTicketFields.extend({ requester: ZRequesterSummary }).meta({ id: 'TicketListItem' });
export type TicketListItemDto = z.infer<typeof ZTicketListItem>;

export const ZTicketCounts = z
  .object({
    mine: z.number().int(),
    unassigned: z.number().int(),
    all_open: z.number().int(),
    new: z.number().int(),
    pending: z.number().int(),
    solved: z.number().int(),
    teams: z.record(z.string(), z.number().int()).describe('Open tickets (new, open, pending, on hold) per team id; teams with none are left out'),
  })
  .meta({ id: 'TicketCounts' });
export type TicketCountsDto = z.infer<typeof ZTicketCounts>;

export const ZAttachment = z
  .object({
    id: z.string(),
    filename: z.string(),
    content_type: z.string(),
    size_bytes: z.number().int(),
    sha256: z.string(),
    is_dangerous: z.boolean(),
    url: z.string(),
    created_at: ZIso,
  })
  .meta({ id: 'Attachment' });

export const ZMessage = z
  .object({
    id: z.string(),
    ticket_id: z.string(),
    author_type: z.enum(['customer', 'user', 'system']),
    author_user_id: z.string().nullable(),
    author_customer_id: z.string().nullable(),
    public: z.boolean(),
    channel: z.string(),
    body: z.string(),
    html_body: z.string().nullable(),
    attachments: z.array(ZAttachment),
    created_at: ZIso,
  })
  .meta({ id: 'Message' });
export type MessageDto = z.infer<typeof ZMessage>;

export const ZCreateTicket = z.strictObject({
  subject: z.string().trim().min(1).max(LIMITS.subject),
  body: z.string().max(LIMITS.body).optional(),
  html_body: z.string().max(LIMITS.body * 2).optional(),
  requester: z.strictObject({ email: z.string().min(3).max(254), name: z.string().max(200).optional() }),
  priority: ZPriority.optional(),
  tags: ZTags.optional(),
  channel: ZChannel.optional(),
  brand_id: ZId.optional(),
  team_id: ZId.optional(),
  assignee_id: ZId.optional(),
  custom_fields: ZFieldValues.optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, e.g. DE').optional(),
  language: z.string().min(2).max(16).optional(),
  external_id: z.string().min(1).max(200).optional(),
  attachment_ids: z.array(ZId).max(20).optional(),
});

export const ZUpdateTicket = z.strictObject({
  subject: z.string().trim().min(1).max(LIMITS.subject).optional(),
  status: ZStatus.optional(),
  priority: ZPriority.optional(),
  assignee_id: ZId.nullable().optional(),
  team_id: ZId.nullable().optional(),
  brand_id: ZId.optional(),
  tags: ZTags.optional(),
  add_tags: ZTags.optional(),
  remove_tags: ZTags.optional(),
  custom_fields: ZFieldValues.optional(),
  country: z.string().regex(/^[A-Z]{2}$/).nullable().optional(),
  language: z.string().min(2).max(16).nullable().optional(),
  version: z.number().int().positive().optional().describe('Optimistic concurrency: the version you read (or send If-Match)'),
  solve_override_reason: z.string().trim().min(3).max(1000).optional().describe('Supervisors: solve despite open required SOP steps (recorded)'),
});

export const ZBulkUpdate = z.strictObject({
  ids: z.array(ZId).min(1).max(LIMITS.bulk),
  changes: ZUpdateTicket.omit({ version: true, subject: true }),
});

export const ZMergeTickets = z.strictObject({
  source_ids: z.array(ZId).min(1).max(50),
  reason: z.string().max(1000).optional(),
});

export const ZFollowUp = z.strictObject({
  subject: z.string().trim().min(1).max(LIMITS.subject).optional(),
  body: z.string().min(1).max(LIMITS.body),
  custom_fields: ZFieldValues.optional().describe('Merged over the closed ticket’s values'),
});

export const ZAddMessage = z.strictObject({
  body: z.string().max(LIMITS.body).optional(),
  html_body: z.string().max(LIMITS.body * 2).optional(),
  public: z.boolean(),
  attachment_ids: z.array(ZId).max(20).optional(),
  status: ZStatus.optional().describe('Submit as: also set the ticket status'),
});

export const ZTicketQuery = z.strictObject({
  status: csv(ZStatus).optional(),
  priority: csv(ZPriority).optional(),
  assignee_id: z.union([ZId, z.literal('me'), z.literal('none')]).optional(),
  team_id: z.union([ZId, z.literal('none')]).optional(),
  brand_id: ZId.optional(),
  tag: csv(z.string().max(LIMITS.tag)).optional(),
  requester_id: ZId.optional(),
  organization_id: ZId.optional(),
  channel: z.string().max(32).optional(),
  created_after: z.coerce.date().optional(),
  created_before: z.coerce.date().optional(),
  updated_after: z.coerce.date().optional(),
  updated_before: z.coerce.date().optional(),
  sort: z.enum(['updated_at', 'created_at']).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).optional(),
  cursor: z.string().max(500).optional(),
});

export const ZTicketEvent = z
  .object({
    id: z.string(),
    name: z.string(),
    actor_type: z.string(),
    actor_id: z.string().nullable(),
    actor_name: z.string().nullable(),
    channel: z.string().nullable(),
    ip: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()),
    occurred_at: ZIso,
  })
  .meta({ id: 'TicketEvent' });

export const ZSearchHit = z
  .object({
    ticket_id: z.string(),
    number: z.number().int(),
    subject: z.string(),
    status: ZStatus,
    priority: ZPriority,
    requester_id: z.string(),
    updated_at: ZIso,
    rank: z.number(),
    snippet: z.string().describe('HTML-escaped excerpt; matches wrapped in <mark>'),
    matched_in: z.enum(['subject', 'message']),
    requester: ZRequesterSummary,
  })
  .meta({ id: 'SearchHit' });

import { z } from 'zod';
import { ZId, ZIso, ZIsoNullable } from './common.js';
import { CHANNELS } from '../enums.js';

export const PRESENCE_STATUSES = ['online', 'away', 'offline'] as const;
export const ZPresenceStatus = z.enum(PRESENCE_STATUSES);
export const ZPresence = z.object({ user_id: z.string(), status: ZPresenceStatus, changed_at: ZIsoNullable }).meta({ id: 'Presence' });
export const ZSetPresence = z.strictObject({ status: ZPresenceStatus, user_id: ZId.optional() });

export const ZCapacityChannel = z.enum(['*', ...CHANNELS]);
export const ZRoutingAgent = z
  .object({
    user_id: z.string(), name: z.string(), email: z.string(), role: z.string(), brand_ids: z.array(z.string()),
    presence: ZPresenceStatus, presence_changed_at: ZIsoNullable, skills: z.array(z.string()),
    capacity: z.record(z.string(), z.number()), load: z.record(z.string(), z.number()), team_ids: z.array(z.string()),
  })
  .meta({ id: 'RoutingAgent' });
export const ZUpdateAgentRouting = z.strictObject({
  skills: z.array(z.string().max(80)).max(50).optional(),
  capacity: z.partialRecord(ZCapacityChannel, z.number().int().min(0).max(1000).nullable()).optional(),
});

export const ROUTING_METHOD_VALUES = ['manual', 'round_robin', 'least_loaded'] as const;
export const ZTeamRouting = z
  .object({
    team_id: z.string(), name: z.string(), method: z.enum(ROUTING_METHOD_VALUES), use_skills: z.boolean(),
    skill_fallback_seconds: z.number().int(), rr_last_user_id: z.string().nullable(), updated_at: ZIso,
    queued: z.number().int(), online: z.number().int(), members: z.number().int(),
  })
  .meta({ id: 'TeamRouting' });
export const ZUpdateTeamRouting = z.strictObject({
  method: z.enum(ROUTING_METHOD_VALUES).optional(),
  use_skills: z.boolean().optional(),
  skill_fallback_seconds: z.number().int().min(0).max(604_800).optional(),
});

export const ZQueuedTicket = z.object({
  ticket_id: z.string(), number: z.number(), subject: z.string(), team_id: z.string(), channel: z.string(), skills: z.array(z.string()), queued_at: ZIso,
});
export const ZOnlineQuery = z.object({ brand_id: ZId.optional(), team_id: ZId.optional(), channel: z.enum(CHANNELS).optional() });
export const ZOnlineAnswer = z.object({
  online: z.boolean(),
  agents: z.array(z.object({ user_id: z.string(), name: z.string(), load: z.number(), capacity: z.number().nullable() })),
});

export const ZScoreComponent = z.object({ key: z.string(), points: z.number(), detail: z.string() });
export const ZPriorityScore = z.object({ ticket_id: z.string(), score: z.number(), components: z.array(ZScoreComponent) }).meta({ id: 'PriorityScore' });
export const ZScoredTicket = z
  .object({
    id: z.string(), number: z.number(), subject: z.string(), status: z.string(), priority: z.string(), channel: z.string(),
    brand_id: z.string(), team_id: z.string().nullable(), assignee_id: z.string().nullable(), requester_id: z.string(),
    requester_name: z.string(), tier: z.string(), created_at: ZIso, rank: z.number().int(), score: z.number(), components: z.array(ZScoreComponent),
  })
  .meta({ id: 'ScoredTicket' });
const ZBool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const ZPriorityQuery = z.strictObject({
  team_id: z.union([ZId, z.literal('none')]).optional(),
  assignee_id: z.union([ZId, z.literal('me'), z.literal('none')]).optional(),
  brand_id: ZId.optional(),
  channel: z.string().max(32).optional(),
  tag: z.string().max(500).transform((s) => s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean)).optional(),
  unassigned: ZBool.optional(),
  status: z.string().regex(/^[a-z_]+(,[a-z_]+)*$/).transform((s) => s.split(',')).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

// — escalations —
export const ZRequiredField = z.strictObject({
  key: z.string().min(1).max(40), label: z.string().min(1).max(100), type: z.enum(['text', 'url', 'number', 'select']),
  options: z.array(z.string().min(1).max(100)).max(50).optional(),
});
export const ZEscalationKind = z.enum(['engineering', 'product', 'legal', 'ops', 'payments', 'other']);
export const ZEscalationTarget = z
  .object({
    team_id: z.string(), name: z.string(), kind: ZEscalationKind, required_fields: z.array(ZRequiredField),
    response_minutes: z.number().nullable(), resolution_minutes: z.number().nullable(), updated_at: ZIso,
  })
  .meta({ id: 'EscalationTarget' });
export const ZSetEscalationTarget = z.strictObject({
  kind: ZEscalationKind,
  required_fields: z.array(ZRequiredField).max(20).optional(),
  response_minutes: z.number().int().min(1).max(525_600).nullable().optional(),
  resolution_minutes: z.number().int().min(1).max(525_600).nullable().optional(),
});
export const ZEscalation = z
  .object({
    id: z.string(), ticket_id: z.string(), team_id: z.string(), reason: z.string(), fields: z.record(z.string(), z.union([z.string(), z.number()])),
    status: z.enum(['open', 'answered', 'resolved', 'cancelled']), owner_id: z.string().nullable(), created_by: z.string().nullable(),
    shared_with: z.array(z.string()), response_due_at: ZIsoNullable, resolution_due_at: ZIsoNullable, answered_at: ZIsoNullable,
    resolved_at: ZIsoNullable, created_at: ZIso,
    ticket_number: z.number().optional(), ticket_subject: z.string().optional(), team_name: z.string().optional(), kind: z.string().optional(),
  })
  .meta({ id: 'Escalation' });
export const ZEscalate = z.strictObject({
  team_id: ZId,
  reason: z.string().max(5000),
  fields: z.record(z.string().max(40), z.union([z.string().max(2000), z.number()])).optional(),
  collaborator_ids: z.array(ZId).max(50).optional(),
});
export const ZCloseEscalation = z.strictObject({ outcome: z.enum(['resolved', 'cancelled']).default('resolved'), note: z.string().max(2000).optional() });
export const ZEscalationQuery = z.object({ ticket_id: ZId.optional(), team_id: ZId.optional(), status: z.enum(['open', 'answered', 'resolved', 'cancelled']).optional() });

// — problems —
export const ZProblemRecord = z
  .object({
    id: z.string(), title: z.string(), description: z.string(), status: z.enum(['open', 'solved']), created_by: z.string().nullable(),
    created_at: ZIso, updated_at: ZIso, solved_at: ZIsoNullable, ticket_count: z.number().optional(), open_ticket_count: z.number().optional(),
  })
  .meta({ id: 'ProblemRecord' });
export const ZTrackerLink = z.object({
  id: z.string(), problem_id: z.string(), integration_id: z.string(), integration_name: z.string().optional(), external_key: z.string(), url: z.string(), status: z.string(), updated_at: ZIso,
});
export const ZProblemDetail = ZProblemRecord.extend({
  tickets: z.array(z.object({ id: z.string(), number: z.number(), subject: z.string(), status: z.string(), requester_id: z.string(), linked_at: ZIso })),
  trackers: z.array(ZTrackerLink),
});
export const ZCreateProblem = z.strictObject({ title: z.string().max(300), description: z.string().max(20_000).optional(), ticket_ids: z.array(ZId).max(1000).optional() });
export const ZLinkTickets = z.strictObject({ ticket_ids: z.array(ZId).min(1).max(1000) });
export const ZProblemMessage = z.strictObject({ body: z.string().max(100_000) });
export const ZSolveProblem = z.strictObject({ body: z.string().max(100_000).optional(), solve_tickets: z.boolean().optional() });
export const ZFanOut = z.object({ problem: ZProblemRecord, ticket_ids: z.array(z.string()), skipped: z.number().int() });
export const ZCreateTracker = z.strictObject({ name: z.string().max(100) });
export const ZTrackerIntegration = z.object({ id: z.string(), name: z.string(), created_at: ZIso, secret: z.string().optional(), webhook_url: z.string().optional() });
export const ZLinkTracker = z.strictObject({ integration_id: ZId, external_key: z.string().min(1).max(200), url: z.string().max(2000), status: z.string().max(60).optional() });

import { z } from 'zod';
import { ZId, ZIso, ZIsoNullable } from './common.js';

/** Wire contracts of the sops module. Definitions and run states are documented in docs/sops.md. */
const Json = z.record(z.string(), z.unknown());

export const SOP_VERSION_STATUSES = ['draft', 'in_review', 'approved', 'launched', 'promoted', 'rolled_back', 'retired'] as const;
export const SOP_TRANSITIONS = ['submit', 'approve', 'request_changes', 'launch', 'update_rollout', 'promote', 'rollback', 'retire'] as const;

export const ZApprover = z.strictObject({ role: z.string().trim().min(1).max(80), user_id: ZId });
export const ZRollout = z.strictObject({
  percent: z.number().gt(0).max(100).describe('share of matching tickets that get this version'),
  markets: z.array(z.string().regex(/^[A-Za-z]{2}$/)).max(250).optional().describe('country codes; empty = all'),
  teams: z.array(ZId).max(100).optional().describe('team ids; empty = all'),
  ab_test: z.boolean().optional().describe('tickets outside the share run the current version as arm A'),
});

export const ZSopIssue = z.object({ path: z.string(), line: z.number().int().nullable(), column: z.number().int().nullable(), message: z.string() });

export const ZSop = z.object({
  id: z.string(), key: z.string(), name: z.string(), owner: z.string(), purpose: z.string(), approvers: z.array(z.object({ role: z.string(), user_id: z.string() })),
  created_by: z.string().nullable(), created_at: ZIso, updated_at: ZIso,
}).meta({ id: 'Sop' });

export const ZSopVersion = z.object({
  id: z.string(), sop_id: z.string(), number: z.number().int(), status: z.enum(SOP_VERSION_STATUSES), definition: Json, yaml: z.string(), review_round: z.number().int(),
  rollout: Json.nullable(), tests_result: Json.nullable(), author_id: z.string().nullable(), created_at: ZIso, updated_at: ZIso,
  launched_at: ZIsoNullable, promoted_at: ZIsoNullable, ended_at: ZIsoNullable,
}).meta({ id: 'SopVersion' });

export const ZSopListItem = ZSop.extend({ versions: z.array(z.object({ id: z.string(), number: z.number().int(), status: z.string() })), runs: z.number().int() });
export const ZSopDetail = ZSop.extend({ versions: z.array(ZSopVersion) });
export const ZSopVersionDetail = ZSopVersion.extend({
  reviews: z.array(z.object({ id: z.string(), kind: z.string(), role: z.string().nullable(), user_id: z.string().nullable(), user_name: z.string().nullable(), body: z.string(), review_round: z.number().int(), created_at: ZIso })),
  history: z.array(z.object({ name: z.string(), actor_id: z.string().nullable(), actor_name: z.string().nullable(), payload: Json, occurred_at: ZIso })),
});

const ZYaml = z.string().min(1).max(200_000);
export const ZCreateSop = z.strictObject({ yaml: ZYaml, approvers: z.array(ZApprover).max(20).optional() });
export const ZUpdateSop = z.strictObject({ approvers: z.array(ZApprover).max(20) });
export const ZCreateSopVersion = z.strictObject({ yaml: ZYaml.optional(), from_version_id: ZId.optional() });
export const ZEditSopVersion = z.strictObject({ yaml: ZYaml.optional(), definition: Json.optional(), reason: z.string().max(1000).optional() });
export const ZValidateSop = z.strictObject({ yaml: ZYaml.optional(), definition: Json.optional() });
export const ZValidateResult = z.object({ ok: z.boolean(), issues: z.array(ZSopIssue), definition: Json.nullable(), yaml: z.string().nullable() });
export const ZTransition = z.strictObject({
  action: z.enum(SOP_TRANSITIONS), reason: z.string().max(2000).optional(), role: z.string().max(80).optional(), rollout: ZRollout.optional(),
});
export const ZComment = z.strictObject({ body: z.string().trim().min(1).max(5000) });

export const ZTestResult = z.object({
  version_id: z.string(), passed: z.number().int(), failed: z.number().int(), at: z.string(),
  results: z.array(z.object({ name: z.string(), passed: z.boolean(), failures: z.array(z.string()), steps: z.array(z.string()), status: z.string(), messages: z.array(z.string()), violations: z.array(z.string()), fields: Json })),
});
export const ZDryRun = z.object({
  version: z.number().int(), scanned: z.number().int(), matched: z.number().int(), differing: z.number().int(),
  tickets: z.array(z.object({
    ticket_id: z.string(), number: z.number(), baseline_version: z.number().nullable(), steps_before: z.array(z.string()), steps_after: z.array(z.string()),
    messages_before: z.number().int(), messages_after: z.number().int(), status_after: z.string(), differences: z.array(z.string()),
  })),
});
export const ZSopDiff = z.object({
  from: z.number().int(), to: z.number().int(),
  steps: z.object({ added: z.array(z.string()), removed: z.array(z.string()), changed: z.array(z.object({ id: z.string(), changes: z.array(z.string()) })), moved: z.array(z.string()) }),
  other: z.array(z.string()),
});
export const ZSopMetrics = z.object({ sop_id: z.string(), groups: z.array(Json), ab: Json.nullable(), unavailable: Json });

export const ZSopRun = z.object({
  id: z.string(), ticket_id: z.string(), sop_id: z.string(), version_id: z.string(), arm: z.enum(['A', 'B']).nullable(), mode: z.enum(['human', 'auto']),
  status: z.string(), state: Json, wait_until: ZIsoNullable, escalated: z.boolean(), started_at: ZIso, updated_at: ZIso, completed_at: ZIsoNullable,
}).meta({ id: 'SopRun' });
export const ZTicketSopRun = ZSopRun.extend({
  definition: Json, version_number: z.number().int(), sop_name: z.string(), open_required: z.array(z.string()),
  reply_preview: z.object({ lang: z.string(), text: z.string() }).nullable(),
});

export const ZStepAction = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('complete'), step: z.string().min(1).max(64), input: z.unknown().optional().describe('decision: the answer label; collect: {field: value}; others: omit') }),
  z.strictObject({ action: z.literal('skip'), step: z.string().min(1).max(64), reason: z.string().trim().min(3).max(1000) }),
  z.strictObject({ action: z.literal('override'), step: z.string().min(1).max(64), reason: z.string().trim().min(3).max(1000) }),
  z.strictObject({ action: z.literal('retry') }),
]);

export const ZHttpActionInput = z.strictObject({
  url: z.string().url().max(2000), method: z.enum(['GET', 'POST', 'PUT', 'PATCH']).optional(), auth_type: z.enum(['none', 'bearer', 'basic', 'header']).optional(),
  auth_header: z.string().max(100).nullable().optional(), auth_secret: z.string().max(2000).nullable().optional().describe('write-only'),
  timeout_ms: z.number().int().min(100).max(30_000).optional(),
});
export const ZHttpAction = z.object({ id: z.string(), key: z.string(), url: z.string(), method: z.string(), auth_type: z.string(), auth_header: z.string().nullable(), has_secret: z.boolean(), timeout_ms: z.number().int() });

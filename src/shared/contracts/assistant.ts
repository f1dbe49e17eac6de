import { z } from 'zod';

export const ZExample = z.object({ text: z.string().min(1).max(2000), label: z.string().min(1).max(120) });
export const ZImportExamples = z.object({ examples: z.array(ZExample).min(1).max(200_000) });
export const ZImportResult = z.object({ inserted: z.number().int(), skipped: z.number().int() });

export const ZModelVersion = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.enum(['training', 'ready', 'failed']),
  is_active: z.boolean(),
  progress: z.number(),
  examples: z.number().int(),
  intents: z.number().int(),
  metrics: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});
export const ZTrainModel = z.object({ seed: z.number().int().min(0).max(2 ** 31 - 1).optional() }).default({});
export const ZActivateModel = z.object({}).default({});

export const ZIntentConfig = z.object({
  title: z.string().max(200).optional(),
  article_ids: z.array(z.string().max(64)).max(50).optional(),
  flow: z.unknown().optional(),
  sop_ref: z.string().max(120).nullable().optional(),
  sop_version: z.number().int().min(1).nullable().optional(),
});

export const ZConverse = z.object({
  conversation_id: z.string().max(64).optional(),
  external_ref: z.string().min(1).max(200).optional(),
  brand_id: z.string().max(64).optional(),
  channel: z.enum(['api', 'web', 'chat', 'app']).optional(),
  customer_email: z.string().max(320).optional(),
  customer_name: z.string().max(200).optional(),
  /** Anything: empty, huge, HTML or binary text is cleaned by the assistant, never rejected. */
  text: z.string().max(100_000),
});

export const ZConverseResult = z.object({
  conversation_id: z.string(),
  status: z.enum(['active', 'handed_off', 'ended']),
  intent: z.string().nullable(),
  confidence: z.number().nullable(),
  replies: z.array(z.string()),
  citations: z.array(z.object({ articleId: z.string(), title: z.string(), url: z.string() })),
  actions: z.array(z.object({ action: z.string(), ok: z.boolean() })),
  handoff: z.object({ reason: z.string(), ticket_id: z.string().nullable(), summary: z.string(), expected_wait_minutes: z.number().nullable(), agents_online: z.number() }).nullable(),
});

export const ZRating = z.object({ rating: z.number().int().min(1).max(5) });
export const ZClassify = z.object({ text: z.string().max(100_000) });
export const ZMetricsQuery = z.object({ from: z.string().datetime().optional(), to: z.string().datetime().optional() });

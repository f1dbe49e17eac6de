import { z } from 'zod';

/** Wire schemas of the compliance module. */
export const ZPatternSpec = z.union([
  z.string().min(1).max(40),
  z.strictObject({ name: z.string().min(1).max(40).regex(/^[a-z0-9_]+$/), regex: z.string().min(1).max(500), flags: z.string().regex(/^[imsu]*$/).optional() }),
]);
export const ZRedactionSettings = z.strictObject({ enabled: z.boolean(), patterns: z.array(ZPatternSpec).max(50) });
export const ZRedactionSettingsOut = z.object({ brand_id: z.string(), enabled: z.boolean(), patterns: z.array(ZPatternSpec) });
export const ZRedactMessage = z.strictObject({
  reason: z.string().min(1).max(500),
  passages: z.array(z.string().min(1).max(5000)).max(50).optional(),
  patterns: z.array(z.string().min(1).max(40)).max(20).optional(),
  whole: z.boolean().optional(),
});
export const ZRedactAttachment = z.strictObject({ reason: z.string().min(1).max(500) });
export const ZPiiAccessQuery = z.strictObject({
  customer_id: z.string().max(64).optional(),
  user_id: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export const ZPiiAccessEntry = z.object({ user_id: z.string(), user_name: z.string().nullable(), customer_id: z.string(), access: z.string(), viewed_at: z.string() });
export const ZChainReport = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  anchored_at: z.number().int().nullable(),
  first_break: z.object({ chain_pos: z.number().int().nullable(), seq: z.number().int(), reason: z.string(), detail: z.string() }).nullable(),
});

import { z } from 'zod';

export const ZId = z.string().min(3).max(64).regex(/^[a-z]+_[0-9a-z]+$/, 'must be a Switchboard id like tkt_…');
export const ZIso = z.string().describe('ISO 8601 timestamp');
export const ZIsoNullable = ZIso.nullable();

export const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine-readable error code'),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .passthrough()
  .meta({ id: 'Problem' });

export const page = <T extends z.ZodTypeAny>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });
export const list = <T extends z.ZodTypeAny>(item: T) => z.object({ data: z.array(item) });

/** Comma-separated or repeated query values → array. */
export const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item));

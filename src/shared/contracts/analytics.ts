import { z } from 'zod';

export const ZMetricQuery = z.object({
  from: z.string().min(10).max(40).describe('YYYY-MM-DD (a whole day in tz) or an ISO timestamp'),
  to: z.string().min(10).max(40).describe('YYYY-MM-DD (inclusive) or an ISO timestamp (exclusive)'),
  tz: z.string().max(64).optional().describe('IANA time zone for day buckets; default UTC'),
  brand_id: z.string().max(64).optional(),
  team_id: z.string().max(64).optional().describe('a team id, or "none" for unassigned'),
  channel: z.string().max(32).optional(),
});

export const ZErlangBody = z.strictObject({
  contacts: z.number().min(0).max(1e7),
  interval_sec: z.number().positive().max(86_400).default(1800),
  aht_sec: z.number().positive().max(86_400),
  target_sec: z.number().min(0).max(7 * 86_400),
  service_level: z.number().gt(0).lt(1),
  shrinkage: z.number().min(0).lt(1).default(0),
  max_occupancy: z.number().gt(0).max(1).optional(),
  patience_sec: z.number().positive().max(86_400).optional().describe('chat: use Erlang A with this average patience'),
});

export const ZForecastQuery = z.object({
  weeks: z.coerce.number().int().min(3).max(52).default(8),
  horizon_hours: z.coerce.number().int().min(1).max(672).default(168),
  brand_id: z.string().max(64).optional(),
  team_id: z.string().max(64).optional(),
  channel: z.string().max(32).optional(),
  aht_sec: z.coerce.number().positive().max(86_400).default(420),
  target_sec: z.coerce.number().min(0).max(7 * 86_400).default(4 * 3600),
  service_level: z.coerce.number().gt(0).lt(1).default(0.8),
  shrinkage: z.coerce.number().min(0).lt(1).default(0.3),
  patience_sec: z.coerce.number().positive().max(86_400).optional(),
});

export const ZWhatIfBody = ZMetricQuery.extend({
  agents: z.union([z.number().int().min(0).max(10_000), z.array(z.number().int().min(0).max(10_000)).length(168)]),
  aht_sec: z.number().positive().max(86_400),
  target_sec: z.number().min(0).max(7 * 86_400),
  containment: z.number().min(0).lt(1).optional(),
  aht_factor: z.number().gt(0).max(10).optional(),
  patience_sec: z.number().positive().max(86_400).optional(),
  runs: z.number().int().min(1).max(200).optional(),
}).strict();

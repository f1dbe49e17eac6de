import { IANAZone } from 'luxon';
import { invalid } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { rebuildDailyRollup, reportingTimeZone } from '../facts/refresh-facts.js';

/** The workspace's analytics settings: its reporting time zone (the local days of the daily rollup). */
export async function getAnalyticsSettings(ctx: Ctx): Promise<{ time_zone: string }> {
  authorize(ctx.actor, 'reports.read');
  return { time_zone: await reportingTimeZone(ctx.tx, ctx.actor.workspaceId) };
}

/**
 * Choose the reporting time zone. Dashboards in this zone read the daily rollup (24× fewer rows); other
 * zones still work from the hourly one. The daily rollup is rebuilt from the facts in the same transaction.
 */
export async function updateAnalyticsSettings(ctx: Ctx, input: { time_zone: string }): Promise<{ time_zone: string }> {
  authorize(ctx.actor, 'users.manage');
  if (!IANAZone.isValidZone(input.time_zone)) throw invalid('INVALID_TIME_ZONE', `Unknown time zone "${input.time_zone}" (use an IANA name like Europe/Dublin)`);
  const before = await reportingTimeZone(ctx.tx, ctx.actor.workspaceId);
  await ctx.tx.query(
    `INSERT INTO analytics_settings (workspace_id, time_zone, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (workspace_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, updated_at = EXCLUDED.updated_at`,
    [ctx.actor.workspaceId, input.time_zone, ctx.clock.now()],
  );
  if (before !== input.time_zone) await rebuildDailyRollup(ctx.tx, ctx.actor.workspaceId);
  await recordChange(ctx, { event: 'analytics.settings_updated', aggregateType: 'workspace', aggregateId: ctx.actor.workspaceId, payload: { time_zone: input.time_zone, from: before } });
  return { time_zone: input.time_zone };
}

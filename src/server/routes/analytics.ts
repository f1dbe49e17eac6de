import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BREAKDOWN_DIMS, DRILL_METRICS, getAnalyticsSettings, getBacklog, getBreakdown, getDashboard, getForecast, getSelfServiceReport, getSopVersionReport,
  listMetricTickets, listSelfServiceConversations, rebuildAnalytics, requiredAgents, requiredAgentsA, runWhatIf, SELF_SERVICE_OUTCOMES, updateAnalyticsSettings,
} from '../../domain/analytics/index.js';
import { authorize } from '../../domain/kernel/index.js';
import { AppError } from '../../platform/errors.js';
import { ZErlangBody, ZForecastQuery, ZMetricQuery, ZWhatIfBody } from '../../shared/contracts/analytics.js';
import { ZProblem } from '../../shared/contracts/common.js';
import { actorOf, inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';
import { registerAnalyticsExportRoutes } from './analytics-export.js';
import { registerCsatRoutes } from './analytics-csat.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const tags = ['Analytics'];
const ZAny = z.record(z.string(), z.unknown());

/** Dashboards, drill-down, forecasting and staffing (and, in analytics-*.ts, exports, CSAT and QA). */
export function registerAnalyticsRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/analytics/dashboard', {
    schema: { tags, summary: 'KPIs, time series and breakdowns from the hourly rollups', querystring: ZMetricQuery.extend({ bucket: z.enum(['hour', 'day', 'week', 'month']).optional() }), response: { 200: ZAny, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => getDashboard(ctx, req.query))) as never);
  app.get('/api/v1/analytics/breakdown', {
    schema: { tags, summary: 'Medians and rates per dimension for tickets created in the range (agent performance: by=assignee_id)', querystring: ZMetricQuery.extend({ by: z.enum(BREAKDOWN_DIMS) }), response: { 200: z.object({ data: z.array(ZAny) }), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => getBreakdown(ctx, req.query))) }) as never);
  app.get('/api/v1/analytics/backlog', {
    schema: { tags, summary: 'Open tickets now by status and age', querystring: z.object({ brand_id: z.string().optional(), team_id: z.string().optional(), channel: z.string().optional() }), response: { 200: ZAny, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => getBacklog(ctx, req.query))) as never);
  app.get('/api/v1/analytics/tickets', {
    schema: {
      tags, summary: 'Drill-down: the tickets behind a number',
      querystring: ZMetricQuery.extend({ metric: z.enum(DRILL_METRICS as [string, ...string[]]), assignee_id: z.string().optional(), sop_version_id: z.string().max(64).optional(), intent: z.string().max(120).optional(), limit: z.coerce.number().int().min(1).max(1000).optional(), after: z.string().optional() }),
      response: { 200: z.object({ data: z.array(ZAny), next_after: z.string().nullable() }), ...errors },
    },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => listMetricTickets(ctx, req.query))) as never);
  app.get('/api/v1/analytics/sop-versions', {
    schema: { tags, summary: 'SOP versions: volume, run outcomes, resolution, reopens, CSAT and SLA per version (tickets created in the range)', querystring: ZMetricQuery, response: { 200: z.object({ data: z.array(ZAny) }), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => getSopVersionReport(ctx, req.query))) }) as never);
  app.get('/api/v1/analytics/self-service', {
    schema: { tags, summary: 'Self-service: assistant conversations, containment, hand-offs and what happened to the hand-off tickets', querystring: ZMetricQuery, response: { 200: ZAny, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => getSelfServiceReport(ctx, req.query))) as never);
  app.get('/api/v1/analytics/self-service/conversations', {
    schema: {
      tags, summary: 'Drill-down: the assistant conversations behind a self-service number',
      querystring: ZMetricQuery.extend({ outcome: z.enum(SELF_SERVICE_OUTCOMES as [string, ...string[]]), intent: z.string().max(120).optional(), limit: z.coerce.number().int().min(1).max(1000).optional(), after: z.string().optional() }),
      response: { 200: z.object({ data: z.array(ZAny), next_after: z.string().nullable() }), ...errors },
    },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => listSelfServiceConversations(ctx, req.query))) as never);
  app.get('/api/v1/analytics/settings', { schema: { tags, summary: 'The workspace\'s reporting time zone', response: { 200: ZAny, ...errors } } },
    async (req) => inTx(deps, req, (ctx) => getAnalyticsSettings(ctx)) as never);
  app.put('/api/v1/analytics/settings', {
    schema: { tags, summary: 'Set the reporting time zone (rebuilds the daily rollup; admin)', body: z.strictObject({ time_zone: z.string().min(1).max(64) }), response: { 200: ZAny, ...errors } },
  }, async (req) => inTx(deps, req, (ctx) => updateAnalyticsSettings(ctx, req.body)) as never);
  app.post('/api/v1/analytics/rebuild', { schema: { tags, summary: 'Recompute all facts and rollups from the source data (admin)', response: { 200: z.object({ tickets: z.number() }), ...errors } } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'users.manage');
    return deps.db.transaction((tx) => rebuildAnalytics(tx, actor.workspaceId));
  });
  app.post('/api/v1/analytics/erlang', {
    schema: { tags, summary: 'Agents needed for a volume, AHT and service-level target (Erlang C; Erlang A with patience_sec)', body: ZErlangBody, response: { 200: ZAny, ...errors } },
  }, async (req) => {
    authorize(actorOf(req), 'reports.read');
    const b = req.body;
    const base = { contacts: b.contacts, intervalSec: b.interval_sec, ahtSec: b.aht_sec, targetSec: b.target_sec, serviceLevel: b.service_level, shrinkage: b.shrinkage };
    try {
      const r = b.patience_sec ? requiredAgentsA({ ...base, patienceSec: b.patience_sec }) : requiredAgents({ ...base, maxOccupancy: b.max_occupancy });
      return { model: b.patience_sec ? 'erlang_a' : 'erlang_c', ...r, asaSec: Number.isFinite(r.asaSec) ? r.asaSec : null };
    } catch (err) {
      if (err instanceof RangeError) throw new AppError('INFEASIBLE_TARGET', err.message, 'unprocessable');
      throw err;
    }
  });
  app.get('/api/v1/analytics/forecast', {
    schema: { tags, summary: 'Hourly volume forecast with backtest, and agents needed per hour', querystring: ZForecastQuery, response: { 200: ZAny, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => getForecast(ctx, req.query))) as never);
  app.post('/api/v1/analytics/what-if', {
    schema: { tags, summary: 'Simulate a historical period with changed staffing/AHT/containment, next to what actually happened', body: ZWhatIfBody, response: { 200: ZAny, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => runWhatIf(ctx, req.body))) as never);
  registerAnalyticsExportRoutes(root, deps);
  registerCsatRoutes(root, deps);
}

import { stringify } from 'csv-stringify';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BREAKDOWN_DIMS, createReportSchedule, deleteReportSchedule, EXPORT_COLUMNS, exportFacts, getBreakdown, getDashboard, getSelfServiceReport, getSopVersionReport, listReportSchedules } from '../../domain/analytics/index.js';
import { ZId } from '../../shared/contracts/common.js';
import { toWire } from '../present.js';
import { ZMetricQuery } from '../../shared/contracts/analytics.js';
import { ZProblem } from '../../shared/contracts/common.js';
import { invalid } from '../../platform/errors.js';
import { inTx, type ServerDeps } from '../deps.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 422: ZProblem };
const cell = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : v);

/** CSV exports: raw ticket facts (streamed in pages), and any dashboard table. */
export function registerAnalyticsExportRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Analytics'];
  app.get('/api/v1/analytics/facts.csv', { schema: { tags, summary: 'Raw ticket-level facts as CSV (streamed)', querystring: ZMetricQuery, response: errors } }, async (req, reply) => {
    const pages = exportFacts((fn) => inTx(deps, req, fn), req.query);
    // fail before the first byte on bad filters/permissions (a proper problem+json), then stream
    const first = await pages.next();
    const csv = stringify({ header: true, columns: [...EXPORT_COLUMNS] });
    void (async () => {
      try {
        if (!first.done) for (const r of first.value) if (!csv.write(EXPORT_COLUMNS.map((c) => cell(r[c])))) await new Promise((ok) => csv.once('drain', ok));
        for await (const page of pages) for (const r of page) if (!csv.write(EXPORT_COLUMNS.map((c) => cell(r[c])))) await new Promise((ok) => csv.once('drain', ok));
        csv.end();
      } catch (err) {
        csv.destroy(err as Error);
      }
    })();
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="ticket-facts.csv"').send(csv as never);
  });
  app.get('/api/v1/analytics/table.csv', {
    schema: { tags, summary: 'A dashboard table as CSV: by=series|channel_rollup|team_rollup|brand_rollup (rollups), sop_versions, self_service_intents or any breakdown dimension (facts)', querystring: ZMetricQuery.extend({ by: z.string().max(32) }), response: errors },
  }, async (req, reply) => {
    const by = req.query.by;
    let rows: Array<Record<string, unknown>>;
    if (['series', 'channel_rollup', 'team_rollup', 'brand_rollup'].includes(by)) {
      const d = await inTx(deps, req, (ctx) => getDashboard(ctx, req.query));
      rows = by === 'series' ? d.series : by === 'channel_rollup' ? d.by_channel : by === 'team_rollup' ? d.by_team : d.by_brand;
    } else if (by === 'sop_versions') {
      rows = await inTx(deps, req, (ctx) => getSopVersionReport(ctx, req.query));
    } else if (by === 'self_service_intents') {
      rows = (await inTx(deps, req, (ctx) => getSelfServiceReport(ctx, req.query))).by_intent;
    } else if ((BREAKDOWN_DIMS as readonly string[]).includes(by)) {
      rows = await inTx(deps, req, (ctx) => getBreakdown(ctx, { ...req.query, by }));
    } else {
      throw invalid('INVALID_TABLE', `by must be series, channel_rollup, team_rollup, brand_rollup, sop_versions, self_service_intents or one of ${BREAKDOWN_DIMS.join(', ')}`);
    }
    const columns = rows.length ? Object.keys(rows[0]) : ['key'];
    const csv = stringify({ header: true, columns });
    for (const r of rows) csv.write(columns.map((c) => cell(r[c])));
    csv.end();
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="report-${by}.csv"`).send(csv as never);
  });
  const ZSchedule = z.strictObject({
    name: z.string().trim().min(1).max(120), frequency: z.enum(['daily', 'weekly']), hour: z.number().int().min(0).max(23), weekday: z.number().int().min(1).max(7).optional(),
    tz: z.string().max(64), recipients: z.array(z.string().max(254)).min(1).max(50),
    filters: z.strictObject({ brand_id: z.string().optional(), team_id: z.string().optional(), channel: z.string().optional() }).optional(),
  });
  const ok = z.record(z.string(), z.unknown());
  app.get('/api/v1/analytics/report_schedules', { schema: { tags, summary: 'Scheduled e-mailed reports', response: { 200: z.object({ data: z.array(ok) }), ...errors } } },
    async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listReportSchedules(ctx))) }) as never);
  app.post('/api/v1/analytics/report_schedules', { schema: { tags, summary: 'E-mail the overview daily or weekly', body: ZSchedule, response: { 201: ok, ...errors } } },
    async (req, reply) => reply.code(201).send(toWire(await inTx(deps, req, (ctx) => createReportSchedule(ctx, req.body))) as never));
  app.delete('/api/v1/analytics/report_schedules/:id', { schema: { tags, summary: 'Stop a scheduled report', params: z.object({ id: ZId }), response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await inTx(deps, req, (ctx) => deleteReportSchedule(ctx, req.params.id));
    return reply.code(204).send(null);
  });
}

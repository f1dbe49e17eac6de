import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  computeWithCalendar, createCalendar, deleteCalendar, getCalendar, importCalendarHolidays, listCalendars, updateCalendar,
} from '../../domain/calendars/index.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import { ZCalendar, ZCalendarCompute, ZCalendarComputeResult, ZCreateCalendar, ZImportIcs, ZUpdateCalendar } from '../../shared/contracts/sla.js';
import { inTx, type ServerDeps } from '../deps.js';
import { idempotent } from '../idempotency.js';
import { toWire } from '../present.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 412: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });

/** Business calendars: CRUD, iCalendar holiday import, a "try it" computation. */
export function registerCalendarRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Business calendars'];

  app.get('/api/v1/calendars', { schema: { tags, summary: 'List business calendars', response: { 200: list(ZCalendar), ...errors } } }, async (req) =>
    ({ data: toWire(await inTx(deps, req, (ctx) => listCalendars(ctx))) }) as never);

  app.post('/api/v1/calendars', {
    schema: { tags, summary: 'Create a business calendar (IANA zone, working intervals per weekday, holidays)', body: ZCreateCalendar, response: { 201: ZCalendar, ...errors } },
  }, (req, reply) => idempotent(deps, req, reply, async (ctx) => ({ status: 201, body: toWire(await createCalendar(ctx, req.body)) })) as never);

  app.get('/api/v1/calendars/:id', { schema: { tags, summary: 'Get a business calendar', params: Params, response: { 200: ZCalendar, ...errors } } }, async (req) =>
    toWire(await inTx(deps, req, (ctx) => getCalendar(ctx, req.params.id))) as never);

  app.patch('/api/v1/calendars/:id', {
    schema: { tags, summary: 'Update a business calendar', params: Params, body: ZUpdateCalendar, response: { 200: ZCalendar, ...errors } },
  }, async (req) => {
    const { version, ...changes } = req.body;
    return toWire(await inTx(deps, req, (ctx) => updateCalendar(ctx, req.params.id, changes, version))) as never;
  });

  app.delete('/api/v1/calendars/:id', { schema: { tags, summary: 'Delete a business calendar no SLA policy uses', params: Params, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await inTx(deps, req, (ctx) => deleteCalendar(ctx, req.params.id));
    return reply.code(204).send(null);
  });

  app.post('/api/v1/calendars/:id/import_ics', {
    schema: { tags, summary: 'Import holidays from an iCalendar (.ics) text', params: Params, body: ZImportIcs, response: { 200: z.object({ calendar: ZCalendar, imported: z.number() }), ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => importCalendarHolidays(ctx, req.params.id, req.body))) as never);

  app.post('/api/v1/calendars/:id/compute', {
    schema: { tags, summary: 'Try a calendar: due time of N business minutes from start, business minutes between start and end', params: Params, body: ZCalendarCompute, response: { 200: ZCalendarComputeResult, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => computeWithCalendar(ctx, req.params.id, req.body))) as never);
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import {
  bulkUpdateTickets, countTicketViews, createFollowUp, createTicket, findTickets, getTicket, listTicketEvents, mergeTickets, updateTicket,
} from '../../domain/tickets/index.js';
import { getSlaBadges } from '../../domain/sla/index.js';
import { ZId, ZProblem, list, page } from '../../shared/contracts/common.js';
import {
  ZBulkUpdate, ZCreateTicket, ZFollowUp, ZMergeTickets, ZTicket, ZTicketCounts, ZTicketEvent, ZTicketListItem, ZTicketQuery, ZUpdateTicket,
} from '../../shared/contracts/tickets.js';
import { inTx, type ServerDeps } from '../deps.js';
import { idempotent } from '../idempotency.js';
import { toWire } from '../present.js';
import { presentTicket } from '../presenters.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 412: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });

/** `If-Match: "3"` / `W/"3"` / `3` → 3; `*` (any version, RFC 9110) → no check. */
function ifMatch(h: string | string[] | undefined): number | undefined {
  if (h === undefined || String(h).trim() === '*') return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(String(h).trim());
  if (!m) throw new AppError('INVALID_IF_MATCH', 'If-Match must be the ticket version, e.g. "3"', 'validation');
  return Number(m[1]);
}

export function registerTicketRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Tickets'];

  app.post('/api/v1/tickets', {
    schema: { tags, summary: 'Create a ticket with its first message', body: ZCreateTicket, response: { 201: ZTicket, ...errors } },
  }, async (req, reply) => {
    const body = await idempotent(deps, req, reply, async (ctx) => ({ status: 201, body: presentTicket((await createTicket(ctx, req.body)).ticket) }));
    // Set outside the command so a replayed response carries it too.
    reply.header('location', `/api/v1/tickets/${(body as { id: string }).id}`);
    return body as never;
  });

  app.get('/api/v1/tickets', {
    schema: { tags, summary: 'List tickets (filters, cursor pagination); each with its requester embedded', querystring: ZTicketQuery, response: { 200: page(ZTicketListItem), ...errors } },
  }, async (req) => {
    const out = await inTx(deps, req, async (ctx) => {
      const found = await findTickets(ctx, req.query);
      const sla = await getSlaBadges(ctx, found.data.map((t) => t.id));
      return { ...found, data: found.data.map((t) => (sla.has(t.id) ? { ...t, sla: sla.get(t.id) } : t)) };
    });
    return { data: out.data.map(presentTicket), next_cursor: out.next_cursor } as never;
  });

  app.get('/api/v1/tickets/counts', {
    schema: { tags, summary: 'Counts for the inbox views (and open tickets per team), in your scope', response: { 200: ZTicketCounts, ...errors } },
  }, (req) => inTx(deps, req, (ctx) => countTicketViews(ctx)));

  app.get('/api/v1/tickets/:id', {
    schema: { tags, summary: 'Get a ticket (ETag = version)', params: Params, response: { 200: ZTicket, ...errors } },
  }, async (req, reply) => {
    const t = await inTx(deps, req, async (ctx) => {
      const ticket = await getTicket(ctx, req.params.id);
      const sla = (await getSlaBadges(ctx, [ticket.id])).get(ticket.id);
      return sla ? { ...ticket, sla } : ticket;
    });
    reply.header('etag', `"${t.version}"`);
    return presentTicket(t) as never;
  });

  app.patch('/api/v1/tickets/:id', {
    schema: { tags, summary: 'Update a ticket (If-Match or version for optimistic concurrency)', params: Params, body: ZUpdateTicket, response: { 200: ZTicket, ...errors } },
  }, async (req, reply) => {
    const { version, ...changes } = req.body;
    const expected = ifMatch(req.headers['if-match']) ?? version;
    const t = await inTx(deps, req, (ctx) => updateTicket(ctx, req.params.id, changes, expected));
    reply.header('etag', `"${t.version}"`);
    return presentTicket(t) as never;
  });

  app.post('/api/v1/tickets/bulk_update', {
    schema: { tags, summary: 'Apply one change to many tickets (all or nothing)', body: ZBulkUpdate, response: { 200: list(ZTicket), ...errors } },
  }, (req, reply) =>
    idempotent(deps, req, reply, async (ctx) => {
      const out = await bulkUpdateTickets(ctx, req.body.ids, req.body.changes);
      return { status: 200, body: { data: out.map(presentTicket) } };
    }) as never);

  app.post('/api/v1/tickets/:id/merge', {
    schema: { tags, summary: 'Merge other tickets into this one', params: Params, body: ZMergeTickets, response: { 200: ZTicket, ...errors } },
  }, (req, reply) =>
    idempotent(deps, req, reply, async (ctx) => {
      const out = await mergeTickets(ctx, { ...req.body, target_id: req.params.id });
      return { status: 200, body: presentTicket(out.target) };
    }) as never);

  app.post('/api/v1/tickets/:id/follow_up', {
    schema: { tags, summary: 'Create a follow-up for a closed ticket', params: Params, body: ZFollowUp, response: { 201: ZTicket, ...errors } },
  }, (req, reply) =>
    idempotent(deps, req, reply, async (ctx) => {
      const out = await createFollowUp(ctx, req.params.id, req.body);
      return { status: 201, body: presentTicket(out.ticket) };
    }) as never);

  app.get('/api/v1/tickets/:id/events', {
    schema: { tags, summary: 'The ticket history (events)', params: Params, response: { 200: list(ZTicketEvent), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listTicketEvents(ctx, req.params.id))) }) as never);

}

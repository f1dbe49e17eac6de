import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addIdentity, createCustomer, findCustomers, getCustomer, removeIdentity, setPrimaryIdentity, updateCustomer, type CustomerView,
} from '../../domain/customers/index.js';
import type { Ctx } from '../../domain/kernel/index.js';
import { countTicketsByStatus, findTickets } from '../../domain/tickets/index.js';
import { ZId, csv, page } from '../../shared/contracts/common.js';
import {
  ZAddIdentity, ZCreateCustomer, ZCustomer, ZCustomerIdentity, ZCustomerListItem, ZCustomerQuery, ZUpdateCustomer, ZUpdateIdentity,
} from '../../shared/contracts/customers.js';
import { ZStatus, ZTicket } from '../../shared/contracts/tickets.js';
import { LIMITS } from '../../shared/enums.js';
import { inTx, type ServerDeps } from '../deps.js';
import { idempotent } from '../idempotency.js';
import { presentTicket } from '../presenters.js';
import { errors, presentCustomer, presentIdentity } from './customer-presenters.js';
import { registerOrganizationRoutes } from './organizations.js';

const Params = z.object({ id: ZId });
const IdentityParams = z.object({ id: ZId, identity_id: ZId });

/** The customer as GET shows it: with ticket counts in the actor's ticket scope (brands, shares). */
async function customerWithCounts(ctx: Ctx, c: CustomerView) {
  return presentCustomer(c, await countTicketsByStatus(ctx, { requester_id: c.id }));
}

const TicketsQuery = z.strictObject({
  status: csv(ZStatus).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).optional(),
  cursor: z.string().max(500).optional(),
});

/** Customers and organisations: see docs/domain/customers.md. */
export function registerCustomerRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Customers'];

  app.get('/api/v1/customers', {
    schema: { tags, summary: 'List and search customers (cursor pagination, newest first)', querystring: ZCustomerQuery, response: { 200: page(ZCustomerListItem), ...errors } },
  }, async (req) => {
    const out = await inTx(deps, req, (ctx) => findCustomers(ctx, req.query));
    return { data: out.data.map((c) => presentCustomer(c)), next_cursor: out.next_cursor } as never;
  });

  app.post('/api/v1/customers', {
    schema: { tags, summary: 'Create a customer with their identities', body: ZCreateCustomer, response: { 201: ZCustomer, ...errors } },
  }, (req, reply) =>
    idempotent(deps, req, reply, async (ctx) => {
      const c = await createCustomer(ctx, req.body);
      reply.header('location', `/api/v1/customers/${c.id}`);
      return { status: 201, body: await customerWithCounts(ctx, c) };
    }) as never);

  app.get('/api/v1/customers/:id', {
    schema: { tags, summary: 'Get a customer with identities, organisation and ticket counts', params: Params, response: { 200: ZCustomer, ...errors } },
  }, async (req) => (await inTx(deps, req, async (ctx) => customerWithCounts(ctx, await getCustomer(ctx, req.params.id)))) as never);

  app.patch('/api/v1/customers/:id', {
    schema: { tags, summary: 'Update a customer’s profile', params: Params, body: ZUpdateCustomer, response: { 200: ZCustomer, ...errors } },
  }, async (req) => (await inTx(deps, req, async (ctx) => customerWithCounts(ctx, await updateCustomer(ctx, req.params.id, req.body)))) as never);

  app.get('/api/v1/customers/:id/tickets', {
    schema: { tags, summary: 'Tickets this customer requested (that you can see)', params: Params, querystring: TicketsQuery, response: { 200: page(ZTicket), ...errors } },
  }, async (req) => {
    const out = await inTx(deps, req, async (ctx) => {
      await getCustomer(ctx, req.params.id);
      return findTickets(ctx, { ...req.query, requester_id: req.params.id });
    });
    return { data: out.data.map(presentTicket), next_cursor: out.next_cursor } as never;
  });

  app.post('/api/v1/customers/:id/identities', {
    schema: { tags, summary: 'Add an email, phone number or external id', params: Params, body: ZAddIdentity, response: { 201: ZCustomerIdentity, ...errors } },
  }, (req, reply) =>
    idempotent(deps, req, reply, async (ctx) => ({ status: 201, body: presentIdentity(await addIdentity(ctx, req.params.id, req.body)) })) as never);

  app.patch('/api/v1/customers/:id/identities/:identity_id', {
    schema: { tags, summary: 'Make an identity the primary of its kind', params: IdentityParams, body: ZUpdateIdentity, response: { 200: ZCustomerIdentity, ...errors } },
  }, async (req) => presentIdentity(await inTx(deps, req, (ctx) => setPrimaryIdentity(ctx, req.params.id, req.params.identity_id))) as never);

  app.delete('/api/v1/customers/:id/identities/:identity_id', {
    schema: { tags, summary: 'Remove an identity (not the last one)', params: IdentityParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await inTx(deps, req, (ctx) => removeIdentity(ctx, req.params.id, req.params.identity_id));
    return reply.code(204).send(null);
  });

  registerOrganizationRoutes(root, deps);
}

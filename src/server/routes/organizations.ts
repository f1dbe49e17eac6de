import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createOrganization, findOrganizations, getOrganization, listOrganizationCustomers, updateOrganization,
} from '../../domain/customers/index.js';
import { ZId, page } from '../../shared/contracts/common.js';
import {
  ZCreateOrganization, ZCustomerListItem, ZCustomerQuery, ZOrganization, ZOrganizationQuery, ZUpdateOrganization,
} from '../../shared/contracts/customers.js';
import { inTx, type ServerDeps } from '../deps.js';
import { idempotent } from '../idempotency.js';
import { errors, presentCustomer, presentOrganization } from './customer-presenters.js';

const Params = z.object({ id: ZId });

/** Organisations (registered by registerCustomerRoutes). */
export function registerOrganizationRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Organizations'];

  app.get('/api/v1/organizations', {
    schema: { tags, summary: 'List and search organisations (cursor pagination, by name)', querystring: ZOrganizationQuery, response: { 200: page(ZOrganization), ...errors } },
  }, async (req) => {
    const out = await inTx(deps, req, (ctx) => findOrganizations(ctx, req.query));
    return { data: out.data.map(presentOrganization), next_cursor: out.next_cursor } as never;
  });

  app.post('/api/v1/organizations', {
    schema: { tags, summary: 'Create an organisation', body: ZCreateOrganization, response: { 201: ZOrganization, ...errors } },
  }, (req, reply) =>
    idempotent(deps, req, reply, async (ctx) => {
      const o = await createOrganization(ctx, req.body);
      reply.header('location', `/api/v1/organizations/${o.id}`);
      return { status: 201, body: presentOrganization(o) };
    }) as never);

  app.get('/api/v1/organizations/:id', {
    schema: { tags, summary: 'Get an organisation with its member count', params: Params, response: { 200: ZOrganization, ...errors } },
  }, async (req) => presentOrganization(await inTx(deps, req, (ctx) => getOrganization(ctx, req.params.id))) as never);

  app.patch('/api/v1/organizations/:id', {
    schema: { tags, summary: 'Update an organisation (new domains do not move existing customers)', params: Params, body: ZUpdateOrganization, response: { 200: ZOrganization, ...errors } },
  }, async (req) => presentOrganization(await inTx(deps, req, (ctx) => updateOrganization(ctx, req.params.id, req.body))) as never);

  app.get('/api/v1/organizations/:id/customers', {
    schema: { tags, summary: 'The organisation’s customers', params: Params, querystring: ZCustomerQuery.omit({ organization_id: true }), response: { 200: page(ZCustomerListItem), ...errors } },
  }, async (req) => {
    const out = await inTx(deps, req, (ctx) => listOrganizationCustomers(ctx, req.params.id, req.query));
    return { data: out.data.map((c) => presentCustomer(c)), next_cursor: out.next_cursor } as never;
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createField, listFields, updateField } from '../../domain/fields/index.js';
import { listAuditEntries } from '../../domain/audit/index.js';
import { createApiToken, createUser, getUser, listApiTokens, listUsers, revokeApiToken, updateUser } from '../../domain/users/index.js';
import { createBrand, createTeam, listBrands, listTeams, updateBrand, updateTeam } from '../../domain/workspace/index.js';
import {
  ZApiToken, ZBrand, ZCreateApiToken, ZCreateBrand, ZCreateCustomField, ZCreateTeam, ZCreateUser, ZCustomField, ZRole, ZTeam, ZUpdateBrand,
  ZUpdateCustomField, ZUpdateTeam, ZUpdateUser, ZUser,
} from '../../shared/contracts/admin.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import { inTx, type ServerDeps } from '../deps.js';
import { idempotent } from '../idempotency.js';
import { toWire } from '../present.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });
const w = (v: unknown) => toWire(v) as never;

export function registerAdminRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  // Users
  app.get('/api/v1/users', {
    schema: { tags: ['Users'], summary: 'List users', querystring: z.strictObject({ role: ZRole.optional(), team_id: ZId.optional() }), response: { 200: list(ZUser), ...errors } },
  }, async (req) => ({ data: w(await inTx(deps, req, (ctx) => listUsers(ctx, req.query))) }));
  app.get('/api/v1/users/:id', { schema: { tags: ['Users'], summary: 'Get a user', params: Params, response: { 200: ZUser, ...errors } } }, async (req) =>
    w(await inTx(deps, req, (ctx) => getUser(ctx, req.params.id))));
  app.post('/api/v1/users', { schema: { tags: ['Users'], summary: 'Create a user (admins)', body: ZCreateUser, response: { 201: ZUser, ...errors } } }, (req, reply) =>
    idempotent(deps, req, reply, async (ctx) => {
      const u = await createUser(ctx, req.body);
      return { status: 201, body: toWire(await getUser(ctx, u.id)) };
    }) as never);
  app.patch('/api/v1/users/:id', { schema: { tags: ['Users'], summary: 'Update a user', params: Params, body: ZUpdateUser, response: { 200: ZUser, ...errors } } }, async (req) =>
    w(await inTx(deps, req, async (ctx) => {
      await updateUser(ctx, req.params.id, req.body);
      return getUser(ctx, req.params.id);
    })));

  // Teams
  app.get('/api/v1/teams', { schema: { tags: ['Teams'], summary: 'List teams', response: { 200: list(ZTeam), ...errors } } }, async (req) =>
    ({ data: w(await inTx(deps, req, (ctx) => listTeams(ctx))) }));
  app.post('/api/v1/teams', { schema: { tags: ['Teams'], summary: 'Create a team', body: ZCreateTeam, response: { 201: ZTeam, ...errors } } }, (req, reply) =>
    idempotent(deps, req, reply, async (ctx) => ({ status: 201, body: toWire(await createTeam(ctx, req.body)) })) as never);
  app.patch('/api/v1/teams/:id', { schema: { tags: ['Teams'], summary: 'Update a team and its members', params: Params, body: ZUpdateTeam, response: { 200: ZTeam, ...errors } } }, async (req) =>
    w(await inTx(deps, req, (ctx) => updateTeam(ctx, req.params.id, req.body))));

  // Brands
  app.get('/api/v1/brands', { schema: { tags: ['Brands'], summary: 'List brands you can see', response: { 200: list(ZBrand), ...errors } } }, async (req) =>
    ({ data: w(await inTx(deps, req, (ctx) => listBrands(ctx))) }));
  app.post('/api/v1/brands', { schema: { tags: ['Brands'], summary: 'Create a brand', body: ZCreateBrand, response: { 201: ZBrand, ...errors } } }, (req, reply) =>
    idempotent(deps, req, reply, async (ctx) => ({ status: 201, body: toWire(await createBrand(ctx, req.body)) })) as never);
  app.patch('/api/v1/brands/:id', { schema: { tags: ['Brands'], summary: 'Update a brand', params: Params, body: ZUpdateBrand, response: { 200: ZBrand, ...errors } } }, async (req) =>
    w(await inTx(deps, req, (ctx) => updateBrand(ctx, req.params.id, req.body))));

  // Custom fields
  app.get('/api/v1/custom_fields', { schema: { tags: ['Custom fields'], summary: 'List ticket custom fields', response: { 200: list(ZCustomField), ...errors } } }, async (req) =>
    ({ data: w(await inTx(deps, req, (ctx) => listFields(ctx.tx, ctx.actor.workspaceId))) }));
  app.post('/api/v1/custom_fields', { schema: { tags: ['Custom fields'], summary: 'Define a custom field', body: ZCreateCustomField, response: { 201: ZCustomField, ...errors } } }, (req, reply) =>
    idempotent(deps, req, reply, async (ctx) => ({ status: 201, body: toWire(await createField(ctx, req.body)) })) as never);
  app.patch('/api/v1/custom_fields/:id', { schema: { tags: ['Custom fields'], summary: 'Change a custom field', params: Params, body: ZUpdateCustomField, response: { 200: ZCustomField, ...errors } } }, async (req) =>
    w(await inTx(deps, req, (ctx) => updateField(ctx, req.params.id, req.body))));

  // API tokens
  app.get('/api/v1/api_tokens', {
    schema: { tags: ['API tokens'], summary: 'Your API tokens (admins: ?all=true for everyone’s)', querystring: z.strictObject({ all: z.enum(['true', 'false']).optional() }), response: { 200: list(ZApiToken), ...errors } },
  }, async (req) => ({ data: w(await inTx(deps, req, (ctx) => listApiTokens(ctx, { all: req.query.all === 'true' }))) }));
  app.post('/api/v1/api_tokens', {
    schema: { tags: ['API tokens'], summary: 'Create an API token; the secret is shown only in this response', body: ZCreateApiToken, response: { 201: ZApiToken.extend({ token: z.string() }), ...errors } },
  }, async (req, reply) => {
    const out = await inTx(deps, req, (ctx) => createApiToken(ctx, req.body));
    reply.code(201);
    return w({ ...out.record, token: out.token });
  });
  app.delete('/api/v1/api_tokens/:id', { schema: { tags: ['API tokens'], summary: 'Revoke an API token', params: Params, response: { 200: ZApiToken, ...errors } } }, async (req) =>
    w(await inTx(deps, req, (ctx) => revokeApiToken(ctx, req.params.id))));

  // Audit log (admins, supervisors)
  app.get('/api/v1/audit', {
    schema: { tags: ['Audit'], summary: 'Recent audit entries', querystring: z.strictObject({ entity_id: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }), response: { 200: list(z.record(z.string(), z.unknown())), ...errors } },
  }, async (req) => ({
    data: w(await inTx(deps, req, (ctx) => listAuditEntries(ctx, req.query))),
  }));
}

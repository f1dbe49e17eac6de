import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  listPiiAccess, logPiiAccess, logRemoteAccess, maskPersonalData, redactAttachment, redactMessage, setBrandRedactionSettings, getBrandRedactionSettings, verifyAuditChain,
} from '../../domain/compliance/index.js';
import { authorize, can } from '../../domain/kernel/index.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import {
  ZChainReport, ZPiiAccessEntry, ZPiiAccessQuery, ZRedactAttachment, ZRedactMessage, ZRedactionSettings, ZRedactionSettingsOut,
} from '../../shared/contracts/compliance.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';
import { removeStoredFile } from '../../platform/storage/regions.js';
import type { PatternSpec } from '../../platform/redaction/index.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const MASKED_PREFIXES = ['/api/v1/customers', '/api/v1/tickets', '/api/v1/organizations', '/api/v1/search', '/api/v1/messages'];
const CUSTOMER_VIEW = /^\/api\/v1\/customers\/([a-z]+_[0-9a-z]+)(?:\?|$)/;
const TICKET_VIEW = /^\/api\/v1\/tickets\/([a-z]+_[0-9a-z]+)(?:\?|$)/;

/** Display masking (no pii.view → masked emails/phones) and the PII access log, for every customer-bearing route. */
function installPiiHooks(app: FastifyInstance, deps: ServerDeps): void {
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const actor = req.actor;
    if (!actor || typeof payload !== 'string' || !MASKED_PREFIXES.some((p) => req.url.startsWith(p))) return payload;
    if (!String(reply.getHeader('content-type') ?? '').includes('application/json')) return payload;
    if (req.method === 'GET' && reply.statusCode === 200 && actor.type === 'user' && actor.id) {
      const ids: string[] = [];
      const c = CUSTOMER_VIEW.exec(req.url);
      if (c) ids.push(c[1]);
      else if (TICKET_VIEW.test(req.url)) {
        const m = /"requester_id":"([a-z]+_[0-9a-z]+)"/.exec(payload);
        if (m) ids.push(m[1]);
      }
      if (ids.length) {
        const access = can(actor, 'pii.view') ? 'full' : 'masked';
        logPiiAccess(deps.db, { workspaceId: actor.workspaceId, userId: actor.id, customerIds: ids, access: `${access}:${req.routeOptions.url}`, at: deps.clock.now() })
          .catch((e: unknown) => req.log.error({ err: e }, 'pii access log write failed'));
        // Art. 44: a view from outside the EEA (agent's configured country / IP prefix) is a transfer: logged for the map.
        logRemoteAccess(deps.db, { workspaceId: actor.workspaceId, userId: actor.id, ip: req.ip ?? null, customerIds: ids, route: req.routeOptions.url ?? '', at: deps.clock.now() })
          .catch((e: unknown) => req.log.error({ err: e }, 'remote access log write failed'));
      }
    }
    if (can(actor, 'pii.view')) return payload;
    try {
      return JSON.stringify(maskPersonalData(JSON.parse(payload)));
    } catch {
      return payload;
    }
  });
}

export function registerCompliancePrivacyRoutes(root: FastifyInstance, deps: ServerDeps): void {
  installPiiHooks(root, deps);
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Compliance'];

  app.get('/api/v1/compliance/redaction/brands/:id', {
    schema: { tags, summary: 'The redaction patterns applied to inbound messages of a brand', params: z.object({ id: ZId }), response: { 200: ZRedactionSettingsOut, ...errors } },
  }, (req) => inTx(deps, req, async (ctx) => {
    authorize(ctx.actor, 'compliance.manage');
    return getBrandRedactionSettings(ctx, req.params.id);
  }) as never);

  app.put('/api/v1/compliance/redaction/brands/:id', {
    schema: { tags, summary: 'Set the redaction patterns of a brand (builtin names or {name, regex})', params: z.object({ id: ZId }), body: ZRedactionSettings, response: { 200: ZRedactionSettingsOut, ...errors } },
  }, (req) => inTx(deps, req, (ctx) => setBrandRedactionSettings(ctx, req.params.id, req.body)) as never);

  app.post('/api/v1/compliance/messages/:id/redact', {
    schema: { tags, summary: 'Irreversibly redact passages (or the whole body) of a stored message', params: z.object({ id: ZId }), body: ZRedactMessage, response: { 200: z.object({ message_id: z.string(), kinds: z.array(z.string()) }), ...errors } },
  }, (req) => inTx(deps, req, (ctx) => redactMessage(ctx, req.params.id, { ...req.body, patterns: req.body.patterns as PatternSpec[] | undefined })) as never);

  app.post('/api/v1/compliance/attachments/:id/redact', {
    schema: { tags, summary: 'Irreversibly redact an attachment (content deleted)', params: z.object({ id: ZId }), body: ZRedactAttachment, response: { 200: z.object({ attachment_id: z.string() }), ...errors } },
  }, async (req) => {
    const out = await inTx(deps, req, (ctx) => redactAttachment(ctx, req.params.id, req.body.reason));
    if (out.orphaned_hash) await removeStoredFile(deps.config.filesDir, out.orphaned_hash);
    return { attachment_id: out.attachment_id } as never;
  });

  app.get('/api/v1/compliance/pii-access', {
    schema: { tags, summary: 'Access log: who viewed which customer’s personal data', querystring: ZPiiAccessQuery, response: { 200: list(ZPiiAccessEntry), ...errors } },
  }, async (req) => ({ data: (await inTx(deps, req, (ctx) => listPiiAccess(ctx, req.query))).map((e) => toWire(e)) }) as never);

  app.get('/api/v1/compliance/audit/verify', {
    schema: { tags, summary: 'Verify the audit hash chain; reports the first broken link', response: { 200: ZChainReport, ...errors } },
  }, (req) => inTx(deps, req, (ctx) => {
    authorize(ctx.actor, 'audit.read');
    return verifyAuditChain(ctx.tx);
  }) as never);
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deliverOutbound, dismissImportFailure, getImportFailure, getTicketEmail, ingestEmail, listEmailSettings, listImportFailures,
  listTemplates, listTicketEmails, requeueEmail, retryImportFailure, saveTemplate, updateEmailSettings, type EmailRow, type ImportFailure,
} from '../../domain/channels/index.js';
import { authorize } from '../../domain/kernel/index.js';
import { AppError } from '../../platform/errors.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import {
  ZEmail, ZEmailSettings, ZEmailTemplate, ZImportFailure, ZIngestResult, ZSaveEmailTemplate, ZUpdateEmailSettings,
} from '../../shared/contracts/channels.js';
import { actorOf, inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';
import { registerCaseRoutes } from './channels-case.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 413: ZProblem, 415: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });

export const presentFailure = (f: ImportFailure) => toWire({ ...f, raw_url: `/api/v1/channels/email/failures/${f.id}/raw` });
export const presentEmail = (e: EmailRow) =>
  toWire({ ...e, raw_url: e.direction === 'inbound' && e.raw_sha256 ? `/api/v1/emails/${e.id}/raw` : null });

export const ingestDeps = (deps: ServerDeps) => ({ db: deps.db, files: deps.files, clock: deps.clock, maxAttachmentBytes: deps.config.MAX_ATTACHMENT_BYTES });
export const outboundDeps = (deps: ServerDeps) => ({ db: deps.db, files: deps.files, clock: deps.clock, defaultSmtpUrl: deps.config.SMTP_OUTBOUND_URL ?? null });

/** HTTP routes of the channels module. */
export function registerChannelsRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Email'];

  // Inbound email over HTTP (mail provider webhooks, relays): the body is the raw RFC 5322 message.
  app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.EMAIL_MAX_BYTES }, (_req, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/v1/channels/email/inbound', {
      bodyLimit: deps.config.EMAIL_MAX_BYTES,
      schema: {
        tags, summary: 'Accept one raw RFC 5322 message (Content-Type: message/rfc822); it becomes a ticket, a reply, or a failed import',
        querystring: z.strictObject({ envelope_from: z.string().max(254).optional(), envelope_to: z.string().max(2000).optional() }),
        response: { 202: ZIngestResult, ...errors },
      },
    }, async (req, reply) => {
      const actor = actorOf(req);
      authorize(actor, 'channels.manage');
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const rcptTo = (req.query.envelope_to ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const result = await ingestEmail(ingestDeps(deps), raw, { mailFrom: req.query.envelope_from ?? null, rcptTo, remoteAddress: req.ip }, { fallbackWorkspaceId: actor.workspaceId });
      reply.code(202);
      return result as never;
    });
  });

  app.get('/api/v1/channels/email/failures', {
    schema: { tags, summary: 'Mail that could not be imported (kept raw, with the reason)', querystring: z.strictObject({ status: z.enum(['failed', 'imported', 'dismissed']).optional() }), response: { 200: list(ZImportFailure), ...errors } },
  }, async (req) => ({ data: (await inTx(deps, req, (ctx) => listImportFailures(ctx, { status: req.query.status }))).map(presentFailure) }) as never);

  app.get('/api/v1/channels/email/failures/:id/raw', { schema: { tags, summary: 'Download the original .eml of a failed import', params: Params } }, async (req, reply) => {
    const f = await inTx(deps, req, (ctx) => getImportFailure(ctx, req.params.id));
    return sendEml(reply, await deps.files.get(f.raw_sha256), `failed-${f.id}.eml`);
  });

  app.post('/api/v1/channels/email/failures/:id/retry', {
    schema: { tags, summary: 'Import a failed mail again', params: Params, response: { 200: z.object({ failure: ZImportFailure, result: ZIngestResult }), ...errors } },
  }, async (req) => {
    const out = await retryImportFailure(ingestDeps(deps), actorOf(req), req.params.id);
    return { failure: presentFailure(out.failure), result: out.result } as never;
  });

  app.post('/api/v1/channels/email/failures/:id/dismiss', {
    schema: { tags, summary: 'Take a failed mail off the list (the raw .eml stays downloadable)', params: Params, response: { 200: ZImportFailure, ...errors } },
  }, async (req) => presentFailure(await inTx(deps, req, (ctx) => dismissImportFailure(ctx, req.params.id))) as never);

  app.get('/api/v1/channels/email/settings', {
    schema: { tags, summary: 'Mail settings of every brand', response: { 200: list(ZEmailSettings), ...errors } },
  }, async (req) => ({ data: await inTx(deps, req, (ctx) => listEmailSettings(ctx)) }) as never);

  app.patch('/api/v1/channels/email/settings/:id', {
    schema: { tags, summary: "Change a brand's mail settings (aliases, sender name, SMTP relay, acknowledgements)", params: Params, body: ZUpdateEmailSettings, response: { 200: ZEmailSettings, ...errors } },
  }, async (req) => inTx(deps, req, (ctx) => updateEmailSettings(ctx, req.params.id, req.body)) as never);

  app.get('/api/v1/channels/email/templates', {
    schema: { tags, summary: 'Notification templates: your overrides and the built-in defaults', response: { 200: z.object({ custom: z.array(ZEmailTemplate), defaults: z.array(ZEmailTemplate) }), ...errors } },
  }, async (req) => inTx(deps, req, (ctx) => listTemplates(ctx)) as never);

  app.put('/api/v1/channels/email/templates', {
    schema: { tags, summary: 'Create or replace the template for (brand, key, language)', body: ZSaveEmailTemplate, response: { 200: ZEmailTemplate, ...errors } },
  }, async (req) => inTx(deps, req, (ctx) => saveTemplate(ctx, req.body)) as never);

  app.get('/api/v1/tickets/:id/emails', {
    schema: { tags, summary: "The ticket's mail in and out, with delivery status, attempts and errors", params: Params, response: { 200: list(ZEmail), ...errors } },
  }, async (req) => ({
    data: (await inTx(deps, req, (ctx) => listTicketEmails(ctx, req.params.id))).map(presentEmail),
  }) as never);

  app.get('/api/v1/emails/:id/raw', { schema: { tags, summary: 'Download the original .eml of an inbound mail', params: Params } }, async (req, reply) => {
    const e = await inTx(deps, req, (ctx) => getTicketEmail(ctx, req.params.id));
    if (!e.raw_sha256) throw new AppError('EMAIL_NOT_FOUND', 'This mail has no stored original', 'not_found');
    return sendEml(reply, await deps.files.get(e.raw_sha256), `${e.id}.eml`);
  });

  app.post('/api/v1/emails/:id/resend', {
    schema: { tags, summary: 'Send a failed outbound mail again now', params: Params, response: { 200: ZEmail, ...errors } },
  }, async (req) => {
    const e = await inTx(deps, req, (ctx) => requeueEmail(ctx, req.params.id));
    return presentEmail(await deliverOutbound(outboundDeps(deps), e.id, { rethrow: false })) as never;
  });

  registerCaseRoutes(app, deps);
}

function sendEml(reply: import('fastify').FastifyReply, bytes: Buffer, name: string) {
  return reply
    .header('content-type', 'message/rfc822')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`)
    .send(bytes);
}

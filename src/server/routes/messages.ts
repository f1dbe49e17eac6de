import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addMessage, getAttachment, getTicket, listMessages, shareTicket, uploadAttachment } from '../../domain/tickets/index.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import { ZAddMessage, ZAttachment, ZMessage } from '../../shared/contracts/tickets.js';
import { inTx, type ServerDeps } from '../deps.js';
import { idempotent } from '../idempotency.js';
import { presentAttachment, presentMessage } from '../presenters.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 413: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });

export function registerMessageRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Messages'];

  app.get('/api/v1/tickets/:id/messages', {
    schema: { tags, summary: 'The conversation: public replies and internal notes', params: Params, response: { 200: list(ZMessage), ...errors } },
  }, async (req) => ({ data: (await inTx(deps, req, (ctx) => listMessages(ctx, req.params.id))).map(presentMessage) }) as never);

  app.post('/api/v1/tickets/:id/messages', {
    schema: { tags, summary: 'Add a public reply or an internal note', params: Params, body: ZAddMessage, response: { 201: ZMessage, ...errors } },
  }, (req, reply) =>
    idempotent(deps, req, reply, async (ctx) => {
      const out = await addMessage(ctx, req.params.id, req.body);
      return { status: 201, body: presentMessage({ ...out.message, attachments: out.attachments }) };
    }) as never);

  app.post('/api/v1/tickets/:id/shares', {
    schema: { tags, summary: 'Share the ticket with a collaborator', params: Params, body: z.strictObject({ user_id: ZId }), response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await inTx(deps, req, (ctx) => shareTicket(ctx, req.params.id, req.body.user_id));
    return reply.code(204).send(null);
  });

  // Raw upload, like Zendesk's uploads API: the body is the file, ?filename= names it.
  app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.MAX_ATTACHMENT_BYTES }, (_req, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/v1/uploads', {
      bodyLimit: deps.config.MAX_ATTACHMENT_BYTES,
      schema: {
        tags, summary: 'Upload a file (raw body); use the returned id in attachment_ids',
        querystring: z.strictObject({ filename: z.string().min(1).max(255) }), response: { 201: ZAttachment, ...errors },
      },
    }, async (req, reply) => {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const att = await inTx(deps, req, (ctx) =>
        uploadAttachment(ctx, { filename: req.query.filename, declaredType: req.headers['content-type'] ?? null, bytes, maxBytes: deps.config.MAX_ATTACHMENT_BYTES, store: deps.files }),
      );
      reply.code(201);
      return presentAttachment(att) as never;
    });
  });

  app.get('/api/v1/attachments/:id/content', { schema: { tags, summary: 'Download an attachment', params: Params } }, async (req, reply) => {
    const att = await inTx(deps, req, async (ctx) => {
      const a = await getAttachment(ctx, req.params.id);
      if (a.ticket_id) await getTicket(ctx, a.ticket_id); // same visibility as the ticket
      return a;
    });
    const bytes = await deps.files.get(att.sha256);
    const inline = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain)$/.test(att.content_type);
    return reply
      .header('content-type', att.content_type)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(att.filename)}`)
      .send(bytes);
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { sha256 } from '../../platform/ids.js';
import { systemActor, type Ctx } from '../../domain/kernel/index.js';
import { chatAttachmentOf, findBrand, sessionOfVisitorToken, startChatSession, uploadChatAttachment, type ChatSession } from '../../domain/chat/index.js';
import { ZProblem } from '../../shared/contracts/common.js';
import { ZStartChat, ZStartedChat } from '../../shared/contracts/chat.js';
import type { ServerDeps } from '../deps.js';
import { KeyedLimiter } from './chat-limits.js';

export const WIDGET_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/widget/widget.js');

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 413: ZProblem, 429: ZProblem };

/** The widget runs on other sites: its API answers any origin, without cookies (the visitor token is the credential). */
function cors(reply: FastifyReply): FastifyReply {
  return reply
    .header('access-control-allow-origin', '*')
    .header('access-control-allow-methods', 'GET, POST, OPTIONS')
    .header('access-control-allow-headers', 'content-type, x-visitor-token')
    .header('access-control-max-age', '600')
    .header('cross-origin-resource-policy', 'cross-origin');
}

export function presentSession(s: ChatSession, brand: { id: string; name: string; slug: string }) {
  return {
    id: s.id, brand, identified: !!s.external_user_id, name: s.name, email: s.email, ticket_id: s.ticket_id, last_seq: s.last_seq,
    visitor_read_seq: s.visitor_read_seq, agent_read_seq: s.agent_read_seq, offline: s.offline,
  };
}

const originOf = (req: FastifyRequest): string | null => (typeof req.headers.origin === 'string' && req.headers.origin !== 'null' ? req.headers.origin : null);

export function registerWidgetRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Chat widget'];
  const starts = new KeyedLimiter(1, 30); // new/resumed sessions per client IP: 30 at once, then 1 a second
  const uploads = new KeyedLimiter(0.5, 10);
  const visitorCtx = (req: FastifyRequest, tx: Ctx['tx'], workspaceId: string): Ctx => ({
    actor: { ...systemActor(workspaceId), name: 'Chat visitor' }, tx, clock: deps.clock,
    meta: { channel: 'chat', ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: String(req.id) },
  });

  app.options('/widget/v1/*', { schema: { hide: true } }, (_req, reply) => cors(reply).code(204).send());

  app.post('/widget/v1/sessions', {
    schema: { tags, summary: 'Start or resume a visitor chat session (public, CORS; no cookies)', body: ZStartChat, response: { 200: ZStartedChat, ...errors } },
  }, async (req, reply) => {
    cors(reply);
    if (!starts.take(req.ip)) throw new AppError('RATE_LIMITED', 'Too many chat sessions from this address; wait a moment', 'rate_limited');
    const out = await deps.db.transaction(async (tx) => {
      const brand = await findBrand(tx, req.body.brand);
      return startChatSession(visitorCtx(req, tx, brand.workspace_id), { ...req.body, origin: originOf(req) });
    });
    return {
      visitor_token: out.visitor_token, resumed: out.resumed, session: presentSession(out.session, { id: out.brand.id, name: out.brand.name, slug: out.brand.slug }),
      agents_online: out.agents_online, greeting: out.greeting, stream_url: '/widget/v1/stream',
    };
  });

  // Raw upload (body = the file, ?filename=), like /api/v1/uploads but with the visitor token.
  app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.MAX_ATTACHMENT_BYTES }, (_req, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post('/widget/v1/uploads', {
      bodyLimit: deps.config.MAX_ATTACHMENT_BYTES,
      schema: {
        tags, summary: 'Upload a file for the next chat message (header X-Visitor-Token)', querystring: z.strictObject({ filename: z.string().min(1).max(255) }),
        response: { 201: z.object({ id: z.string(), filename: z.string(), content_type: z.string(), size_bytes: z.number().int() }), ...errors },
      },
    }, async (req, reply) => {
      cors(reply);
      const token = req.headers['x-visitor-token'];
      if (!uploads.take(typeof token === 'string' ? sha256(token) : req.ip)) throw new AppError('RATE_LIMITED', 'Too many uploads; wait a moment', 'rate_limited');
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const att = await deps.db.transaction(async (tx) => {
        const s = await sessionOfVisitorToken({ tx }, token);
        return uploadChatAttachment(visitorCtx(req, tx, s.workspace_id), s.id, {
          filename: req.query.filename, declaredType: req.headers['content-type'] ?? null, bytes, maxBytes: deps.config.MAX_ATTACHMENT_BYTES, store: deps.files,
        });
      });
      reply.code(201);
      return { id: att.id, filename: att.filename, content_type: att.content_type, size_bytes: att.size_bytes };
    });
  });

  app.get('/widget/v1/attachments/:id', {
    schema: { tags, summary: 'Download a file of the conversation (?token=<visitor token>)', params: z.object({ id: z.string().max(64) }), querystring: z.object({ token: z.string().max(200) }) },
  }, async (req, reply) => {
    const att = await deps.db.transaction(async (tx) => {
      const s = await sessionOfVisitorToken({ tx }, req.query.token);
      return chatAttachmentOf(visitorCtx(req, tx, s.workspace_id), s.id, req.params.id);
    });
    const bytes = await deps.files.get(att.sha256);
    const inline = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain)$/.test(att.content_type);
    return cors(reply)
      .header('content-type', att.content_type)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(att.filename)}`)
      .send(bytes);
  });

  // The widget script: one <script src=".../widget.js" data-brand="…"> on any site.
  let cached: { body: Buffer; etag: string; mtime: number } | null = null;
  app.get('/widget.js', { schema: { hide: true } }, async (req, reply) => {
    const info = await stat(WIDGET_FILE).catch(() => null);
    if (!info) throw new AppError('WIDGET_NOT_BUILT', 'The chat widget is not built; run "npm run build"', 'unavailable');
    if (!cached || cached.mtime !== info.mtimeMs) {
      const body = await readFile(WIDGET_FILE);
      cached = { body, etag: `"${sha256(body).slice(0, 20)}"`, mtime: info.mtimeMs };
    }
    reply
      .header('content-type', 'application/javascript; charset=utf-8')
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      // One stable URL embedded on customers' sites: cache briefly, revalidate by ETag.
      .header('cache-control', 'public, max-age=300, stale-while-revalidate=86400')
      .header('etag', cached.etag);
    if (req.headers['if-none-match'] === cached.etag) return reply.code(304).send();
    return reply.send(cached.body);
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { newId } from '../../platform/ids.js';
import type { Actor } from '../../domain/kernel/index.js';
import {
  configureChat, getOrCreateChatSettings, getTicketChannelContext, markChatRead, recordAgentConnections, refreshPresence, rotateIdentitySecret, signal,
  type ChatSettings,
} from '../../domain/chat/index.js';
import { ZId, ZProblem } from '../../shared/contracts/common.js';
import { ZAgentFrame, ZChatSettings, ZConfigureChat, ZTicketChannelContext } from '../../shared/contracts/chat.js';
import { inTx, type ServerDeps } from '../deps.js';
import type { ChatHub } from './chat-hub.js';
import { TokenBucket } from './chat-limits.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const AGENT_ROLES = new Set(['admin', 'supervisor', 'agent']);

/**
 * Default agent presence: agents with a live socket open on this process (the web app's /api/v1/stream or a
 * chat panel), written to chat_agent_presence so every process sees them; refreshed every 30 s.
 */
export class PresenceTracker {
  readonly nodeId = newId('node');
  private readonly counts = new Map<string, { actor: Actor; n: number }>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly deps: ServerDeps) {}

  start(): void {
    this.timer = setInterval(() => {
      refreshPresence(this.deps.db, this.nodeId, this.deps.clock.now()).catch((err) => this.deps.log.warn({ err }, 'presence refresh failed'));
    }, 30_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.deps.db.query('DELETE FROM chat_agent_presence WHERE node_id = $1', [this.nodeId]).catch(() => undefined);
  }

  /** Count one open socket of an agent until `socket` closes. */
  track(actor: Actor, socket: { once(ev: 'close', fn: () => void): unknown }): void {
    if (actor.type !== 'user' || !actor.id || !AGENT_ROLES.has(actor.role)) return;
    const entry = this.counts.get(actor.id) ?? { actor, n: 0 };
    entry.n++;
    this.counts.set(actor.id, entry);
    void this.write(actor, entry.n);
    socket.once('close', () => {
      entry.n--;
      if (entry.n <= 0) this.counts.delete(actor.id!);
      void this.write(actor, Math.max(0, entry.n));
    });
  }

  private write(actor: Actor, n: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return recordAgentConnections(this.deps.db, this.nodeId, { id: actor.id!, workspaceId: actor.workspaceId, brandIds: actor.brandIds }, n, this.deps.clock.now())
      .catch((err) => this.deps.log.warn({ err }, 'presence write failed'));
  }
}

function presentSettings(s: ChatSettings, base: string) {
  return {
    brand_id: s.brand_id, enabled: s.enabled, require_identity: s.require_identity, greeting: s.greeting, allowed_origins: s.allowed_origins,
    form_categories: s.form_categories, identity_secret: s.identity_secret, updated_at: new Date(s.updated_at).toISOString(),
    widget_snippet: `<script src="${base}/widget.js" data-brand="${s.brand_id}" async></script>`,
    form_url: `${base}/support/new?brand=${encodeURIComponent(s.brand_id)}`,
  };
}

const baseOf = (deps: ServerDeps, req: FastifyRequest) => deps.config.PUBLIC_URL?.replace(/\/$/, '') ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;

export function registerChatAgentRoutes(root: FastifyInstance, deps: ServerDeps, hub: ChatHub, presence: PresenceTracker): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Chat'];
  const BrandParams = z.object({ brand_id: ZId });
  const TicketParams = z.object({ id: ZId });

  // Agents on the live stream count as "online" for the widget.
  root.addHook('onRequest', async (req) => {
    if (req.actor && req.url.split('?')[0] === '/api/v1/stream' && req.headers.upgrade?.toLowerCase() === 'websocket') presence.track(req.actor, req.raw.socket);
  });

  app.get('/api/v1/chat/settings/:brand_id', {
    schema: { tags, summary: "A brand's chat widget and web form settings (created on first read)", params: BrandParams, response: { 200: ZChatSettings, ...errors } },
  }, async (req) => presentSettings(await inTx(deps, req, (ctx) => getOrCreateChatSettings(ctx, req.params.brand_id)), baseOf(deps, req)));

  app.patch('/api/v1/chat/settings/:brand_id', {
    schema: { tags, summary: 'Change chat widget / web form settings', params: BrandParams, body: ZConfigureChat, response: { 200: ZChatSettings, ...errors } },
  }, async (req) => presentSettings(await inTx(deps, req, (ctx) => configureChat(ctx, req.params.brand_id, req.body)), baseOf(deps, req)));

  app.post('/api/v1/chat/settings/:brand_id/rotate_secret', {
    schema: { tags, summary: 'New identity secret (tokens signed with the old one stop working)', params: BrandParams, response: { 200: ZChatSettings, ...errors } },
  }, async (req) => presentSettings(await inTx(deps, req, (ctx) => rotateIdentitySecret(ctx, req.params.brand_id)), baseOf(deps, req)));

  app.get('/api/v1/chat/tickets/:id/context', {
    schema: { tags, summary: 'Live-chat session / web-form context of a ticket', params: TicketParams, response: { 200: ZTicketChannelContext, ...errors } },
  }, async (req) => {
    const c = await inTx(deps, req, (ctx) => getTicketChannelContext(ctx, req.params.id));
    const s = c.chat;
    return {
      chat: s ? {
        session_id: s.id, visitor_name: s.name, visitor_email: s.email, identified: !!s.external_user_id, external_user_id: s.external_user_id, page_url: s.page_url,
        offline: s.offline, last_seq: s.last_seq, visitor_read_seq: s.visitor_read_seq, agent_read_seq: s.agent_read_seq, visitor_connected: hub.hasVisitor(s.id),
        started_at: new Date(s.created_at).toISOString(),
      } : null,
      web_form: c.web_form ? { category: c.web_form.category, search_context: c.web_form.search_context, submitted_at: new Date(c.web_form.created_at).toISOString() } : null,
    };
  });

  app.post('/api/v1/chat/tickets/:id/read', {
    schema: { tags, summary: 'The agent has read the chat up to seq (the visitor sees "read")', params: TicketParams, body: z.strictObject({ seq: z.number().int().min(0) }), response: { 200: z.object({ agent_read_seq: z.number().int() }), ...errors } },
  }, async (req) => {
    const seq = await inTx(deps, req, async (ctx) => {
      const c = await getTicketChannelContext(ctx, req.params.id);
      if (!c.chat) return 0;
      return markChatRead(ctx, c.chat.id, 'agent', req.body.seq);
    });
    return { agent_read_seq: seq };
  });

  // The agent's side channel for a chat ticket: visitor typing/read/new-line signals in, agent typing/read out.
  app.get('/api/v1/chat/tickets/:id/stream', { websocket: true, schema: { hide: true, params: TicketParams } }, async (ws: WebSocket, req: FastifyRequest<{ Params: { id: string } }>) => {
    if (!req.actor) return ws.close(4401, 'unauthenticated');
    let sessionId: string;
    try {
      const c = await inTx(deps, req, (ctx) => getTicketChannelContext(ctx, req.params.id));
      if (!c.chat) return ws.close(4404, 'not a chat ticket');
      sessionId = c.chat.id;
    } catch {
      return ws.close(4404, 'ticket not found');
    }
    const actor = req.actor;
    const remove = hub.addAgent({ ws, sessionId, userId: actor.id ?? '' });
    presence.track(actor, ws);
    const frames = new TokenBucket(20, 60);
    ws.send(JSON.stringify({ type: 'ready', session_id: sessionId, visitor_connected: hub.hasVisitor(sessionId) }));
    ws.on('message', (raw, isBinary) => {
      if (!frames.take() || isBinary) return;
      let f;
      try {
        f = ZAgentFrame.parse(JSON.parse(String(raw)));
      } catch {
        return ws.send(JSON.stringify({ type: 'error', code: 'FRAME_INVALID', message: 'Unknown frame' }));
      }
      if (f.type === 'ping') return ws.send(JSON.stringify({ type: 'pong' }));
      const work = f.type === 'typing'
        ? signal(deps.db, { k: 'typing', s: sessionId, from: 'agent', on: f.on, name: actor.name ?? null })
        : inTx(deps, req, (ctx) => markChatRead(ctx, sessionId, 'agent', f.seq));
      work.catch((err) => deps.log.warn({ err }, 'chat agent frame failed'));
    });
    ws.on('close', remove);
    ws.on('error', remove);
  });
}

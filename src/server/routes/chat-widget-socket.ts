import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { AppError } from '../../platform/errors.js';
import { systemActor, type Ctx } from '../../domain/kernel/index.js';
import {
  leaveOfflineEmail, lockSession, markChatRead, postVisitorMessage, runChatResponder, sessionOfVisitorToken, signal, type ChatSession,
} from '../../domain/chat/index.js';
import { ZVisitorFrame, type VisitorFrame } from '../../shared/contracts/chat.js';
import type { ServerDeps } from '../deps.js';
import { presentLine, type ChatHub, type VisitorConn } from './chat-hub.js';
import { SOCKET_LIMITS, TokenBucket } from './chat-limits.js';

type Send = (frame: Record<string, unknown>) => void;

function errorFrame(err: unknown, clientMsgId?: string): Record<string, unknown> {
  if (err instanceof AppError) return { type: 'error', code: err.code, message: err.message, ...(clientMsgId ? { client_msg_id: clientMsgId } : {}) };
  return { type: 'error', code: 'INTERNAL', message: 'Something went wrong; try again', ...(clientMsgId ? { client_msg_id: clientMsgId } : {}) };
}

/**
 * The visitor's live socket: `/widget/v1/stream`. Not a user session: the first frame must be
 * {"type":"auth","token":<visitor token>,"after":<last seq seen>} (within 10 s). Frames are JSON text of at most
 * 16 KB; bad frames get an error frame (never a crash); floods are rate limited and finally closed.
 */
export function registerWidgetSocket(app: FastifyInstance, deps: ServerDeps, hub: ChatHub): void {
  app.get('/widget/v1/stream', { websocket: true, schema: { hide: true } }, (ws: WebSocket, req: FastifyRequest) => {
    const send: Send = (f) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(f));
    };
    const frames = new TokenBucket(SOCKET_LIMITS.frames.rate, SOCKET_LIMITS.frames.burst);
    const messages = new TokenBucket(SOCKET_LIMITS.messages.rate, SOCKET_LIMITS.messages.burst);
    let errors = 0;
    let limited = 0;
    let conn: VisitorConn | null = null;
    let session: ChatSession | null = null;
    let remove: (() => void) | null = null;
    let lastTyping = 0;
    let queue = Promise.resolve(); // frames of one socket are handled in order
    const authTimer = setTimeout(() => conn || ws.close(4401, 'authenticate first'), SOCKET_LIMITS.authMs);

    const ctxOf = (tx: Ctx['tx']): Ctx => ({
      actor: { ...systemActor(session!.workspace_id), name: 'Chat visitor' }, tx, clock: deps.clock,
      meta: { channel: 'chat', ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: String(req.id) },
    });
    const bad = (code: string, message: string) => {
      send({ type: 'error', code, message });
      if (++errors >= SOCKET_LIMITS.maxErrors) ws.close(4400, 'too many bad frames');
    };

    const handle = async (f: VisitorFrame): Promise<void> => {
      if (f.type === 'ping') return send({ type: 'pong' });
      if (f.type === 'auth') {
        if (conn) return bad('ALREADY_AUTHENTICATED', 'This socket is already authenticated');
        session = await sessionOfVisitorToken({ tx: deps.db }, f.token); // one read: no transaction needed
        clearTimeout(authTimer);
        conn = { ws, sessionId: session.id, token: f.token, lastSent: Math.min(f.after ?? 0, session.last_seq) };
        remove = hub.addVisitor(conn);
        send({ type: 'ready', session_id: session.id, last_seq: session.last_seq, agent_read_seq: session.agent_read_seq, offline: session.offline });
        hub.pull(session.id);
        return;
      }
      if (!conn || !session) return bad('UNAUTHENTICATED', 'Send {"type":"auth","token":…} first');
      const sid = session.id;
      switch (f.type) {
        case 'resume':
          conn.lastSent = Math.max(0, f.after);
          hub.pull(sid);
          return;
        case 'message': {
          if (!messages.take()) return send({ type: 'error', code: 'RATE_LIMITED', message: 'You are sending messages too fast', client_msg_id: f.client_msg_id });
          try {
            const out = await deps.db.transaction((tx) => postVisitorMessage(ctxOf(tx), sid, f));
            session = out.session;
            send({ type: 'ack', client_msg_id: f.client_msg_id, seq: out.line.seq, duplicate: out.duplicate });
            if (out.duplicate) hub.pull(sid);
            else if (conn.lastSent === out.line.seq - 1) {
              // The sender's own line goes out at once (its NOTIFY reaches this socket's other tabs via the hub).
              send({ type: 'message', message: presentLine(out.line, conn.token) });
              conn.lastSent = out.line.seq;
            }
            if (!out.duplicate) {
              runChatResponder(deps.db, deps.clock, sid, out.line, out.session).then((bot) => bot && hub.deliver(sid, bot)).catch((err) => deps.log.warn({ err, sid }, 'chat responder failed'));
            }
          } catch (err) {
            send(errorFrame(err, f.client_msg_id));
          }
          return;
        }
        case 'typing': {
          const now = performance.now();
          if (f.on && now - lastTyping < 1000) return; // at most one "typing" a second reaches the agents
          lastTyping = f.on ? now : 0;
          await signal(deps.db, { k: 'typing', s: sid, from: 'visitor', on: f.on, name: session.name });
          return;
        }
        case 'read':
          await deps.db.transaction((tx) => markChatRead(ctxOf(tx), sid, 'visitor', f.seq));
          return;
        case 'email':
          session = await deps.db.transaction(async (tx) => {
            await leaveOfflineEmail(ctxOf(tx), sid, f);
            return lockSession(tx, sid);
          });
          send({ type: 'email_saved', email: session.email });
          return;
      }
    };

    ws.on('message', (raw: RawData, isBinary: boolean) => {
      if (!frames.take()) {
        if (++limited >= SOCKET_LIMITS.maxLimited) ws.close(4429, 'flooding');
        else if (limited % 10 === 1) send({ type: 'error', code: 'RATE_LIMITED', message: 'Too many frames; slow down' });
        return;
      }
      if (isBinary) return bad('BINARY_NOT_SUPPORTED', 'Frames are JSON text');
      const size = Array.isArray(raw) ? raw.reduce((n, b) => n + b.length, 0) : (raw as Buffer).byteLength;
      if (size > SOCKET_LIMITS.frameBytes) return bad('FRAME_TOO_LARGE', `Frames are at most ${SOCKET_LIMITS.frameBytes} bytes`);
      const text = String(raw);
      if (text === 'ping') return send({ type: 'pong' });
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return bad('FRAME_INVALID', 'Frames are JSON objects with a "type"');
      }
      const parsed = ZVisitorFrame.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return bad('FRAME_INVALID', `${issue.path.join('.') || 'frame'}: ${issue.message}`);
      }
      queue = queue.then(() => handle(parsed.data)).catch((err) => {
        send(errorFrame(err));
        if (err instanceof AppError && err.code === 'VISITOR_TOKEN_INVALID') ws.close(4401, 'invalid visitor token');
        else if (!(err instanceof AppError)) deps.log.warn({ err }, 'chat socket frame failed');
      });
    });
    const cleanup = () => {
      clearTimeout(authTimer);
      remove?.();
      remove = null;
    };
    ws.on('close', cleanup);
    ws.on('error', cleanup);
  });
}

import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Db } from '../platform/db/index.js';
import type { Actor } from '../domain/kernel/index.js';
import type { ServerDeps } from './deps.js';
import { REALTIME_CHANNEL, type LiveMessage } from '../platform/realtime/channel.js';

export { REALTIME_CHANNEL, type LiveMessage };

/**
 * Fan-out of live updates to this process's WebSocket clients. Messages arrive through the database's
 * NOTIFY channel, so every server process on one PostgreSQL gets them (PGlite: in-process).
 */
export class Realtime {
  private readonly clients = new Set<{ ws: WebSocket; actor: Actor }>();
  private unlisten: (() => Promise<void>) | null = null;

  async start(db: Db): Promise<void> {
    this.unlisten = await db.listen(REALTIME_CHANNEL, (payload) => {
      try {
        this.deliver(JSON.parse(payload) as LiveMessage);
      } catch {
        /* ignore malformed payloads */
      }
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    for (const c of this.clients) c.ws.close(1001, 'server shutting down');
  }

  add(ws: WebSocket, actor: Actor): () => void {
    const entry = { ws, actor };
    this.clients.add(entry);
    return () => this.clients.delete(entry);
  }

  get size(): number {
    return this.clients.size;
  }

  private deliver(m: LiveMessage): void {
    const data = JSON.stringify(m);
    for (const { ws, actor } of this.clients) {
      if (actor.workspaceId !== m.workspace_id) continue;
      if (actor.brandIds.length && !actor.brandIds.includes(m.brand_id)) continue;
      if (actor.role === 'collaborator') continue; // shares are checked on fetch; don't leak other cases
      if (ws.readyState === ws.OPEN) ws.send(data);
    }
  }
}

export function registerRealtime(app: FastifyInstance, _deps: ServerDeps, rt: Realtime): void {
  app.get('/api/v1/stream', { websocket: true, schema: { hide: true } }, (socket, req) => {
    const actor = req.actor;
    if (!actor) {
      socket.close(4401, 'unauthenticated');
      return;
    }
    const remove = rt.add(socket, actor);
    socket.send(JSON.stringify({ type: 'hello', user_id: actor.id }));
    socket.on('message', (raw) => {
      if (String(raw) === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
    });
    socket.on('close', remove);
    socket.on('error', remove);
  });
}

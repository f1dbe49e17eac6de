import WebSocket from 'ws';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config.js';
import { ManualClock } from '../../src/platform/clock.js';
import { FileStore } from '../../src/platform/files.js';
import { createLogger } from '../../src/platform/logger.js';
import type { Db } from '../../src/platform/db/index.js';
import { buildApp } from '../../src/server/app.js';
import { registerChatResponder } from '../../src/domain/chat/index.js';
import { Realtime } from '../../src/server/realtime.js';
import { startWorker } from '../../src/worker/start-worker.js';
import { buildWorld, type World } from '../factories/index.js';
import { createTestDb, DB_KIND } from '../helpers/test-db.js';
import { openPostgres } from '../../src/platform/db/postgres.js';

export interface TestApp extends World {
  app: FastifyInstance;
  clock: ManualClock;
  api(method: InjectOptions['method'], url: string, body?: unknown, token?: string | null): Promise<{ statusCode: number; json(): any; body: string; headers: Record<string, unknown> }>;
}

/** A listening test app (real sockets) with the event worker running (agent replies are relayed by it). */
export interface ChatNode {
  t: TestApp;
  url: string;
  ws: string;
  worker: Awaited<ReturnType<typeof startWorker>> | null;
  close(): Promise<void>;
}

/**
 * `shareWith`: a second server process on the same database (PostgreSQL: its own pool, as another process would
 * have; PGlite: the same in-process database) without its own worker.
 */
export async function startChatNode(env: Record<string, string> = {}, shareWith?: ChatNode): Promise<ChatNode> {
  let second: Db | null = null;
  if (shareWith && DB_KIND === 'postgres') second = await openPostgres((shareWith.t.db as unknown as { url: string }).url, 4);
  const db: Db = shareWith ? (second ?? shareWith.t.db) : await createTestDb();
  const clock = shareWith ? shareWith.t.clock : new ManualClock('2026-03-02T09:00:00Z');
  const world = shareWith ? { ...shareWith.t, db } : await buildWorld(db, clock);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-chat-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const realtime = new Realtime();
  await realtime.start(db);
  const app = await buildApp({ db, clock, config, files: new FileStore(config.filesDir), log: createLogger('silent') }, { realtime, serveWeb: false });
  // The assistant registers itself as the chat bot when the app is built; these tests exercise the chat
  // itself, so no bot answers unless a test installs one.
  registerChatResponder(null);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const worker = shareWith ? null : await startWorker(db, clock, createLogger('silent'));
  const t: TestApp = {
    ...world, app, clock,
    api: (method, u, body, token) => app.inject({
      method, url: u, headers: token === null ? {} : { authorization: `Bearer ${token ?? world.adminToken}` },
      ...(body === undefined ? {} : { payload: body as object }),
    }) as never,
  };
  return {
    t, url, ws: url.replace('http', 'ws'), worker,
    async close() {
      await worker?.stop();
      await app.close();
      await realtime.stop();
      if (!shareWith || second) await db.close();
    },
  };
}

export async function waitFor<T>(fn: () => T | undefined | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Frame {
  type: string;
  [k: string]: any;
}

export class Socket {
  readonly frames: Frame[] = [];
  closed: { code: number; reason: string } | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (m) => this.frames.push(JSON.parse(String(m)) as Frame));
    ws.on('close', (code, reason) => (this.closed = { code, reason: String(reason) }));
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const s = new Socket(ws);
      ws.once('open', () => resolve(s));
      ws.once('error', reject);
    });
  }

  send(f: unknown): void {
    this.ws.send(typeof f === 'string' ? f : JSON.stringify(f));
  }

  next(pred: (f: Frame) => boolean, ms = 10_000): Promise<Frame> {
    return waitFor(() => this.frames.find(pred), ms);
  }

  messages(): Frame[] {
    return this.frames.filter((f) => f.type === 'message').map((f) => f.message);
  }

  close(): void {
    this.ws.close();
  }
}

export async function startSession(node: ChatNode, body: Record<string, unknown>): Promise<{ status: number; json: any }> {
  const res = await fetch(`${node.url}/widget/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

/** Start a session and open an authenticated visitor socket. */
export async function visitor(node: ChatNode, brand: string, extra: Record<string, unknown> = {}, after = 0) {
  const { status, json } = await startSession(node, { brand, ...extra });
  if (status !== 200) throw new Error(`session: ${status} ${JSON.stringify(json)}`);
  const sock = await Socket.open(`${node.ws}/widget/v1/stream`);
  sock.send({ type: 'auth', token: json.visitor_token, after });
  await sock.next((f) => f.type === 'ready');
  return { sock, token: json.visitor_token as string, started: json };
}

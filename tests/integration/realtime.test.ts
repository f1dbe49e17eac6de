import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config.js';
import { FileStore } from '../../src/platform/files.js';
import { createLogger } from '../../src/platform/logger.js';
import { systemClock } from '../../src/platform/clock.js';
import type { Db } from '../../src/platform/db/index.js';
import { openPostgres } from '../../src/platform/db/postgres.js';
import { buildApp } from '../../src/server/app.js';
import { Realtime } from '../../src/server/realtime.js';
import { startWorker, type Worker } from '../../src/worker/start-worker.js';
import { buildWorld, type World } from '../factories/index.js';
import { createTestDb, DB_KIND } from '../helpers/test-db.js';

interface Node {
  app: FastifyInstance;
  url: string;
  rt: Realtime;
  db: Db;
}

async function startNode(db: Db): Promise<Node> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sb-rt-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const rt = new Realtime();
  await rt.start(db);
  const app = await buildApp({ db, clock: systemClock, config, files: new FileStore(config.filesDir), log: createLogger('silent') }, { realtime: rt, serveWeb: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url, rt, db };
}

function connect(url: string, token: string): Promise<{ ws: WebSocket; messages: any[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v1/stream`, { headers: { authorization: `Bearer ${token}` } });
    const messages: any[] = [];
    ws.on('message', (m) => {
      const msg = JSON.parse(String(m));
      messages.push(msg);
      if (msg.type === 'hello') resolve({ ws, messages });
    });
    ws.on('error', reject);
  });
}

async function waitFor<T>(fn: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

let db: Db;
let second: Db | null = null;
let w: World;
let a: Node;
let b: Node;
let worker: Worker;

beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db, systemClock);
  a = await startNode(db);
  // On PostgreSQL the second node is a separate pool, as a second server process would be.
  if (DB_KIND === 'postgres') {
    const url = (db as unknown as { url?: string }).url;
    second = url ? await openPostgres(url, 2) : null;
  }
  b = await startNode(second ?? db);
  worker = await startWorker(db, systemClock, createLogger('silent'));
});

afterAll(async () => {
  await worker?.stop();
  for (const n of [a, b]) {
    await n?.rt.stop();
    await n?.app.close();
  }
  await second?.close();
  await db?.close();
});

describe('live updates over WebSocket', () => {
  it('pushes a change made through one server to clients of another', async () => {
    const agentB = await w.addUser('brand-b-agent', 'agent', { brandIds: [w.brandB.id] });
    const client = await connect(b.url, w.adminToken);
    const limited = await connect(b.url, agentB.token);
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { authorization: `Bearer ${w.adminToken}` },
      payload: { subject: 'Live?', body: 'hello', requester: { email: 'live@example.com' }, brand_id: w.brandA.id },
    });
    expect(res.statusCode).toBe(201);
    const ticket = res.json();
    const msg = await waitFor(() => client.messages.find((m) => m.type === 'ticket.changed' && m.ticket_id === ticket.id));
    expect(msg).toMatchObject({ event: expect.stringMatching(/^(ticket\.created|message\.added)$/), actor_id: w.admin.id, brand_id: w.brandA.id });
    // The brand-B-only agent must not hear about brand A's ticket.
    await new Promise((r) => setTimeout(r, 300));
    expect(limited.messages.filter((m) => m.type === 'ticket.changed')).toHaveLength(0);
    client.ws.close();
    limited.ws.close();
  });

  it('closes an unauthenticated socket with code 4401', async () => {
    const code = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${a.url.replace('http', 'ws')}/api/v1/stream`);
      ws.on('close', (c) => resolve(c));
      ws.on('error', () => undefined);
    });
    expect(code).toBe(4401);
  });
});

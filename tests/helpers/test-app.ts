import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config.js';
import { ManualClock } from '../../src/platform/clock.js';
import { FileStore } from '../../src/platform/files.js';
import { createLogger } from '../../src/platform/logger.js';
import type { Db } from '../../src/platform/db/index.js';
import { buildApp } from '../../src/server/app.js';
import { buildWorld, type World } from '../factories/index.js';
import { createTestDb } from './test-db.js';

export interface TestApp extends World {
  app: FastifyInstance;
  clock: ManualClock;
  /** Inject a request with a bearer token (default: the admin's). */
  api(method: InjectOptions['method'], url: string, body?: unknown, opts?: { token?: string | null; headers?: Record<string, string> }): Promise<LightMyRequestResponse & { json<T = any>(): T }>;
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db: Db = await createTestDb();
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  const world = await buildWorld(db, clock);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const app = await buildApp({ db, clock, config, files: new FileStore(config.filesDir), log: createLogger('silent') }, { serveWeb: false });
  await app.ready();
  return {
    ...world,
    app,
    clock,
    api: (method, url, body, opts = {}) => {
      const token = opts.token === undefined ? world.adminToken : opts.token;
      return app.inject({
        method,
        url,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(opts.headers ?? {}) },
        ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as object }),
      }) as never;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

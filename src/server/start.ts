import type { FastifyInstance } from 'fastify';
import { mkdir } from 'node:fs/promises';
import { openDb, migrate, type Db } from '../platform/db/index.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import { FileStore } from '../platform/files.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { acquireDataDirLock, type Release } from '../platform/db/lock.js';
import { startWorker } from '../worker/start-worker.js';
import { buildApp } from './app.js';
import { Realtime } from './realtime.js';
import { startEmailListener, smtpInboundEnabled } from './routes/channels-smtp.js';
import { configureChannelsWorker } from '../worker/subscribers/channels.js';
import { wireComplianceMail } from './compliance-mail.js';

export interface Running {
  app: FastifyInstance;
  db: Db;
  url: string;
  log: Logger;
  close(): Promise<void>;
}

/** Open the database, migrate, (optionally) run the worker, and listen. */
export async function startServer(config: Config, opts: { clock?: Clock; onReady?: (db: Db) => Promise<void> } = {}): Promise<Running> {
  const log = createLogger(config.LOG_LEVEL);
  const clock = opts.clock ?? systemClock;
  await mkdir(config.DATA_DIR, { recursive: true });
  const releaseLock: Release = config.DATABASE_URL ? async () => undefined : await acquireDataDirLock(config.DATA_DIR, { port: config.PORT, host: config.HOST });
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  await opts.onReady?.(db);
  const files = new FileStore(config.filesDir);
  const realtime = new Realtime();
  await realtime.start(db);
  configureChannelsWorker({ files, clock, defaultSmtpUrl: config.SMTP_OUTBOUND_URL ?? null });
  wireComplianceMail(config, log);
  const worker = config.RUN_WORKER ? await startWorker(db, clock, log) : null;
  const app = await buildApp({ db, clock, config, files, log }, { realtime });
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const url = config.PUBLIC_URL ?? address.replace('[::1]', 'localhost');
  await releaseLock.update?.({ url });
  const smtp = smtpInboundEnabled(config) ? await startEmailListener({ db, clock, config, files, log }, log) : null;
  let closed = false;
  return {
    app, db, url, log,
    async close() {
      if (closed) return;
      closed = true;
      await smtp?.close();
      await app.close();
      await worker?.stop();
      await realtime.stop();
      await db.close();
      await releaseLock();
    },
  };
}

import { mkdir } from 'node:fs/promises';
import type { Config } from '../platform/config.js';
import { openDb, type Db } from '../platform/db/index.js';
import { acquireDataDirLock, type Release } from '../platform/db/lock.js';

/**
 * Open the database for a CLI command. On the embedded database this takes the data-dir lock, so a
 * command never opens PGlite under a running server (which would corrupt or fork the data): it
 * stops with an explanation instead.
 */
export async function openCliDb(config: Config): Promise<{ db: Db; release: Release }> {
  if (config.DATABASE_URL) return { db: await openDb({ databaseUrl: config.DATABASE_URL }), release: async () => undefined };
  await mkdir(config.DATA_DIR, { recursive: true });
  const release = await acquireDataDirLock(config.DATA_DIR, { port: undefined });
  try {
    return { db: await openDb({ dataDir: config.DATA_DIR }), release };
  } catch (e) {
    await release();
    throw e;
  }
}

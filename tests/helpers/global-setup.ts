import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../../src/platform/db/index.js';
import { openPostgres } from '../../src/platform/db/postgres.js';
import { openPglite } from '../../src/platform/db/pglite.js';

export const TEMPLATE_TAR = path.resolve('.tmp/test-template.tar');
export const PG_TEMPLATE_DB = 'sb_test_template';

/**
 * Build one migrated template per run: a PGlite data-dir dump (loaded in-memory per test file), or
 * a PostgreSQL template database (copied with CREATE DATABASE … TEMPLATE per test file).
 */
export default async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`);
    const u = new URL(url);
    u.pathname = `/${PG_TEMPLATE_DB}`;
    const db = await openPostgres(u.toString(), 1);
    await migrate(db);
    await db.close();
    await admin.end();
    return;
  }
  const db = await openPglite(undefined);
  await migrate(db);
  const dump = await db.dump();
  await mkdir(path.dirname(TEMPLATE_TAR), { recursive: true });
  await writeFile(TEMPLATE_TAR, Buffer.from(await dump.arrayBuffer()));
  await db.close();
}

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/platform/db/index.js';
import { openPostgres } from '../../src/platform/db/postgres.js';
import { openPglite } from '../../src/platform/db/pglite.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateTar: string;
    pgTemplateDb: string;
  }
}

/**
 * Build one migrated template per run: a PGlite data-dir dump (loaded in memory per test file), or a
 * PostgreSQL template database (copied with CREATE DATABASE … TEMPLATE per test file). Names are unique
 * per run, so parallel runs on one machine don't trip over each other; teardown removes them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const run = randomBytes(4).toString('hex');
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `sb_tpl_${run}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await openPostgres(u.toString(), 1);
    await migrate(db);
    await db.close();
    await admin.end();
    project.provide('pgTemplateDb', name);
    project.provide('templateTar', '');
    return async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  const tar = path.resolve(`.tmp/test-template-${run}.tar`);
  const db = await openPglite(undefined);
  await migrate(db);
  const dump = await db.dump();
  await mkdir(path.dirname(tar), { recursive: true });
  await writeFile(tar, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('templateTar', tar);
  project.provide('pgTemplateDb', '');
  return async () => {
    await rm(tar, { force: true });
  };
}

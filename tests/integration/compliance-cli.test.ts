import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/platform/db/index.js';
import { appendEvent } from '../../src/platform/events/index.js';
import { DB_KIND, createTestDb } from '../helpers/test-db.js';

/** `switchboard audit verify` / `audit export` as a child process, against a temp DATA_DIR (PGlite) or a scratch PostgreSQL database. */
let dataDir: string;
let dbUrl: string | undefined;
let pgDb: (Db & { url?: string }) | undefined;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { DATABASE_URL: _d, ...base } = process.env;
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['bin/switchboard.js', ...args], { env: { ...base, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...(dbUrl ? { DATABASE_URL: dbUrl } : {}) } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d));
    p.stderr.on('data', (d: Buffer) => (stderr += d));
    p.on('error', reject);
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  if (pgDb) return fn(pgDb);
  const db = await openDb({ dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-audit-cli-'));
  if (DB_KIND === 'postgres') {
    pgDb = await createTestDb();
    dbUrl = pgDb.url;
  } else {
    expect((await cli(['migrate'])).code).toBe(0);
  }
});
afterAll(async () => {
  await pgDb?.close();
});

describe('switchboard audit verify / export', () => {
  it('exits 0 on an intact chain, 2 with the first broken link after tampering; export carries the chain', async () => {
    await withDb((db) => db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) {
        await appendEvent(tx, { name: 'ticket.created', workspaceId: null, aggregateType: 'ticket', aggregateId: `tkt_cli${i}`, actorType: 'system', actorId: null, payload: { i }, occurredAt: new Date('2026-01-01T00:00:00Z') },
          { action: 'ticket.created', entityType: 'ticket', entityId: `tkt_cli${i}`, changes: { i } });
      }
    }));
    const ok = await cli(['audit', 'verify']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/intact/);
    const out = path.join(dataDir, 'audit.jsonl');
    expect((await cli(['audit', 'export', '--out', out])).code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { chain_pos: number; prev_hash: string; hash: string });
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < lines.length; i++) expect(lines[i].prev_hash).toBe(lines[i - 1].hash);

    const victim = lines[lines.length - 3].chain_pos;
    await withDb((db) => db.transaction(async (tx) => {
      await tx.query(`SELECT set_config('switchboard.audit_maintenance', 'on', true)`);
      await tx.query(`UPDATE audit_log SET changes = '{"i": 99}' WHERE chain_pos = $1`, [victim]);
    }));
    const bad = await cli(['audit', 'verify', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, first_break: { chain_pos: victim, reason: 'content_changed' } });
  });
});

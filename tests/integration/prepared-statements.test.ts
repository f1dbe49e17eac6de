import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/index.js';
import { createTestDb, DB_KIND } from '../helpers/test-db.js';

// PostgreSQL: repeating statements are sent as named prepared statements (platform/db/postgres.ts).
let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

describe.skipIf(DB_KIND !== 'postgres')('prepared statements', () => {
  it('survive a table changing under a prepared `t.*` (the stale statement is re-prepared)', async () => {
    await db.exec('CREATE TABLE ps_probe (a int)');
    await db.query('INSERT INTO ps_probe (a) VALUES ($1)', [1]);
    const sql = 'SELECT t.* FROM ps_probe t WHERE a = $1';
    for (let i = 0; i < 6; i++) expect(await db.query(sql, [1])).toEqual([{ a: 1 }]);
    await db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) expect(await tx.query(sql, [1])).toEqual([{ a: 1 }]);
    });
    await db.exec('ALTER TABLE ps_probe ADD COLUMN b int DEFAULT 7');
    for (let i = 0; i < 6; i++) expect(await db.query(sql, [1])).toEqual([{ a: 1, b: 7 }]);
  });
});

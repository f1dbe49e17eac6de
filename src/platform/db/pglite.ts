import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Mutex } from '../mutex.js';
import { AfterCommit, withHelpers, type Db, type Tx } from './types.js';

const parsers = { [types.INT8]: (v: string) => Number(v), [types.NUMERIC]: (v: string) => Number(v) };
/** Contrib extensions bundled with PGlite that migrations may CREATE EXTENSION (pg_trgm: KB typo-tolerant search). */
const extensions = { pg_trgm };

/**
 * PGlite is a single session: every statement and transaction is serialised by one mutex, so a
 * statement from one request can never land inside another request's transaction.
 * Never call the Db from inside a transaction callback — use the tx you were given.
 */
export async function openPglite(dataDir: string | undefined, opts: { loadDataDir?: Blob } = {}): Promise<Db & { dump(): Promise<Blob> }> {
  const pg = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}), parsers, extensions });
  const lock = new Mutex();
  let inTx = false;

  const raw = async (sql: string, params?: unknown[]) => (await pg.query(sql, params as unknown[])).rows;
  const rawExec = async (sql: string) => {
    await pg.exec(sql);
  };
  const locked = withHelpers(
    (sql, params) => lock.run(() => raw(sql, params)),
    (sql) => lock.run(() => rawExec(sql)),
  );

  const db: Db & { dump(): Promise<Blob> } = {
    kind: 'pglite',
    dump: () => lock.run(async () => (await pg.dumpDataDir('none')) as Blob),
    ...locked,
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      return lock.run(async () => {
        if (inTx) throw new Error('nested transaction on PGlite');
        inTx = true;
        const hooks = new AfterCommit();
        const txq = withHelpers(raw, rawExec, hooks.add);
        try {
          await pg.exec('BEGIN');
          const out = await fn(txq);
          await pg.exec('COMMIT');
          return { out, hooks };
        } catch (e) {
          hooks.drop();
          await pg.exec('ROLLBACK').catch(() => undefined);
          throw e;
        } finally {
          inTx = false;
        }
      }).then(({ out, hooks }) => {
        hooks.flush(); // outside the lock: a hook may use the Db at once
        return out;
      });
    },
    async listen(channel, onPayload) {
      const unlisten = await lock.run(() => pg.listen(channel, onPayload));
      return () => lock.run(() => unlisten());
    },
    async close() {
      await lock.run(() => pg.close());
    },
  };
  return db;
}

import pg from 'pg';
import { AfterCommit, withHelpers, type Db, type Tx } from './types.js';

pg.types.setTypeParser(20, (v) => Number(v)); // int8 → number (ids we expose are text)
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric → number

/** A statement text run this many times in the process is prepared from then on (cf. JDBC's prepareThreshold). */
const PREPARE_AFTER = 3;
/** At most this many texts are prepared per process (each pooled connection may hold them all). */
const MAX_PREPARED = 500;

/**
 * Server-side prepared statements for the statements that repeat: from its PREPARE_AFTER-th run on, a
 * parameterised statement goes out as a named prepared statement. Each pooled connection parses it once,
 * and PostgreSQL may then reuse a generic plan instead of planning every call — planning was about half of
 * the database CPU of creating a ticket. One-off texts (bulk inserts with varying row counts) stay unnamed,
 * and the cap bounds what the connections hold. PostgreSQL picks a generic plan only when it does not look
 * costlier than the custom ones; `plan_cache_mode = force_custom_plan` (per database or role) turns that off.
 */
export class PreparedNames {
  private readonly seen = new Map<string, number>();
  private readonly names = new Map<string, string>();
  private next = 0;

  nameOf(sql: string): string | undefined {
    const name = this.names.get(sql);
    if (name || this.names.size >= MAX_PREPARED) return name;
    const n = (this.seen.get(sql) ?? 0) + 1;
    if (n < PREPARE_AFTER) {
      if (this.seen.size >= 10 * MAX_PREPARED) this.seen.clear();
      this.seen.set(sql, n);
      return undefined;
    }
    this.seen.delete(sql);
    const fresh = `sb_${this.next++}`;
    this.names.set(sql, fresh);
    return fresh;
  }

  /** Forget a text's name (its plan went stale): it is re-prepared under a new name later. */
  forget(sql: string): void {
    this.names.delete(sql);
  }
}

/**
 * Run `sql` through `query`, prepared when `names` says so. A prepared statement gone stale is forgotten (it
 * is prepared again under a new name) and, outside a transaction (`canRetry`), retried at once unnamed.
 */
async function runQuery(query: (c: pg.QueryConfig) => Promise<pg.QueryResult>, names: PreparedNames, canRetry: boolean, sql: string, params?: unknown[]) {
  const name = params && params.length > 0 ? names.nameOf(sql) : undefined;
  if (!name) return (await query({ text: sql, values: params })).rows;
  try {
    return (await query({ text: sql, values: params, name })).rows;
  } catch (e) {
    // A concurrent migration changed a table under a prepared `SELECT x.*` (PostgreSQL 0A000).
    if ((e as { code?: string }).code !== '0A000' || !/cached plan/.test(String((e as Error).message))) throw e;
    names.forget(sql);
    if (!canRetry) throw e; // the transaction is aborted: the caller's retry (if any) gets the new name
    return (await query({ text: sql, values: params })).rows;
  }
}

export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined); // idle client errors must not crash the process
  const names = new PreparedNames();
  const run = (sql: string, params?: unknown[]) => runQuery((c) => pool.query(c), names, true, sql, params);
  const exec = async (sql: string) => {
    await pool.query(sql);
  };
  const listenClients: pg.Client[] = [];
  return {
    kind: 'postgres',
    ...withHelpers(run, exec),
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const hooks = new AfterCommit();
      const tx = withHelpers(
        (sql, params) => runQuery((c) => client.query(c), names, false, sql, params),
        async (sql) => {
          await client.query(sql);
        },
        hooks.add,
      );
      let out: T;
      try {
        await client.query('BEGIN');
        out = await fn(tx);
        await client.query('COMMIT');
      } catch (e) {
        hooks.drop();
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
      hooks.flush();
      return out;
    },
    async listen(channel, onPayload) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('error', () => undefined);
      client.on('notification', (n) => {
        if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
      });
      await client.query(`LISTEN "${channel.replace(/"/g, '')}"`);
      listenClients.push(client);
      return async () => {
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      await Promise.all(listenClients.map((c) => c.end().catch(() => undefined)));
      await pool.end();
    },
  };
}

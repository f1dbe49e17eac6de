import pg from 'pg';
import { withHelpers, type Db, type Tx } from './types.js';

pg.types.setTypeParser(20, (v) => Number(v)); // int8 → number (ids we expose are text)
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric → number

export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined); // idle client errors must not crash the process
  const run = async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows;
  const exec = async (sql: string) => {
    await pool.query(sql);
  };
  const listenClients: pg.Client[] = [];
  return {
    kind: 'postgres',
    ...withHelpers(run, exec),
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const tx = withHelpers(
        async (sql, params) => (await client.query(sql, params)).rows,
        async (sql) => {
          await client.query(sql);
        },
      );
      try {
        await client.query('BEGIN');
        const out = await fn(tx);
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
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

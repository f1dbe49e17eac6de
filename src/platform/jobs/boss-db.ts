import type { Queryable } from '../db/index.js';

/**
 * pg-boss talks to the database through `executeSql(text, values)`. This adapter runs it on our Db
 * (PGlite or pg pool) or on an open transaction, so a job can be enqueued atomically with the change
 * that caused it. pg-boss's schema scripts are parameter-less multi-statement SQL: those go through
 * `exec` (a prepared statement cannot hold several commands).
 */
export function bossDb(q: Queryable): { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length) return { rows: await q.query(text, values) };
      if (/;\s*\S/.test(text.trim())) {
        await q.exec(text);
        return { rows: [] };
      }
      try {
        return { rows: await q.query(text) };
      } catch (err) {
        if (!/multiple commands|cannot insert multiple/i.test(String((err as Error).message))) throw err;
        await q.exec(text);
        return { rows: [] };
      }
    },
  };
}

/** The one SQL surface the app uses: PostgreSQL dialect, positional params ($1…). */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Exactly one row or throw. */
  one<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T>;
  /** Zero or one row. */
  maybeOne<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** Parameter-less, possibly multi-statement SQL. */
  exec(sql: string): Promise<void>;
}

export type Tx = Queryable;

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Run fn in one transaction; commits on return, rolls back on throw. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Subscribe to a NOTIFY channel (cross-process fan-out on PostgreSQL; in-process on PGlite). */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export function withHelpers(run: (sql: string, params?: unknown[]) => Promise<unknown[]>, exec: (sql: string) => Promise<void>): Queryable {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await run(sql, params)) as T[],
    one: async <T>(sql: string, params?: unknown[]) => {
      const rows = (await run(sql, params)) as T[];
      if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
      return rows[0];
    },
    maybeOne: async <T>(sql: string, params?: unknown[]) => ((await run(sql, params)) as T[])[0],
    exec,
  };
}

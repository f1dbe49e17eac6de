/** The one SQL surface the app uses: PostgreSQL dialect, positional params ($1…). */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Exactly one row or throw. */
  one<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T>;
  /** Zero or one row. */
  maybeOne<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** Parameter-less, possibly multi-statement SQL. */
  exec(sql: string): Promise<void>;
  /**
   * Run `fn` once what this handle wrote is committed: in a transaction, right after its COMMIT (never after a
   * rollback); outside one (every statement commits on its own), on the next microtask. For best-effort,
   * in-process work that must not see uncommitted data (e.g. a fast-path publish); `fn` must not throw into
   * the caller (errors are swallowed). Optional: a wrapper that omits it simply gets no hook.
   */
  afterCommit?(fn: () => void): void;
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

/** Calls `fn` and swallows what it throws: after-commit hooks cannot undo the commit. */
export function runHook(fn: () => void): void {
  try {
    fn();
  } catch {
    /* best effort */
  }
}

/** Collects a transaction's after-commit hooks; `flush` runs them (after COMMIT), `drop` forgets them (rollback). */
export class AfterCommit {
  private hooks: Array<() => void> = [];
  add = (fn: () => void): void => {
    this.hooks.push(fn);
  };
  flush(): void {
    const hooks = this.hooks;
    this.hooks = [];
    for (const fn of hooks) runHook(fn);
  }
  drop(): void {
    this.hooks = [];
  }
}

export function withHelpers(
  run: (sql: string, params?: unknown[]) => Promise<unknown[]>,
  exec: (sql: string) => Promise<void>,
  afterCommit: (fn: () => void) => void = (fn) => queueMicrotask(() => runHook(fn)),
): Queryable {
  return {
    afterCommit,
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

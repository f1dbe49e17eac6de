import type { Queryable } from '../../../platform/db/index.js';

/** Rows linked per `audit_seal` call (one short transaction each when called on a Db). */
export const SEAL_BATCH = 5000;

/**
 * Link every committed, not yet sealed audit entry onto the hash chain (ADR 0004): the SQL function
 * `audit_seal` takes the chain-head lock, orders the unsealed rows by (transaction id, seq) and sets their
 * chain columns once. On a Db each batch is its own transaction; on a Tx the caller's own uncommitted entries
 * are sealed too, atomically with it. Returns the number of entries sealed.
 */
export async function sealAuditChain(q: Queryable, opts: { batch?: number } = {}): Promise<number> {
  const batch = opts.batch ?? SEAL_BATCH;
  let total = 0;
  for (;;) {
    const { n } = await q.one<{ n: number }>('SELECT audit_seal($1::int) AS n', [batch]);
    total += Number(n);
    if (Number(n) < batch) return total;
  }
}

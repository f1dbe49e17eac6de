import type { Tx } from '../../../platform/db/index.js';

/** Tables erase-customer.ts handles itself (or that hold no personal text). */
const HANDLED = new Set([
  'customers', 'customer_identities', 'tickets', 'messages', 'attachments', 'events', 'audit_log', 'audit_chain_head',
  'compliance_requests', 'compliance_cases', 'compliance_erasures', 'schema_migrations', 'event_deliveries', 'event_subscriptions',
  'sessions', 'api_tokens', 'idempotency_keys', 'users',
]);

/**
 * Every other table of every module: scrub the person's identifiers out of its text, varchar and jsonb
 * columns (one UPDATE per column, only rows that match). New modules are covered without registering.
 */
export async function sweepOtherStores(tx: Tx, re: string, replacement: string): Promise<Array<{ store: string; rows: number }>> {
  const cols = await tx.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = current_schema() AND c.data_type IN ('text','character varying','jsonb','json') AND c.is_generated = 'NEVER'
        AND c.table_name NOT LIKE 'pgboss%'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const out: Array<{ store: string; rows: number }> = [];
  for (const c of cols) {
    if (HANDLED.has(c.table_name)) continue;
    const col = `"${c.column_name.replace(/"/g, '""')}"`;
    const tbl = `"${c.table_name.replace(/"/g, '""')}"`;
    const json = c.data_type === 'jsonb' || c.data_type === 'json';
    const expr = json ? `regexp_replace(${col}::text, $1, $2, 'gi')::${c.data_type}` : `regexp_replace(${col}, $1, $2, 'gi')`;
    const where = json ? `${col}::text ~* $1` : `${col} ~* $1`;
    const rows = await tx.query(`UPDATE ${tbl} SET ${col} = ${expr} WHERE ${where} RETURNING 1`, [re, replacement]);
    if (rows.length) out.push({ store: `${c.table_name}.${c.column_name}`, rows: rows.length });
  }
  return out;
}

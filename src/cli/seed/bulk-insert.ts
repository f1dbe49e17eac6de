/**
 * Set-based inserts for the demo seed: rows are sent as one JSON document per chunk and expanded
 * server-side with jsonb_to_recordset — one statement per chunk instead of one per row, which is
 * what makes seeding ~2,000 tickets fast on the single-session embedded database.
 */
import type { Tx } from '../../platform/db/index.js';

export interface TableSpec {
  table: string;
  /** [column, SQL type] in insert order; every row object carries these keys. */
  columns: ReadonlyArray<readonly [string, string]>;
}

/** Insert rows in chunks, keeping their order (sequence-backed columns follow the array order). */
export async function bulkInsert(tx: Tx, spec: TableSpec, rows: ReadonlyArray<object>, chunkSize = 1000): Promise<void> {
  if (rows.length === 0) return;
  const names = spec.columns.map(([c]) => c).join(', ');
  const typed = spec.columns.map(([c, t]) => `${c} ${t}`).join(', ');
  const sql = `INSERT INTO ${spec.table} (${names})
    SELECT ${names} FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${typed})) WITH ORDINALITY AS r(${names}, ord)
    ORDER BY ord`;
  for (let i = 0; i < rows.length; i += chunkSize) {
    await tx.query(sql, [JSON.stringify(rows.slice(i, i + chunkSize))]);
  }
}

export const ORGANIZATIONS: TableSpec = {
  table: 'organizations',
  columns: [['id', 'text'], ['workspace_id', 'text'], ['name', 'text'], ['domains', 'text[]'], ['external_id', 'text'], ['notes', 'text'],
    ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
};

export const CUSTOMERS: TableSpec = {
  table: 'customers',
  columns: [['id', 'text'], ['workspace_id', 'text'], ['name', 'text'], ['organization_id', 'text'], ['locale', 'text'], ['country', 'text'],
    ['time_zone', 'text'], ['tier', 'text'], ['notes', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
};

export const IDENTITIES: TableSpec = {
  table: 'customer_identities',
  columns: [['id', 'text'], ['workspace_id', 'text'], ['customer_id', 'text'], ['kind', 'text'], ['value', 'text'], ['is_primary', 'boolean'],
    ['created_at', 'timestamptz']],
};

export const TICKETS: TableSpec = {
  table: 'tickets',
  columns: [['id', 'text'], ['workspace_id', 'text'], ['number', 'bigint'], ['subject', 'text'], ['status', 'text'], ['priority', 'text'],
    ['channel', 'text'], ['brand_id', 'text'], ['team_id', 'text'], ['assignee_id', 'text'], ['requester_id', 'text'],
    ['organization_id', 'text'], ['tags', 'text[]'], ['custom_fields', 'jsonb'], ['country', 'text'], ['language', 'text'],
    ['version', 'integer'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['solved_at', 'timestamptz'],
    ['closed_at', 'timestamptz']],
};

export const MESSAGES: TableSpec = {
  table: 'messages',
  columns: [['id', 'text'], ['workspace_id', 'text'], ['ticket_id', 'text'], ['author_type', 'text'], ['author_user_id', 'text'],
    ['author_customer_id', 'text'], ['is_public', 'boolean'], ['channel', 'text'], ['body_text', 'text'], ['body_html', 'text'],
    ['created_at', 'timestamptz']],
};

export const SHARES: TableSpec = {
  table: 'ticket_shares',
  columns: [['ticket_id', 'text'], ['user_id', 'text'], ['created_at', 'timestamptz']],
};

/** Same columns appendEvent (platform/events/outbox.ts) writes. */
export const EVENTS: TableSpec = {
  table: 'events',
  columns: [['id', 'text'], ['workspace_id', 'text'], ['name', 'text'], ['aggregate_type', 'text'], ['aggregate_id', 'text'],
    ['ticket_id', 'text'], ['actor_type', 'text'], ['actor_id', 'text'], ['channel', 'text'], ['ip', 'text'], ['payload', 'jsonb'],
    ['occurred_at', 'timestamptz']],
};

/** Same columns appendEvent writes for the audit row of a change. */
export const AUDIT: TableSpec = {
  table: 'audit_log',
  columns: [['workspace_id', 'text'], ['actor_type', 'text'], ['actor_id', 'text'], ['action', 'text'], ['entity_type', 'text'],
    ['entity_id', 'text'], ['ip', 'text'], ['user_agent', 'text'], ['request_id', 'text'], ['changes', 'jsonb'], ['occurred_at', 'timestamptz']],
};

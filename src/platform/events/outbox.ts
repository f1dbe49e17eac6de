import type { Tx } from '../db/types.js';
import { newId } from '../ids.js';
import { publishAfterCommit } from '../realtime/committed.js';

export interface AppendEvent {
  name: string;
  workspaceId: string | null;
  aggregateType: string;
  aggregateId: string;
  ticketId?: string | null;
  actorType: string;
  actorId: string | null;
  channel?: string | null;
  ip?: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

export interface AppendAudit {
  action: string;
  entityType: string;
  entityId: string;
  userAgent?: string | null;
  requestId?: string | null;
  changes: Record<string, unknown>;
}

/** One event to append, with its audit row (if any). */
export interface EventToAppend {
  event: AppendEvent;
  audit?: AppendAudit;
}

/** Events ready to go into a statement: `json` is bound as one parameter, `ids` are the event ids in order. */
export interface EventRows {
  json: string;
  ids: string[];
}

/** Serialise events (in the order given) for {@link eventCtes}; ids are generated here. */
export function eventRows(items: readonly EventToAppend[]): EventRows {
  const ids: string[] = [];
  const rows = items.map(({ event: e, audit: a }, i) => {
    const id = newId('evt', e.occurredAt);
    ids.push(id);
    return {
      ord: i,
      id,
      workspace_id: e.workspaceId,
      name: e.name,
      aggregate_type: e.aggregateType,
      aggregate_id: e.aggregateId,
      ticket_id: e.ticketId ?? null,
      actor_type: e.actorType,
      actor_id: e.actorId,
      channel: e.channel ?? null,
      ip: e.ip ?? null,
      payload: e.payload,
      occurred_at: e.occurredAt.toISOString(),
      action: a?.action ?? null,
      entity_type: a?.entityType ?? null,
      entity_id: a?.entityId ?? null,
      user_agent: a?.userAgent ?? null,
      request_id: a?.requestId ?? null,
      changes: a?.changes ?? {},
    };
  });
  return { json: JSON.stringify(rows), ids };
}

/**
 * The CTEs that append a batch of events — the event rows (seq in the order given), one delivery per
 * subscribed consumer group (ADR 0003), the audit rows, and a NOTIFY that wakes the dispatchers on commit — so a command
 * can write its own rows AND its events in ONE statement:
 *
 *   WITH t AS (INSERT …), ${eventCtes('$7::jsonb')} SELECT … FROM t
 *
 * `json` is an SQL expression of type jsonb holding {@link eventRows}' array: usually a bound parameter,
 * or that parameter completed from the statement's own CTEs (e.g. `jsonb_set($7::jsonb, '{0,payload,number}', …)`).
 * Defines the names `_evin`, `_ev` (RETURNING seq, id), `_dl` and `_au`; data-modifying CTEs always run,
 * whether or not the final SELECT reads them.
 */
export function eventCtes(json: string): string {
  return `_evin AS (
       -- pg_notify per row (collapsed to one notification per transaction); in the select list of a CTE
       -- that two data-modifying CTEs read, so it is always evaluated.
       SELECT x.*, pg_notify('sb_events', '') AS _wake
         FROM jsonb_to_recordset(${json}) AS x(ord int, id text, workspace_id text, name text, aggregate_type text,
           aggregate_id text, ticket_id text, actor_type text, actor_id text, channel text, ip text, payload jsonb,
           occurred_at timestamptz, action text, entity_type text, entity_id text, user_agent text, request_id text, changes jsonb)
     ), _ev AS (
       INSERT INTO events (id, workspace_id, name, aggregate_type, aggregate_id, ticket_id, actor_type, actor_id, channel, ip, payload, occurred_at)
       SELECT id, workspace_id, name, aggregate_type, aggregate_id, ticket_id, actor_type, actor_id, channel, ip, payload, occurred_at
         FROM _evin ORDER BY ord
       RETURNING seq, id, name, occurred_at
     ), _dl AS (
       -- one row per consumer group that wants the event (ADR 0003); a subscription without a group (older
       -- than migration 0002) gets a row of its own, as before
       INSERT INTO event_deliveries (event_seq, subscriber, run_after)
       SELECT DISTINCT _ev.seq, coalesce(s.consumer_group, s.subscriber), _ev.occurred_at
         FROM _ev JOIN event_subscriptions s ON s.event_name IN (_ev.name, '*')
        ORDER BY 1, 2 -- delivery ids follow event order
     ), _au AS (
       INSERT INTO audit_log (workspace_id, actor_type, actor_id, action, entity_type, entity_id, ip, user_agent, request_id, changes, occurred_at)
       SELECT workspace_id, actor_type, actor_id, action, entity_type, entity_id, ip, user_agent, request_id, changes, occurred_at
         FROM _evin WHERE action IS NOT NULL ORDER BY ord
     )`;
}

/**
 * Append events (seq follows the order given), fan each out to the consumer groups registered for its name,
 * and write the audit rows — one statement, inside the caller's transaction.
 */
export async function appendEvents(tx: Tx, items: readonly EventToAppend[]): Promise<Array<{ id: string; seq: number }>> {
  if (items.length === 0) return [];
  const { json, ids } = eventRows(items);
  const rows = await tx.query<{ id: string; seq: number }>(`WITH ${eventCtes('$1::jsonb')} SELECT id, seq FROM _ev`, [json]);
  const seqOf = new Map(rows.map((r) => [r.id, r.seq]));
  publishAfterCommit(tx, () => items.map(({ event: e }) => ({
    name: e.name, workspaceId: e.workspaceId, aggregateId: e.aggregateId, ticketId: e.ticketId ?? null, payload: e.payload,
  })));
  return ids.map((id) => ({ id, seq: seqOf.get(id)! }));
}

/** Append one event (and optionally its audit row): {@link appendEvents} with one item. */
export async function appendEvent(tx: Tx, e: AppendEvent, audit?: AppendAudit): Promise<{ id: string; seq: number }> {
  return (await appendEvents(tx, [{ event: e, audit }]))[0];
}

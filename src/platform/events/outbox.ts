import type { Tx } from '../db/types.js';
import { newId } from '../ids.js';

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

/**
 * Append one event, fan it out to the subscribers registered for its name, and (optionally) write
 * the audit row — one statement, inside the caller's transaction.
 */
export async function appendEvent(tx: Tx, e: AppendEvent, audit?: AppendAudit): Promise<{ id: string; seq: number }> {
  const id = newId('evt', e.occurredAt);
  const row = await tx.one<{ id: string; seq: number }>(
    `WITH ev AS (
       INSERT INTO events (id, workspace_id, name, aggregate_type, aggregate_id, ticket_id, actor_type, actor_id, channel, ip, payload, occurred_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING seq, id
     ), dl AS (
       INSERT INTO event_deliveries (event_seq, subscriber, run_after)
       SELECT ev.seq, s.subscriber, $12 FROM ev, (SELECT DISTINCT subscriber FROM event_subscriptions WHERE event_name IN ($3, '*')) s
     ), au AS (
       INSERT INTO audit_log (workspace_id, actor_type, actor_id, action, entity_type, entity_id, ip, user_agent, request_id, changes, occurred_at)
       SELECT $2, $7, $8, $13, $14, $15, $10, $16, $17, $18, $12 WHERE $13::text IS NOT NULL
     )
     -- Wake the dispatchers on commit; one notification per transaction (same payload is collapsed).
     SELECT id, seq, pg_notify('sb_events', '') IS NULL AS notified FROM ev`,
    [
      id,
      e.workspaceId,
      e.name,
      e.aggregateType,
      e.aggregateId,
      e.ticketId ?? null,
      e.actorType,
      e.actorId,
      e.channel ?? null,
      e.ip ?? null,
      JSON.stringify(e.payload),
      e.occurredAt,
      audit?.action ?? null,
      audit?.entityType ?? null,
      audit?.entityId ?? null,
      audit?.userAgent ?? null,
      audit?.requestId ?? null,
      JSON.stringify(audit?.changes ?? {}),
    ],
  );
  return { id: row.id, seq: row.seq };
}

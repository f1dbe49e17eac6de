/**
 * Collects the seeded history: one event per change (as recordChange would write it) and, where the
 * domain writes one, its audit row. Everything is sorted by time before insertion, so the events'
 * `seq` order matches `occurred_at` — exactly as if the changes had happened live.
 */
import type { EventName } from '../../shared/events.js';
import { seedId, type Rng } from './prng.js';

export interface Actor {
  type: 'user' | 'customer' | 'system';
  id: string | null;
  /** Channel the change came through (web for agents, the ticket's channel for customers, system). */
  channel: string | null;
  ip: string | null;
}

export interface EventRow {
  id: string;
  workspace_id: string;
  name: EventName;
  aggregate_type: string;
  aggregate_id: string;
  ticket_id: string | null;
  actor_type: string;
  actor_id: string | null;
  channel: string | null;
  ip: string | null;
  payload: Record<string, unknown>;
  occurred_at: string;
}

export interface AuditRow {
  workspace_id: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  ip: string | null;
  user_agent: null;
  request_id: null;
  changes: Record<string, unknown>;
  occurred_at: string;
}

export interface Change {
  name: EventName;
  aggregateType: string;
  aggregateId: string;
  ticketId?: string | null;
  actor: Actor;
  payload: Record<string, unknown>;
  at: number;
  /** false: no audit row (as the domain does for a ticket's first message); default: changes = payload. */
  audit?: false | Record<string, unknown>;
}

interface Entry {
  at: number;
  n: number;
  event: EventRow;
  audit: AuditRow | null;
}

export const SYSTEM: Actor = { type: 'system', id: null, channel: 'system', ip: null };

export class History {
  private entries: Entry[] = [];

  constructor(
    private readonly ids: Rng,
    private readonly workspaceId: string,
  ) {}

  /** Append a change; returns its event payload object (callers may fill late-known fields). */
  record(c: Change): Record<string, unknown> {
    const occurred = new Date(c.at);
    const iso = occurred.toISOString();
    const event: EventRow = {
      id: seedId(this.ids, 'evt', occurred),
      workspace_id: this.workspaceId,
      name: c.name,
      aggregate_type: c.aggregateType,
      aggregate_id: c.aggregateId,
      ticket_id: c.ticketId ?? null,
      actor_type: c.actor.type,
      actor_id: c.actor.id,
      channel: c.actor.channel,
      ip: c.actor.ip,
      payload: c.payload,
      occurred_at: iso,
    };
    const audit: AuditRow | null =
      c.audit === false
        ? null
        : {
            workspace_id: this.workspaceId,
            actor_type: c.actor.type,
            actor_id: c.actor.id,
            action: c.name,
            entity_type: c.aggregateType,
            entity_id: c.aggregateId,
            ip: c.actor.ip,
            user_agent: null,
            request_id: null,
            changes: c.audit ?? c.payload,
            occurred_at: iso,
          };
    this.entries.push({ at: c.at, n: this.entries.length, event, audit });
    return c.payload;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Events and audit rows in time order (ties keep recording order). */
  sorted(): { events: EventRow[]; audits: AuditRow[] } {
    const s = [...this.entries].sort((a, b) => a.at - b.at || a.n - b.n);
    return { events: s.map((e) => e.event), audits: s.flatMap((e) => (e.audit ? [e.audit] : [])) };
  }
}

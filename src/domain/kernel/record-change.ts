import { appendEvents, type EventToAppend } from '../../platform/events/index.js';
import type { EventName } from '../../shared/events.js';
import type { Ctx } from './context.js';

export interface Change {
  event: EventName;
  aggregateType: string;
  aggregateId: string;
  ticketId?: string | null;
  payload: Record<string, unknown>;
  /** Omit for changes that need no audit row (e.g. a login). Defaults to the event name. */
  audit?: false | { action?: string; changes?: Record<string, unknown> };
}

/**
 * The outbox rows for changes made in this context (actor, channel, IP, request id, one timestamp).
 * For commands that write their events inside their own statement (`eventCtes` in platform/events);
 * everything else calls {@link recordChange} / {@link recordChanges}.
 */
export function eventsOf(ctx: Ctx, changes: readonly Change[]): EventToAppend[] {
  const at = ctx.clock.now();
  return changes.map((c) => ({
    event: {
      name: c.event,
      workspaceId: ctx.actor.workspaceId,
      aggregateType: c.aggregateType,
      aggregateId: c.aggregateId,
      ticketId: c.ticketId ?? null,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      channel: ctx.meta.channel ?? null,
      ip: ctx.meta.ip ?? null,
      payload: c.payload,
      occurredAt: at,
    },
    audit: c.audit === false
      ? undefined
      : {
          action: c.audit?.action ?? c.event,
          entityType: c.aggregateType,
          entityId: c.aggregateId,
          userAgent: ctx.meta.userAgent ?? null,
          requestId: ctx.meta.requestId ?? null,
          changes: c.audit?.changes ?? c.payload,
        },
  }));
}

/** Append several changes' events and audit rows in the caller's transaction — one statement, in the order given. */
export async function recordChanges(ctx: Ctx, changes: readonly Change[]): Promise<string[]> {
  return (await appendEvents(ctx.tx, eventsOf(ctx, changes))).map((e) => e.id);
}

/** Append the change's event and its audit row in the caller's transaction. */
export async function recordChange(ctx: Ctx, c: Change): Promise<string> {
  return (await recordChanges(ctx, [c]))[0];
}

import { appendEvent } from '../../platform/events/index.js';
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

/** Append the change's event and its audit row in the caller's transaction. */
export async function recordChange(ctx: Ctx, c: Change): Promise<string> {
  const at = ctx.clock.now();
  const ev = await appendEvent(
    ctx.tx,
    {
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
    c.audit === false
      ? undefined
      : {
          action: c.audit?.action ?? c.event,
          entityType: c.aggregateType,
          entityId: c.aggregateId,
          userAgent: ctx.meta.userAgent ?? null,
          requestId: ctx.meta.requestId ?? null,
          changes: c.audit?.changes ?? c.payload,
        },
  );
  return ev.id;
}

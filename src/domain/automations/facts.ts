import type { Tx } from '../../platform/db/index.js';
import { TICKET_COLUMNS, type Ticket } from '../tickets/index.js';
import type { TicketFacts } from './conditions.js';

export type FactRow = Ticket & { status_since: Date };

const HOUR = 3_600_000;

/** Ticket columns plus when it entered its current status (last status change, else creation). */
export const FACT_SELECT = `SELECT ${TICKET_COLUMNS.split(',').map((c) => `t.${c.trim()}`).join(', ')},
  COALESCE((SELECT max(e.occurred_at) FROM events e WHERE e.ticket_id = t.id AND e.name = 'ticket.status_changed'), t.created_at) AS status_since
  FROM tickets t`;

export async function loadFactRow(tx: Tx, ticketId: string): Promise<FactRow | undefined> {
  return tx.maybeOne<FactRow>(`${FACT_SELECT} WHERE t.id = $1`, [ticketId]);
}

export function factsOf(t: FactRow, now: Date, event?: { name: string; actor_type: string; payload: Record<string, unknown> }): TicketFacts {
  const at = now.getTime();
  return {
    status: t.status,
    priority: t.priority,
    channel: t.channel,
    brand_id: t.brand_id,
    team_id: t.team_id,
    assignee_id: t.assignee_id,
    requester_id: t.requester_id,
    tags: t.tags,
    subject: t.subject,
    country: t.country,
    language: t.language,
    custom_fields: t.custom_fields ?? {},
    hours_since_created: (at - new Date(t.created_at).getTime()) / HOUR,
    hours_since_updated: (at - new Date(t.updated_at).getTime()) / HOUR,
    hours_in_status: (at - new Date(t.status_since).getTime()) / HOUR,
    ...(event
      ? {
          event: event.name,
          event_actor: event.actor_type,
          ...(typeof event.payload.is_public === 'boolean' ? { message_public: event.payload.is_public } : {}),
        }
      : {}),
  };
}

import type { Db } from '../../platform/db/index.js';
import type { DeliveredEvent, Subscriber } from '../../platform/events/index.js';
import { REALTIME_CHANNEL, type LiveMessage } from '../../platform/realtime/channel.js';

/** Turn ticket events into live-update notifications: two statements per batch, whatever its size. */
async function notify(events: DeliveredEvent[], db: Db): Promise<void> {
  const relevant = events.filter((e) => e.ticket_id && e.workspace_id);
  if (!relevant.length) return;
  const ids = [...new Set(relevant.map((e) => e.ticket_id!))];
  const brands = new Map(
    (await db.query<{ id: string; brand_id: string }>('SELECT id, brand_id FROM tickets WHERE id = ANY($1::text[])', [ids])).map((r) => [r.id, r.brand_id]),
  );
  const messages: string[] = [];
  for (const e of relevant) {
    const brand = brands.get(e.ticket_id!);
    if (!brand) continue;
    const msg: LiveMessage = {
      type: 'ticket.changed', workspace_id: e.workspace_id!, brand_id: brand, ticket_id: e.ticket_id!, event: e.name,
      actor_id: e.actor_id, at: new Date(e.occurred_at).toISOString(),
    };
    messages.push(JSON.stringify(msg));
  }
  if (messages.length) await db.query('SELECT count(pg_notify($1, m)) FROM unnest($2::text[]) AS m', [REALTIME_CHANNEL, messages]);
}

/** Live updates for every server process's WebSocket clients (each process LISTENs on the channel). */
export const liveUpdates: Subscriber = {
  name: 'live-updates',
  events: [
    'ticket.created', 'ticket.status_changed', 'ticket.priority_changed', 'ticket.assigned', 'ticket.team_changed',
    'ticket.tags_changed', 'ticket.fields_changed', 'ticket.merged', 'ticket.shared', 'ticket.follow_up_created', 'message.added',
    // module events that change what a ticket view shows (SLA badge, regulatory clock, SOP panel, CSAT)
    'sla.applied', 'sla.warning', 'sla.breached', 'sla.achieved', 'sop_run.step_completed', 'sop_run.completed', 'csat.rated',
  ],
  handle: (e, db) => notify([e], db),
  handleBatch: notify,
};

import type { Subscriber } from '../../platform/events/index.js';
import { REALTIME_CHANNEL, type LiveMessage } from '../../platform/realtime/channel.js';

/** Turn ticket events into live-update notifications for every server process's WebSocket clients. */
export const liveUpdates: Subscriber = {
  name: 'live-updates',
  events: [
    'ticket.created', 'ticket.status_changed', 'ticket.priority_changed', 'ticket.assigned', 'ticket.team_changed',
    'ticket.tags_changed', 'ticket.fields_changed', 'ticket.merged', 'ticket.shared', 'ticket.follow_up_created', 'message.added',
  ],
  async handle(e, db) {
    if (!e.ticket_id || !e.workspace_id) return;
    const t = await db.maybeOne<{ brand_id: string }>('SELECT brand_id FROM tickets WHERE id = $1', [e.ticket_id]);
    if (!t) return;
    const msg: LiveMessage = {
      type: 'ticket.changed', workspace_id: e.workspace_id, brand_id: t.brand_id, ticket_id: e.ticket_id, event: e.name,
      actor_id: e.actor_id, at: new Date(e.occurred_at).toISOString(),
    };
    await db.query('SELECT pg_notify($1, $2)', [REALTIME_CHANNEL, JSON.stringify(msg)]);
  },
};

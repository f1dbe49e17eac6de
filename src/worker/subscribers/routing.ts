import type { Db } from '../../platform/db/index.js';
import type { Clock } from '../../platform/clock.js';
import type { DeliveredEvent, Subscriber } from '../../platform/events/index.js';
import { requeueTeam, routeForAgent, routeTicket, drainTeams } from '../../domain/routing/index.js';
import { escalateTicket, recordEscalationAnswer } from '../../domain/escalations/index.js';
import { AppError } from '../../platform/errors.js';
import { systemActor } from '../../domain/kernel/index.js';

const FREES_CAPACITY = new Set(['pending', 'on_hold', 'solved', 'closed']);

/**
 * Routing reacts to events; nobody calls it. "Now" is the time of the event being handled, so what a
 * ticket waited for (skill fall-back) is measured the same way whatever the delivery delay; the periodic
 * sweep (sweepRoutingQueues) uses the real clock for waits that end without any event.
 */
async function handle(e: DeliveredEvent, db: Db): Promise<void> {
  if (!e.workspace_id) return;
  const ws = e.workspace_id;
  const clock: Clock = { now: () => new Date(e.occurred_at) };
  const p = e.payload;
  switch (e.name) {
    case 'ticket.created':
    case 'ticket.team_changed':
      await routeTicket(db, clock, ws, e.aggregate_id);
      return;
    case 'ticket.assigned':
      await routeTicket(db, clock, ws, e.aggregate_id);
      if (typeof p.from === 'string') await routeForAgent(db, clock, ws, p.from);
      return;
    case 'ticket.status_changed': {
      await routeTicket(db, clock, ws, e.aggregate_id);
      if (typeof p.to === 'string' && FREES_CAPACITY.has(p.to)) {
        const t = await db.maybeOne<{ assignee_id: string | null }>('SELECT assignee_id FROM tickets WHERE id = $1', [e.aggregate_id]);
        if (t?.assignee_id) await routeForAgent(db, clock, ws, t.assignee_id);
      }
      return;
    }
    case 'routing.presence_changed':
      if (p.to === 'online') await routeForAgent(db, clock, ws, String(p.user_id));
      return;
    case 'routing.agent_updated':
      await routeForAgent(db, clock, ws, String(p.user_id));
      return;
    case 'routing.team_settings_updated':
      await requeueTeam(db, clock, ws, e.aggregate_id);
      return;
    case 'team.member_added':
      await drainTeams(db, clock, ws, [e.aggregate_id]);
      return;
    case 'sla.escalation_requested': {
      // An SLA breach action asked for an escalation: open one when the team takes escalations.
      const teamId = typeof p.team_id === 'string' ? p.team_id : null;
      if (!teamId || !e.ticket_id) return;
      const ticketId = e.ticket_id;
      const reason = typeof p.reason === 'string' && p.reason.trim().length >= 3 ? p.reason : `SLA ${String(p.metric ?? 'target')} breached`;
      await db.transaction(async (tx) => {
        const target = await tx.maybeOne('SELECT 1 FROM escalation_targets WHERE team_id = $1', [teamId]);
        if (!target) return;
        await escalateTicket({ actor: systemActor(ws), tx, clock, meta: { channel: 'system' } }, ticketId, { team_id: teamId, reason }).catch((err: unknown) => {
          // already escalated to that team, or the ticket was solved meanwhile: nothing to do (idempotent)
          if (err instanceof AppError && ['ALREADY_ESCALATED', 'TICKET_NOT_OPEN'].includes(err.code)) return;
          throw err;
        });
      });
      return;
    }
    case 'message.added':
      // An internal note by a member of a team the ticket is escalated to answers that escalation.
      if (p.is_public === false && p.author_type === 'user' && e.actor_id && e.ticket_id) {
        const by = e.actor_id;
        const ticketId = e.ticket_id;
        await db.transaction((tx) => recordEscalationAnswer({ actor: systemActor(ws), tx, clock, meta: { channel: 'system' } }, ticketId, by, String(p.message_id)));
      }
      return;
  }
}

export const routingSubscriber: Subscriber = {
  name: 'routing',
  events: [
    'ticket.created', 'ticket.team_changed', 'ticket.assigned', 'ticket.status_changed',
    'routing.presence_changed', 'routing.agent_updated', 'routing.team_settings_updated', 'team.member_added', 'message.added', 'sla.escalation_requested',
  ],
  handle,
};

/** Event subscribers of the routing module. */
export const ROUTING_SUBSCRIBERS: Subscriber[] = [routingSubscriber];

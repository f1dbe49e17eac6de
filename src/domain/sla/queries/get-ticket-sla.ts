import { loadBusinessCalendars } from '../../calendars/index.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import { getTicket } from '../../tickets/index.js';
import { remaining } from '../sla-clock.js';
import { TARGET_COLUMNS, type TargetRow, type TicketSlaRow } from '../engine/target.repo.js';

export interface TicketSlaView {
  ticket_id: string;
  policy: { id: string; name: string; version: number } | null;
  calendar: { id: string | null; name: string; time_zone: string } | null;
  targets: Array<{
    metric: TargetRow['metric']; cycle: number; business: boolean; target_minutes: number; started_at: Date; due_at: Date | null;
    remaining_ms: number; state: 'running' | 'paused' | 'achieved' | 'breached' | 'stopped'; is_breached: boolean;
    warned_at: Date | null; breached_at: Date | null; achieved_at: Date | null; stopped_at: Date | null;
  }>;
  history: Array<{ policy_id: string; policy_name: string; policy_version: number; reason: string; applied_at: Date; replaced_at: Date | null }>;
}

/** The applied SLA of a ticket: live targets (with time left), finished targets, and the policy history. */
export async function getTicketSla(ctx: Ctx, ticketId: string): Promise<TicketSlaView> {
  authorize(ctx.actor, 'tickets.read');
  await getTicket(ctx, ticketId); // visibility (404 outside the actor's scope)
  const history = await ctx.tx.query<TicketSlaRow>('SELECT * FROM ticket_slas WHERE ticket_id = $1 ORDER BY applied_at, id', [ticketId]);
  const live = history.find((h) => h.replaced_at === null) ?? null;
  const targets = live
    ? await ctx.tx.query<TargetRow>(`SELECT ${TARGET_COLUMNS} FROM sla_targets WHERE ticket_sla_id = $1 ORDER BY started_at, metric, cycle`, [live.id])
    : [];
  const cals = await loadBusinessCalendars(ctx.tx, live?.calendar_id ? [live.calendar_id] : []);
  const cal = live?.calendar_id ? cals.get(live.calendar_id) ?? null : null;
  const now = ctx.clock.now();
  return {
    ticket_id: ticketId,
    policy: live ? { id: live.policy_id, name: live.policy_name, version: live.policy_version } : null,
    calendar: live ? (cal ? { id: cal.stored.id, name: cal.stored.name, time_zone: cal.stored.time_zone } : { id: null, name: 'Calendar time (24/7)', time_zone: 'UTC' }) : null,
    targets: targets.map((t) => {
      const left = remaining(t, t.business ? cal?.calendar ?? null : null, t.achieved_at ?? t.stopped_at ?? now);
      const state = t.achieved_at ? 'achieved' : t.stopped_at ? 'stopped' : t.breached_at || left < 0 ? 'breached' : t.running_since ? 'running' : 'paused';
      return {
        metric: t.metric, cycle: t.cycle, business: t.business && cal !== null, target_minutes: t.target_ms / 60_000, started_at: t.started_at, due_at: t.due_at,
        remaining_ms: Math.round(left), state, is_breached: t.breached_at !== null, warned_at: t.warned_at, breached_at: t.breached_at,
        achieved_at: t.achieved_at, stopped_at: t.stopped_at,
      };
    }),
    history: history.map((h) => ({ policy_id: h.policy_id, policy_name: h.policy_name, policy_version: h.policy_version, reason: h.reason, applied_at: h.applied_at, replaced_at: h.replaced_at })),
  };
}

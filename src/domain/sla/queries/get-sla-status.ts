import type { Tx } from '../../../platform/db/index.js';
import type { BusinessCalendar } from '../../../platform/time/index.js';
import type { SlaBadge, SlaMetric } from '../../../shared/contracts/sla.js';
import { loadBusinessCalendars } from '../../calendars/index.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import { ticketScope } from '../../tickets/index.js';
import { remaining } from '../sla-clock.js';
import { TARGET_COLUMNS, type TargetRow } from '../engine/target.repo.js';

/** One ticket's SLA at a glance: the next due live target (for lists, priority scores, badges). */
export interface SlaStatus {
  ticket_id: string;
  metric: SlaMetric;
  /** when the target is/was due; null while paused */
  due_at: Date | null;
  /** business (or calendar) ms left; negative once missed */
  remaining_ms: number;
  business: boolean;
  is_paused: boolean;
  is_warning: boolean;
  /** this target, or any earlier target of the live SLA, was breached */
  is_breached: boolean;
  policy_name: string;
}

type Row = TargetRow & { calendar_id: string | null; policy_name: string };

/** Open targets of the live SLAs of these tickets, with their calendars. */
export async function loadOpenTargets(tx: Tx, ticketIds: string[]): Promise<{ rows: Row[]; cals: Map<string, BusinessCalendar>; breachedTickets: Set<string> }> {
  if (ticketIds.length === 0) return { rows: [], cals: new Map(), breachedTickets: new Set() };
  const rows = await tx.query<Row & { any_breached: boolean }>(
    `SELECT ${TARGET_COLUMNS.replace(/(^|,\s*)(\w+)/g, '$1t.$2')}, s.calendar_id, s.policy_name,
            EXISTS (SELECT 1 FROM sla_targets b WHERE b.ticket_sla_id = s.id AND b.breached_at IS NOT NULL) AS any_breached
       FROM ticket_slas s JOIN sla_targets t ON t.ticket_sla_id = s.id
      WHERE s.ticket_id = ANY($1::text[]) AND s.replaced_at IS NULL AND t.achieved_at IS NULL AND t.stopped_at IS NULL`,
    [ticketIds],
  );
  const loaded = await loadBusinessCalendars(tx, rows.flatMap((r) => (r.calendar_id ? [r.calendar_id] : [])));
  const cals = new Map([...loaded].map(([id, c]) => [id, c.calendar]));
  return { rows, cals, breachedTickets: new Set(rows.filter((r) => r.any_breached).map((r) => r.ticket_id)) };
}

/**
 * SLA status of many tickets at `now` (default: the context clock): per ticket the next live target —
 * running targets before paused ones, least time left first. Tickets without a live SLA are absent.
 * No authorisation here: callers pass ticket ids they already scoped (lists, routing scores).
 */
export async function getSlaStatus(ctx: Ctx, ticketIds: string[], now: Date = ctx.clock.now()): Promise<Map<string, SlaStatus>> {
  const { rows, cals, breachedTickets } = await loadOpenTargets(ctx.tx, ticketIds);
  const out = new Map<string, SlaStatus>();
  for (const r of rows) {
    const cal = r.business && r.calendar_id ? cals.get(r.calendar_id) ?? null : null;
    const left = remaining(r, cal, now);
    const st: SlaStatus = {
      ticket_id: r.ticket_id, metric: r.metric, due_at: r.due_at ? new Date(r.due_at) : null, remaining_ms: Math.round(left), business: r.business && cal !== null,
      is_paused: r.running_since === null, is_warning: r.warned_at !== null || left <= r.warn_ms,
      is_breached: r.breached_at !== null || left < 0 || breachedTickets.has(r.ticket_id), policy_name: r.policy_name,
    };
    const cur = out.get(r.ticket_id);
    const better = !cur || (cur.is_paused && !st.is_paused) || (cur.is_paused === st.is_paused && st.remaining_ms < cur.remaining_ms);
    if (better) out.set(r.ticket_id, st);
  }
  return out;
}

/** The compact badge form of {@link getSlaStatus}, for ticket lists and the ticket header. */
export function toBadge(s: SlaStatus | undefined): SlaBadge | null {
  if (!s) return null;
  return {
    metric: s.metric, due_at: s.due_at?.toISOString() ?? null, remaining_ms: s.remaining_ms, business: s.business,
    state: s.remaining_ms < 0 ? 'breached' : s.is_paused ? 'paused' : s.is_warning ? 'warning' : 'ok',
  };
}

export async function getSlaBadges(ctx: Ctx, ticketIds: string[]): Promise<Map<string, SlaBadge>> {
  const st = await getSlaStatus(ctx, ticketIds);
  return new Map([...st].map(([id, s]) => [id, toBadge(s)!]));
}

/** Badges of the given tickets that the actor may see (others are silently absent). */
export async function getVisibleSlaBadges(ctx: Ctx, ticketIds: string[]): Promise<Map<string, SlaBadge>> {
  authorize(ctx.actor, 'tickets.read');
  const p: unknown[] = [ticketIds];
  const scope = ticketScope(ctx.actor, 't', p);
  const visible = await ctx.tx.query<{ id: string }>(`SELECT t.id FROM tickets t WHERE t.id = ANY($1::text[]) AND ${scope}`, p);
  return getSlaBadges(ctx, visible.map((v) => v.id));
}

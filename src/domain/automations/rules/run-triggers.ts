import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/index.js';
import type { DeliveredEvent } from '../../../platform/events/index.js';
import { recordChange, systemActor, type Ctx } from '../../kernel/index.js';
import { isProcessingRestricted } from '../../compliance/index.js';
import { loadTicketForRules } from '../ticket-for-rules.js';
import { matches } from '../conditions.js';
import { factsOf, loadFactRow } from '../facts.js';
import { fireRule } from './fire-rule.js';
import { RULE_COLS, type Rule } from './manage-rules.js';

/** Ticket events that wake triggers. */
export const TRIGGER_EVENTS = [
  'ticket.created', 'ticket.status_changed', 'ticket.priority_changed', 'ticket.assigned', 'ticket.team_changed', 'ticket.tags_changed',
  'ticket.fields_changed', 'message.added',
  // SLA clocks: "on breach, run these actions" (issue 4's "run an automation" breach action)
  'sla.warning', 'sla.breached',
] as const;

/** A chain deeper than this is a loop in all but name: stop it and say so. */
export const MAX_CHAIN_DEPTH = 5;

/**
 * Evaluate the workspace's active triggers, in position order, against the ticket as it is now and
 * the event that woke them. A trigger's changes are visible to the triggers after it. Changes made by
 * triggers wake triggers again (depth + 1) — each trigger fires at most once per ticket per chain, and
 * a chain stops at depth {@link MAX_CHAIN_DEPTH} with an `automation.loop_stopped` event.
 */
export async function runTriggers(db: Db, clock: Clock, event: DeliveredEvent): Promise<{ fired: string[] }> {
  const ticketId = event.ticket_id;
  const ws = event.workspace_id;
  if (!ticketId || !ws) return { fired: [] };
  return db.transaction(async (tx) => {
    const ctx: Ctx = { actor: systemActor(ws), tx, clock, meta: { channel: 'automation' } };
    const rules = await tx.query<Rule>(
      `SELECT ${RULE_COLS} FROM automation_rules WHERE workspace_id = $1 AND kind = 'trigger' AND active
         AND (cardinality(on_events) = 0 OR $2 = ANY(on_events)) ORDER BY position, created_at, id`,
      [ws, event.name],
    );
    if (!rules.length) return { fired: [] };
    const chain = await tx.maybeOne<{ chain_key: string; depth: number }>('SELECT chain_key, depth FROM automation_event_chain WHERE event_id = $1', [event.id]);
    const chainKey = chain?.chain_key ?? event.id;
    const depth = chain?.depth ?? 0;
    const fired: string[] = [];
    let ticket = await loadTicketForRules(tx, ticketId);
    if (!ticket || ticket.status === 'closed' || ticket.merged_into_id) return { fired };
    // GDPR Art. 18: a requester under a processing restriction is stored only, never processed by automations.
    if (await isProcessingRestricted(tx, ticket.requester_id)) return { fired };
    for (const rule of rules) {
      const row = await loadFactRow(tx, ticket.id);
      if (!row) break;
      if (!matches(factsOf(row, clock.now(), event), rule.conditions)) continue;
      if (depth >= MAX_CHAIN_DEPTH) {
        const first = await tx.maybeOne(
          `INSERT INTO automation_firings (rule_id, ticket_id, chain_key, depth, outcome, fired_at) VALUES ($1,$2,$3,$4,'loop_stopped',$5)
           ON CONFLICT (rule_id, ticket_id, chain_key) DO NOTHING RETURNING id`,
          [rule.id, ticket.id, chainKey, depth, clock.now()],
        );
        if (first) {
          await recordChange(ctx, {
            event: 'automation.loop_stopped', aggregateType: 'trigger', aggregateId: rule.id, ticketId: ticket.id,
            payload: { name: rule.name, depth, chain: chainKey, reason: `Triggers kept changing this ticket ${depth} times in a row` },
          });
        }
        continue;
      }
      const outcome = await fireRule(ctx, rule, ticket, chainKey, depth);
      if (outcome === 'applied') fired.push(rule.id);
      ticket = (await loadTicketForRules(tx, ticket.id)) ?? ticket;
      if (ticket.status === 'closed') break;
    }
    return { fired };
  });
}

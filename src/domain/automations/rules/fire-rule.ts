import type { Tx } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import type { Ticket } from '../../tickets/index.js';
import { applyActions } from '../apply-actions.js';
import type { Rule } from './manage-rules.js';

export type FireOutcome = 'applied' | 'failed' | 'skipped';

async function lastSeq(tx: Tx, ticketId: string): Promise<number> {
  return Number((await tx.one<{ s: string | number }>('SELECT COALESCE(max(seq), 0) AS s FROM events WHERE ticket_id = $1', [ticketId])).s);
}

/**
 * Fire one rule on one ticket, at most once per (rule, ticket, chain): the firing row's unique key is
 * the loop guard. Actions run in a savepoint, so a failing action (say, an invalid status change)
 * is recorded as a visible failed firing without undoing the event that woke the rule. Events the
 * actions write are tagged with the chain and depth so rules they wake know how deep they are.
 */
export async function fireRule(ctx: Ctx, rule: Rule, ticket: Ticket, chainKey: string, depth: number): Promise<FireOutcome> {
  const now = ctx.clock.now();
  const claimed = await ctx.tx.maybeOne<{ id: number }>(
    `INSERT INTO automation_firings (rule_id, ticket_id, chain_key, depth, outcome, fired_at) VALUES ($1,$2,$3,$4,'applied',$5)
     ON CONFLICT (rule_id, ticket_id, chain_key) DO NOTHING RETURNING id`,
    [rule.id, ticket.id, chainKey, depth, now],
  );
  if (!claimed) return 'skipped';
  const before = await lastSeq(ctx.tx, ticket.id);
  await ctx.tx.exec('SAVEPOINT rule_fire');
  try {
    await applyActions(ctx, ticket, rule.actions, { kind: rule.kind, id: rule.id, name: rule.name });
    await ctx.tx.exec('RELEASE SAVEPOINT rule_fire');
  } catch (err) {
    await ctx.tx.exec('ROLLBACK TO SAVEPOINT rule_fire');
    const message = err instanceof AppError ? `${err.code}: ${err.message}` : String((err as Error).message ?? err);
    await ctx.tx.query(`UPDATE automation_firings SET outcome = 'failed', detail = $2 WHERE id = $1`, [claimed.id, JSON.stringify({ error: message })]);
    await recordChange(ctx, {
      event: rule.kind === 'trigger' ? 'trigger.fired' : 'automation.fired', aggregateType: rule.kind, aggregateId: rule.id, ticketId: ticket.id,
      payload: { name: rule.name, outcome: 'failed', error: message, depth },
    });
    return 'failed';
  }
  await ctx.tx.query('UPDATE automation_rules SET fire_count = fire_count + 1 WHERE id = $1', [rule.id]);
  await recordChange(ctx, {
    event: rule.kind === 'trigger' ? 'trigger.fired' : 'automation.fired', aggregateType: rule.kind, aggregateId: rule.id, ticketId: ticket.id,
    payload: { name: rule.name, outcome: 'applied', actions: rule.actions.map((a) => a.type), depth },
  });
  await ctx.tx.query(
    `INSERT INTO automation_event_chain (event_id, chain_key, depth)
     SELECT id, $2, $3 FROM events WHERE ticket_id = $1 AND seq > $4 ON CONFLICT (event_id) DO NOTHING`,
    [ticket.id, chainKey, depth + 1, before],
  );
  return 'applied';
}

import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/index.js';
import { systemActor, type Ctx } from '../../kernel/index.js';
import { NOT_RESTRICTED_SQL } from '../../compliance/index.js';
import type { Ticket } from '../../tickets/index.js';
import { matches } from '../conditions.js';
import { FACT_SELECT, factsOf, type FactRow } from '../facts.js';
import { fireRule } from './fire-rule.js';
import { RULE_COLS, type Rule } from './manage-rules.js';

const BATCH = 500;

/**
 * The window a time-based automation fires once in. "Pending for 72 h" fires once per stay in
 * pending (a new stay is a new window); "no update for 24 h" once per last-update time (so it
 * can fire again after the ticket changes); "created 7 days ago" once per ticket.
 */
export function windowKey(rule: Rule, t: FactRow): string {
  const fields = new Set([...rule.conditions.all, ...rule.conditions.any].map((c) => c.field));
  const parts: string[] = [];
  if (fields.has('hours_in_status')) parts.push(`status:${t.status}@${new Date(t.status_since).toISOString()}`);
  if (fields.has('hours_since_updated')) parts.push(`updated@${new Date(t.updated_at).toISOString()}`);
  if (!parts.length) parts.push('once');
  return parts.join('|');
}

/**
 * Run every active time-based automation over the open tickets of every workspace, in position order,
 * in batches of {@link BATCH} tickets (one transaction per batch). Returns how many firings applied.
 */
export async function runAutomations(db: Db, clock: Clock): Promise<{ checked: number; applied: number; failed: number }> {
  const out = { checked: 0, applied: 0, failed: 0 };
  const rules = await db.query<Rule & { workspace_id: string }>(
    `SELECT ${RULE_COLS}, workspace_id FROM automation_rules WHERE kind = 'automation' AND active ORDER BY workspace_id, position, created_at, id`,
  );
  const byWorkspace = new Map<string, Rule[]>();
  for (const r of rules) byWorkspace.set(r.workspace_id, [...(byWorkspace.get(r.workspace_id) ?? []), r]);
  for (const [ws, wsRules] of byWorkspace) {
    let after = '';
    for (;;) {
      const ids = await db.query<{ id: string }>(
        // GDPR Art. 18: tickets of customers under a processing restriction are left alone
        `SELECT id FROM tickets WHERE workspace_id = $1 AND status <> 'closed' AND merged_into_id IS NULL AND id > $2 AND ${NOT_RESTRICTED_SQL('tickets.requester_id')}
          ORDER BY id LIMIT $3`,
        [ws, after, BATCH],
      );
      if (!ids.length) break;
      after = ids[ids.length - 1].id;
      await db.transaction(async (tx) => {
        const ctx: Ctx = { actor: systemActor(ws), tx, clock, meta: { channel: 'automation' } };
        const rows = await tx.query<FactRow>(`${FACT_SELECT} WHERE t.id = ANY($1::text[]) ORDER BY t.id`, [ids.map((r) => r.id)]);
        const now = clock.now();
        for (const first of rows) {
          out.checked++;
          let row: FactRow = first;
          for (const rule of wsRules) {
            if (row.status === 'closed') break;
            if (!matches(factsOf(row, now), rule.conditions)) continue;
            const outcome = await fireRule(ctx, rule, row as Ticket, `auto:${windowKey(rule, row)}`, 0);
            if (outcome === 'applied') out.applied++;
            if (outcome === 'failed') out.failed++;
            if (outcome !== 'skipped') row = (await tx.one<FactRow>(`${FACT_SELECT} WHERE t.id = $1`, [row.id])) ?? row;
          }
        }
      });
    }
  }
  return out;
}

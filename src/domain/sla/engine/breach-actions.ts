import type { Tx } from '../../../platform/db/index.js';
import type { Logger } from '../../../platform/logger.js';
import { PRIORITIES, type Priority } from '../../../shared/enums.js';
import type { BreachAction, SlaMetric } from '../../../shared/contracts/sla.js';
import { recordChange } from '../../kernel/index.js';
import { addMessage, updateTicket } from '../../tickets/index.js';
import { actionsFor, POLICY_COLUMNS, type SlaPolicy } from '../sla-policy.js';
import { systemCtx } from './session.js';

interface Breach {
  id: string;
  workspace_id: string;
  ticket_id: string;
  metric: string;
  due_at: Date;
  policy_id: string;
  policy_name: string;
}

const LABEL: Record<string, string> = { first_reply: 'first reply', next_reply: 'next reply', periodic_update: 'periodic update', resolution: 'resolution' };

async function runOne(tx: Tx, b: Breach, a: BreachAction, now: Date): Promise<void> {
  const ctx = systemCtx(tx, b.workspace_id, now);
  const what = `${LABEL[b.metric] ?? b.metric} target (policy "${b.policy_name}") was due ${new Date(b.due_at).toISOString()}`;
  const t = await tx.one<{ priority: Priority; assignee_id: string | null; team_id: string | null }>('SELECT priority, assignee_id, team_id FROM tickets WHERE id = $1', [b.ticket_id]);
  switch (a.type) {
    case 'notify': {
      const ids = [...new Set([...(a.notify_assignee !== false && t.assignee_id ? [t.assignee_id] : []), ...(a.user_ids ?? [])])];
      const names = ids.length ? (await tx.query<{ name: string }>('SELECT name FROM users WHERE id = ANY($1::text[]) ORDER BY name', [ids])).map((u) => u.name) : [];
      await addMessage(ctx, b.ticket_id, { public: false, body: `SLA breached: the ${what}.${names.length ? ` Notified: ${names.join(', ')}.` : ''}`, channel: 'system' });
      return;
    }
    case 'raise_priority': {
      const cur = PRIORITIES.indexOf(t.priority);
      const to = a.to ?? PRIORITIES[Math.min(cur + 1, PRIORITIES.length - 1)]!;
      if (PRIORITIES.indexOf(to) > cur) await updateTicket(ctx, b.ticket_id, { priority: to });
      return;
    }
    case 'reassign': {
      const change = {
        ...(a.team_id !== undefined && a.team_id !== t.team_id ? { team_id: a.team_id } : {}),
        ...(a.assignee_id !== undefined && a.assignee_id !== t.assignee_id ? { assignee_id: a.assignee_id } : {}),
      };
      if (Object.keys(change).length) await updateTicket(ctx, b.ticket_id, change);
      return;
    }
    case 'escalate':
      await recordChange(ctx, {
        event: 'sla.escalation_requested', aggregateType: 'ticket', aggregateId: b.ticket_id, ticketId: b.ticket_id,
        payload: { team_id: a.team_id, reason: a.reason, metric: b.metric, target_id: b.id, policy_id: b.policy_id },
      });
      return;
  }
}

/**
 * Run the breach actions of each breached target's policy. Each action runs in a savepoint: one that
 * fails (ticket closed meanwhile, user deactivated…) is rolled back and logged; the breach stays recorded.
 */
export async function runBreachActions(tx: Tx, breaches: Breach[], now: Date, log?: Logger): Promise<void> {
  const ids = [...new Set(breaches.map((b) => b.policy_id))];
  const policies = new Map(
    (await tx.query<SlaPolicy>(`SELECT ${POLICY_COLUMNS} FROM sla_policies WHERE id = ANY($1::text[]) AND jsonb_array_length(breach_actions) > 0`, [ids])).map((p) => [p.id, p]),
  );
  if (policies.size === 0) return;
  for (const b of breaches) {
    const p = policies.get(b.policy_id);
    if (!p) continue;
    for (const a of actionsFor(p, b.metric as SlaMetric)) {
      await tx.exec('SAVEPOINT sla_breach_action');
      try {
        await runOne(tx, b, a, now);
        await tx.exec('RELEASE SAVEPOINT sla_breach_action');
      } catch (err) {
        await tx.exec('ROLLBACK TO SAVEPOINT sla_breach_action');
        log?.warn({ err, ticket_id: b.ticket_id, action: a.type }, 'SLA breach action failed');
      }
    }
  }
}

import { authorize, type Ctx } from '../kernel/index.js';
import { ticketScope } from '../tickets/index.js';
import { ESCALATION_COLUMNS, type Escalation, type EscalationTarget } from './escalation.js';

export interface EscalationFilter {
  ticket_id?: string;
  team_id?: string;
  status?: Escalation['status'];
}

/** Escalations on tickets the actor can see (a collaborator: only the cases shared with them), newest first. */
export async function listEscalations(ctx: Ctx, f: EscalationFilter = {}): Promise<Array<Escalation & { ticket_number: number; ticket_subject: string; team_name: string; kind: string }>> {
  authorize(ctx.actor, 'tickets.read');
  const p: unknown[] = [];
  const where = [ticketScope(ctx.actor, 't', p)];
  for (const [col, v] of [['e.ticket_id', f.ticket_id], ['e.team_id', f.team_id], ['e.status', f.status]] as const) {
    if (v === undefined) continue;
    p.push(v);
    where.push(`${col} = $${p.length}`);
  }
  const cols = ESCALATION_COLUMNS.split(',').map((c) => `e.${c.trim()}`).join(', ');
  return ctx.tx.query(
    `SELECT ${cols}, t.number AS ticket_number, t.subject AS ticket_subject, tm.name AS team_name, coalesce(x.kind, 'other') AS kind
       FROM escalations e JOIN tickets t ON t.id = e.ticket_id JOIN teams tm ON tm.id = e.team_id
       LEFT JOIN escalation_targets x ON x.team_id = e.team_id
      WHERE ${where.join(' AND ')} ORDER BY e.created_at DESC, e.id DESC LIMIT 500`,
    p,
  );
}

/** Teams one can escalate to, with what they require. */
export async function listEscalationTargets(ctx: Ctx): Promise<Array<EscalationTarget & { name: string }>> {
  authorize(ctx.actor, 'tickets.read');
  return ctx.tx.query(
    `SELECT x.team_id, tm.name, x.kind, x.required_fields, x.response_minutes, x.resolution_minutes, x.updated_at
       FROM escalation_targets x JOIN teams tm ON tm.id = x.team_id WHERE x.workspace_id = $1 ORDER BY tm.name`,
    [ctx.actor.workspaceId],
  );
}

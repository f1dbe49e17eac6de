import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { addBusinessTime, type BusinessCalendar } from '../../../platform/time/index.js';
import { resolveBusinessCalendar } from '../../calendars/index.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { getTicket, shareTicket } from '../../tickets/index.js';
import { ESCALATION_COLUMNS, checkRequiredFields, type Escalation, type EscalationTarget } from '../escalation.js';

export interface EscalateTicketInput {
  team_id: string;
  reason: string;
  fields?: Record<string, unknown>;
  /** Collaborators of the target team to share the case with; default: all of the team's collaborators. */
  collaborator_ids?: string[];
}

/** Due time of a target: business minutes of the target team's calendar when it has one, else calendar minutes. */
const addMinutes = (d: Date, m: number | null, cal: BusinessCalendar | null) =>
  (m ? (cal ? addBusinessTime(d, m * 60_000, cal) : new Date(d.getTime() + m * 60_000)) : null);

/**
 * Escalate a ticket to another team. The ticket keeps its assignee (the customer-facing owner) and its team;
 * the target team's collaborators get a share (they see this case and nothing else, and answer with internal
 * notes). The target team's own response/resolution targets become due dates on the escalation (in the business
 * hours of the team's calendar when there is one), and the `escalation.created` event carries them.
 */
export async function escalateTicket(ctx: Ctx, ticketId: string, input: EscalateTicketInput): Promise<Escalation> {
  const t = await getTicket(ctx, ticketId); // 404 outside the actor's scope
  const reason = input.reason?.trim() ?? '';
  if (reason.length < 3) throw invalid('ESCALATION_REASON_REQUIRED', 'Say why the case is escalated (at least 3 characters)');
  if (reason.length > 5000) throw invalid('ESCALATION_REASON_TOO_LONG', 'The reason is at most 5,000 characters');
  if (t.status === 'closed' || t.status === 'solved') throw conflict('TICKET_NOT_OPEN', `Ticket #${t.number} is ${t.status}; reopen it before escalating`);
  const target = await ctx.tx.maybeOne<EscalationTarget>(
    'SELECT team_id, kind, required_fields, response_minutes, resolution_minutes, updated_at FROM escalation_targets WHERE team_id = $1 AND workspace_id = $2',
    [input.team_id, ctx.actor.workspaceId],
  );
  if (!target) throw notFound('ESCALATION_TARGET_NOT_FOUND', 'Escalation target team');
  const open = await ctx.tx.maybeOne("SELECT 1 FROM escalations WHERE ticket_id = $1 AND team_id = $2 AND status IN ('open','answered')", [t.id, input.team_id]);
  if (open) throw conflict('ALREADY_ESCALATED', `Ticket #${t.number} already has an open escalation to this team`);
  // An automatic escalation (an SLA breach action, actor = system) cannot fill in what a person would:
  // it goes through without the required fields, and says which ones are missing.
  const automatic = ctx.actor.type === 'system';
  const missing = automatic ? target.required_fields.filter((f) => input.fields?.[f.key] === undefined).map((f) => f.key) : [];
  const fields = checkRequiredFields(target.required_fields.filter((f) => !missing.includes(f.key)), input.fields ?? {});
  const members = await ctx.tx.query<{ id: string }>(
    `SELECT u.id FROM team_members m JOIN users u ON u.id = m.user_id
      WHERE m.team_id = $1 AND u.role = 'collaborator' AND u.is_active ORDER BY u.id`,
    [input.team_id],
  );
  const memberIds = members.map((m) => m.id);
  const shareWith = input.collaborator_ids ?? memberIds;
  const outsiders = shareWith.filter((id) => !memberIds.includes(id));
  if (outsiders.length) throw invalid('NOT_A_TEAM_COLLABORATOR', `Not collaborators of the target team: ${outsiders.join(', ')}`);
  for (const uid of shareWith) await shareTicket(ctx, t.id, uid);
  const now = ctx.clock.now();
  // the target team's own hours: its team calendar, else the workspace's default calendar, else 24/7
  const cal = await resolveBusinessCalendar(ctx.tx, { workspace_id: ctx.actor.workspaceId, team_id: input.team_id });
  const e = await ctx.tx.one<Escalation>(
    `INSERT INTO escalations (id, workspace_id, ticket_id, team_id, reason, fields, status, owner_id, created_by, shared_with,
       response_due_at, resolution_due_at, created_at)
     VALUES ($1,$2,$3,$4,$5,$6::jsonb,'open',$7,$8,$9,$10,$11,$12) RETURNING ${ESCALATION_COLUMNS}`,
    [newId('esc', now), ctx.actor.workspaceId, t.id, input.team_id, reason, JSON.stringify(fields), t.assignee_id, ctx.actor.type === 'user' ? ctx.actor.id : null,
      shareWith, addMinutes(now, target.response_minutes, cal?.calendar ?? null), addMinutes(now, target.resolution_minutes, cal?.calendar ?? null), now],
  );
  await recordChange(ctx, {
    event: 'escalation.created', aggregateType: 'escalation', aggregateId: e.id, ticketId: t.id,
    payload: {
      escalation_id: e.id, team_id: e.team_id, kind: target.kind, reason, fields, owner_id: e.owner_id, shared_with: shareWith, automatic,
      ...(missing.length ? { fields_missing: missing } : {}),
      // The target team's own clock: business minutes of its calendar (`calendar_id`), or calendar minutes without one.
      sla: {
        response_minutes: target.response_minutes, resolution_minutes: target.resolution_minutes, response_due_at: e.response_due_at, resolution_due_at: e.resolution_due_at,
        business: cal !== null, calendar_id: cal?.stored.id ?? null,
      },
    },
  });
  return e;
}

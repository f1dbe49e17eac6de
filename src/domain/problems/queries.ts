import { notFound } from '../../platform/errors.js';
import { authorize, type Ctx } from '../kernel/index.js';
import { getTicket, ticketScope } from '../tickets/index.js';
import { PROBLEM_COLUMNS, type Problem, type TrackerLink } from './problem.js';
import { loadProblem } from './commands/manage-problem.js';

export async function listProblems(ctx: Ctx, f: { status?: 'open' | 'solved' } = {}): Promise<Array<Problem & { ticket_count: number; open_ticket_count: number }>> {
  authorize(ctx.actor, 'tickets.read');
  // Collaborators see only problems linked to a case shared with them.
  const params: unknown[] = [];
  const visible = ctx.actor.role === 'collaborator'
    ? `AND EXISTS (SELECT 1 FROM problem_tickets pt JOIN tickets t ON t.id = pt.ticket_id WHERE pt.problem_id = p.id AND ${ticketScope(ctx.actor, 't', params)})`
    : '';
  const base = params.length;
  return ctx.tx.query(
    `SELECT ${PROBLEM_COLUMNS.split(', ').map((c) => `p.${c}`).join(', ')},
            (SELECT count(*)::int FROM problem_tickets pt WHERE pt.problem_id = p.id) AS ticket_count,
            (SELECT count(*)::int FROM problem_tickets pt JOIN tickets t ON t.id = pt.ticket_id
              WHERE pt.problem_id = p.id AND t.status NOT IN ('solved','closed')) AS open_ticket_count
       FROM problems p WHERE p.workspace_id = $${base + 1} AND ($${base + 2}::text IS NULL OR p.status = $${base + 2}) ${visible}
      ORDER BY p.status, p.updated_at DESC LIMIT 500`,
    [...params, ctx.actor.workspaceId, f.status ?? null],
  );
}

export interface ProblemDetail extends Problem {
  tickets: Array<{ id: string; number: number; subject: string; status: string; requester_id: string; linked_at: Date }>;
  trackers: Array<TrackerLink & { integration_name: string }>;
}

/** A problem with its linked tickets (those in the actor's scope) and tracker links. */
export async function getProblem(ctx: Ctx, id: string): Promise<ProblemDetail> {
  authorize(ctx.actor, 'tickets.read');
  const p = await loadProblem(ctx, id);
  const params: unknown[] = [id];
  const scope = ticketScope(ctx.actor, 't', params);
  const tickets = await ctx.tx.query<ProblemDetail['tickets'][number]>(
    `SELECT t.id, t.number, t.subject, t.status, t.requester_id, pt.linked_at FROM problem_tickets pt JOIN tickets t ON t.id = pt.ticket_id
      WHERE pt.problem_id = $1 AND ${scope} ORDER BY t.number`,
    params,
  );
  if (ctx.actor.role === 'collaborator' && tickets.length === 0) throw notFound('PROBLEM_NOT_FOUND', 'Problem');
  const trackers = await ctx.tx.query<ProblemDetail['trackers'][number]>(
    `SELECT l.*, i.name AS integration_name FROM problem_tracker_links l JOIN tracker_integrations i ON i.id = l.integration_id
      WHERE l.problem_id = $1 ORDER BY l.external_key`,
    [id],
  );
  return { ...p, tickets, trackers };
}

/** The problem a ticket is linked to, if any (for the ticket page). */
export async function problemOfTicket(ctx: Ctx, ticketId: string): Promise<Problem | null> {
  authorize(ctx.actor, 'tickets.read');
  await getTicket(ctx, ticketId); // 404 outside the actor's scope
  const row = await ctx.tx.maybeOne<Problem>(
    `SELECT ${PROBLEM_COLUMNS.split(', ').map((c) => `p.${c}`).join(', ')} FROM problem_tickets pt JOIN problems p ON p.id = pt.problem_id
      WHERE pt.ticket_id = $1 AND p.workspace_id = $2`,
    [ticketId, ctx.actor.workspaceId],
  );
  return row ?? null;
}

export async function listTrackerIntegrations(ctx: Ctx): Promise<Array<{ id: string; name: string; created_at: Date }>> {
  authorize(ctx.actor, 'tickets.read');
  return ctx.tx.query('SELECT id, name, created_at FROM tracker_integrations WHERE workspace_id = $1 ORDER BY name', [ctx.actor.workspaceId]);
}

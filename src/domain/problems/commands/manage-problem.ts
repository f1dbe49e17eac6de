import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { getTicket } from '../../tickets/index.js';
import { PROBLEM_COLUMNS, type Problem } from '../problem.js';

export async function loadProblem(ctx: Ctx, id: string, lock = false): Promise<Problem> {
  const p = await ctx.tx.maybeOne<Problem>(`SELECT ${PROBLEM_COLUMNS} FROM problems WHERE id = $1 AND workspace_id = $2${lock ? ' FOR UPDATE' : ''}`, [
    id, ctx.actor.workspaceId,
  ]);
  if (!p) throw notFound('PROBLEM_NOT_FOUND', 'Problem');
  return p;
}

/** Open a problem (incident / bug) that many tickets can link to. */
export async function createProblem(ctx: Ctx, input: { title: string; description?: string; ticket_ids?: string[] }): Promise<Problem> {
  authorize(ctx.actor, 'tickets.write');
  const title = input.title?.trim() ?? '';
  if (!title) throw invalid('TITLE_REQUIRED', 'A problem needs a title');
  if (title.length > 300) throw invalid('TITLE_TOO_LONG', 'The title is at most 300 characters');
  const now = ctx.clock.now();
  const p = await ctx.tx.one<Problem>(
    `INSERT INTO problems (id, workspace_id, title, description, status, created_by, created_at, updated_at)
     VALUES ($1,$2,$3,$4,'open',$5,$6,$6) RETURNING ${PROBLEM_COLUMNS}`,
    [newId('prb', now), ctx.actor.workspaceId, title, (input.description ?? '').slice(0, 20_000), ctx.actor.type === 'user' ? ctx.actor.id : null, now],
  );
  await recordChange(ctx, { event: 'problem.created', aggregateType: 'problem', aggregateId: p.id, payload: { title } });
  if (input.ticket_ids?.length) await linkTickets(ctx, p.id, input.ticket_ids);
  return p;
}

/** Link tickets (each visible to the actor, not closed, not linked to another problem). All or nothing. */
export async function linkTickets(ctx: Ctx, problemId: string, ticketIds: string[]): Promise<number> {
  authorize(ctx.actor, 'tickets.write');
  const p = await loadProblem(ctx, problemId, true);
  if (p.status === 'solved') throw conflict('PROBLEM_SOLVED', 'The problem is solved; open a new one');
  if (ticketIds.length > 1000) throw invalid('TOO_MANY_TICKETS', 'Link at most 1,000 tickets at a time');
  let n = 0;
  for (const id of new Set(ticketIds)) {
    const t = await getTicket(ctx, id);
    if (t.status === 'closed') throw conflict('TICKET_CLOSED', `Ticket #${t.number} is closed`);
    const other = await ctx.tx.maybeOne<{ problem_id: string }>('SELECT problem_id FROM problem_tickets WHERE ticket_id = $1', [id]);
    if (other?.problem_id === problemId) continue;
    if (other) throw conflict('TICKET_ALREADY_LINKED', `Ticket #${t.number} is already linked to another problem`, { problem_id: other.problem_id });
    await ctx.tx.query('INSERT INTO problem_tickets (problem_id, ticket_id, linked_at) VALUES ($1,$2,$3)', [problemId, id, ctx.clock.now()]);
    // No ticket_id on the event: linking does not change the ticket (its history stays its own); the payload names it.
    await recordChange(ctx, { event: 'problem.ticket_linked', aggregateType: 'problem', aggregateId: problemId, payload: { problem_id: problemId, ticket_id: id } });
    n++;
  }
  if (n) await ctx.tx.query('UPDATE problems SET updated_at = $2 WHERE id = $1', [problemId, ctx.clock.now()]);
  return n;
}

export async function unlinkTicket(ctx: Ctx, problemId: string, ticketId: string): Promise<void> {
  authorize(ctx.actor, 'tickets.write');
  await loadProblem(ctx, problemId, true);
  await getTicket(ctx, ticketId);
  const gone = await ctx.tx.maybeOne('DELETE FROM problem_tickets WHERE problem_id = $1 AND ticket_id = $2 RETURNING 1', [problemId, ticketId]);
  if (!gone) throw notFound('TICKET_NOT_LINKED', 'Linked ticket');
  await recordChange(ctx, { event: 'problem.ticket_unlinked', aggregateType: 'problem', aggregateId: problemId, payload: { problem_id: problemId, ticket_id: ticketId } });
}

import { conflict, invalid } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { addMessage, ticketScope } from '../../tickets/index.js';
import type { Problem } from '../problem.js';
import { loadProblem } from './manage-problem.js';

export interface FanOutResult {
  problem: Problem;
  /** tickets that received the message */
  ticket_ids: string[];
  /** linked tickets left alone: closed, already solved (for updates: solved stays solved), or outside the actor's scope */
  skipped: number;
}

/** Linked tickets the actor can write to, that are still open (not solved/closed), locked in a stable order. */
async function openLinked(ctx: Ctx, problemId: string): Promise<{ ids: string[]; total: number }> {
  const p: unknown[] = [problemId];
  const scope = ticketScope(ctx.actor, 't', p);
  const rows = await ctx.tx.query<{ id: string; writable: boolean }>(
    `SELECT t.id, (t.status NOT IN ('solved','closed') AND ${scope}) AS writable
       FROM problem_tickets pt JOIN tickets t ON t.id = pt.ticket_id WHERE pt.problem_id = $1 ORDER BY t.id`,
    p,
  );
  return { ids: rows.filter((r) => r.writable).map((r) => r.id), total: rows.length };
}

function body(text: string | undefined): string {
  const b = text?.trim() ?? '';
  if (!b) throw invalid('BODY_REQUIRED', 'The message to the customers is required');
  return b;
}

/**
 * Push an update on the problem to every linked customer: one public reply per linked open ticket, through the
 * tickets module (each writes its `message.added` event; channels deliver it). One transaction: all or none.
 */
export async function postProblemUpdate(ctx: Ctx, problemId: string, input: { body: string }): Promise<FanOutResult> {
  authorize(ctx.actor, 'tickets.reply_public');
  const text = body(input.body);
  const problem = await loadProblem(ctx, problemId, true);
  if (problem.status === 'solved') throw conflict('PROBLEM_SOLVED', 'The problem is solved');
  const { ids, total } = await openLinked(ctx, problemId);
  for (const id of ids) await addMessage(ctx, id, { public: true, body: text });
  await ctx.tx.query('UPDATE problems SET updated_at = $2 WHERE id = $1', [problemId, ctx.clock.now()]);
  await recordChange(ctx, { event: 'problem.update_posted', aggregateType: 'problem', aggregateId: problemId, payload: { tickets: ids.length, skipped: total - ids.length } });
  return { problem, ticket_ids: ids, skipped: total - ids.length };
}

/** Solve the problem; with a message, every linked open ticket gets it as a public reply and is solved with it. */
export async function solveProblem(ctx: Ctx, problemId: string, input: { body?: string; solve_tickets?: boolean }): Promise<FanOutResult> {
  authorize(ctx.actor, 'tickets.write');
  const solveTickets = input.solve_tickets ?? true;
  const text = solveTickets ? body(input.body) : input.body?.trim();
  const cur = await loadProblem(ctx, problemId, true);
  if (cur.status === 'solved') throw conflict('PROBLEM_SOLVED', 'The problem is already solved');
  const { ids, total } = solveTickets ? await openLinked(ctx, problemId) : { ids: [], total: 0 };
  if (ids.length) authorize(ctx.actor, 'tickets.reply_public');
  for (const id of ids) await addMessage(ctx, id, { public: true, body: text!, status: 'solved' });
  const now = ctx.clock.now();
  const problem = await ctx.tx.one<Problem>(
    "UPDATE problems SET status = 'solved', solved_at = $2, updated_at = $2 WHERE id = $1 RETURNING id, workspace_id, title, description, status, created_by, created_at, updated_at, solved_at",
    [problemId, now],
  );
  await recordChange(ctx, { event: 'problem.solved', aggregateType: 'problem', aggregateId: problemId, payload: { tickets_solved: ids.length, skipped: total - ids.length } });
  return { problem, ticket_ids: ids, skipped: total - ids.length };
}

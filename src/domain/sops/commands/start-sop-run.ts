import { newId } from '../../../platform/ids.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { getTicket } from '../../tickets/index.js';
import { pickSop } from '../assignment.js';
import { newRun } from '../engine.js';
import { loadActiveSops, loadTicketFacts, RUN_COLS, type SopRun } from '../repo.js';
import { runSopEngine } from './run-sop-engine.js';

/**
 * Attach the SOP that applies to a ticket (if any) and run its first steps as far as they go without a human.
 * Idempotent: a ticket that has a run keeps it — a ticket stays on the version it started with, whatever is
 * launched, promoted or rolled back later. Solved or closed tickets get no new run.
 */
export async function startSopRun(ctx: Ctx, ticketId: string, opts: { mode?: 'human' | 'auto' } = {}): Promise<SopRun | null> {
  await getTicket(ctx, ticketId); // scope: 404 when the actor cannot see the ticket
  const existing = await ctx.tx.maybeOne<SopRun>(`SELECT ${RUN_COLS} FROM sop_runs WHERE ticket_id = $1 ORDER BY started_at LIMIT 1`, [ticketId]);
  if (existing) return existing;
  const facts = await loadTicketFacts(ctx.tx, ticketId);
  if (facts.status === 'solved' || facts.status === 'closed') return null;
  const { sops, definitions } = await loadActiveSops(ctx.tx, ctx.actor.workspaceId);
  const pick = pickSop(sops, facts);
  if (!pick) return null;
  const def = definitions.get(pick.versionId)!;
  const now = ctx.clock.now();
  const state = newRun(def);
  const run = await ctx.tx.maybeOne<SopRun>(
    `INSERT INTO sop_runs (id, workspace_id, ticket_id, sop_id, version_id, arm, mode, status, state, started_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) ON CONFLICT (ticket_id, sop_id) DO NOTHING RETURNING ${RUN_COLS}`,
    [newId('sopx', now), ctx.actor.workspaceId, ticketId, pick.sopId, pick.versionId, pick.arm, opts.mode ?? 'human', state.status, JSON.stringify(state), now],
  );
  if (!run) return ctx.tx.one<SopRun>(`SELECT ${RUN_COLS} FROM sop_runs WHERE ticket_id = $1 AND sop_id = $2`, [ticketId, pick.sopId]);
  await recordChange(ctx, {
    event: 'sop_run.started', aggregateType: 'sop_run', aggregateId: run.id, ticketId,
    payload: { sop_id: pick.sopId, version_id: pick.versionId, arm: pick.arm, bucket: pick.bucket, mode: run.mode },
  });
  return runSopEngine(ctx, run, def, state);
}

import { AppError, forbidden } from '../../../platform/errors.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import { getTicket } from '../../tickets/index.js';
import { retryRun, skipStep } from '../engine.js';
import { definitionOf, loadRun, type SopRun } from '../repo.js';
import { runSopEngine } from './run-sop-engine.js';

export type StepAction =
  | { action: 'complete'; step: string; input?: unknown }
  | { action: 'skip'; step: string; reason: string }
  | { action: 'override'; step: string; reason: string }
  | { action: 'retry' };

async function loadForWrite(ctx: Ctx, runId: string): Promise<SopRun> {
  authorize(ctx.actor, 'tickets.write');
  const run = await loadRun(ctx.tx, ctx.actor.workspaceId, runId, true);
  await getTicket(ctx, run.ticket_id);
  return run;
}

/**
 * A human works the SOP on a ticket: complete the current step (check it off, answer the decision, fill the
 * fields, send the reply, take the action), skip it with a reason, override a required step (supervisors,
 * with a reason), or retry a failed step. Whatever follows without a human runs at once.
 */
export async function actOnSopStep(ctx: Ctx, runId: string, a: StepAction): Promise<SopRun> {
  const run = await loadForWrite(ctx, runId);
  const def = await definitionOf(ctx.tx, run.version_id);
  if (a.action === 'retry') {
    const failedStep = run.state.error?.step;
    // Retrying is the human's go-ahead for the failed step (a reply or an action needs one in guided mode).
    return runSopEngine(ctx, run, def, retryRun(run.state), { inputs: failedStep ? { [failedStep]: true } : {} });
  }
  if (run.state.cursor !== a.step) {
    throw new AppError('SOP_STEP_NOT_CURRENT', `Step "${a.step}" is not the current step${run.state.cursor ? ` (it is "${run.state.cursor}")` : ' (the SOP is finished)'}`, 'conflict', { current: run.state.cursor });
  }
  if (run.status === 'failed' && a.action === 'complete') {
    // New input for the failed step (say, a value the ticket's field refused) is a retry with that input.
    if (a.input === undefined || run.state.error?.step !== a.step) throw new AppError('SOP_STEP_FAILED', `Step "${a.step}" failed: ${run.state.error?.message ?? ''}. Retry it, give new input, or skip it with a reason`, 'conflict');
    return runSopEngine(ctx, run, def, retryRun(run.state), { inputs: { [a.step]: a.input } });
  }
  if (run.status === 'waiting' && a.action === 'complete') throw new AppError('SOP_STEP_WAITING', `Step "${a.step}" is waiting${run.state.wait?.until ? ` until ${run.state.wait.until}` : ''}`, 'conflict');
  const env = { ticket: { id: run.ticket_id } as never, now: () => ctx.clock.now(), mode: run.mode, actorId: ctx.actor.id };
  if (a.action === 'skip') return runSopEngine(ctx, run, def, skipStep(def, run.state, a.step, a.reason, env, false));
  if (a.action === 'override') {
    if (ctx.actor.role !== 'supervisor' && ctx.actor.role !== 'admin') throw forbidden('Only supervisors and admins may override a required step', 'SOP_OVERRIDE_FORBIDDEN');
    return runSopEngine(ctx, run, def, skipStep(def, run.state, a.step, a.reason, env, true));
  }
  return runSopEngine(ctx, run, def, run.state, { inputs: { [a.step]: a.input ?? true } });
}

import { forbidden } from '../../platform/errors.js';
import { recordChanges, registerStatusGuard, type StatusGuard } from '../kernel/index.js';
import { openRequiredSteps } from './engine.js';
import type { Step } from './model.js';
import { definitionOf, RUN_COLS, saveRun, type SopRun } from './repo.js';

/**
 * The SOP solve guard (registered with the kernel's status guards): a ticket cannot be solved while a
 * required step of its SOP is open — open meaning not done and on every path from the current step to the
 * end. Supervisors and admins may override with a reason; the open steps are then recorded as "overridden".
 */
export const sopSolveGuard: StatusGuard = async (ctx, change) => {
  if (change.to !== 'solved' && change.to !== 'closed') return [];
  const runs = await ctx.tx.query<SopRun>(`SELECT ${RUN_COLS} FROM sop_runs WHERE ticket_id = $1 AND status NOT IN ('completed','handed_off') FOR UPDATE`, [change.ticketId]);
  const open: Array<{ run: SopRun; steps: Array<{ id: string; title: string; type: Step['type'] }>; sop: string }> = [];
  for (const run of runs) {
    const def = await definitionOf(ctx.tx, run.version_id);
    const steps = openRequiredSteps(def, run.state).map((s) => ({ id: s.id, title: s.title, type: s.type }));
    if (steps.length) open.push({ run, steps, sop: def.name });
  }
  if (!open.length) return [];
  if (!change.overrideReason) {
    return open.map((o) => ({
      message: `${o.sop}: required step${o.steps.length > 1 ? 's' : ''} still open: ${o.steps.map((s) => `"${s.title}"`).join(', ')}`,
      detail: { sop_run_id: o.run.id, open_steps: o.steps.map((s) => ({ id: s.id, title: s.title })) },
    }));
  }
  if (ctx.actor.role !== 'supervisor' && ctx.actor.role !== 'admin') {
    throw forbidden('Only supervisors and admins may solve a ticket with required SOP steps open', 'SOP_OVERRIDE_FORBIDDEN');
  }
  const at = ctx.clock.now();
  for (const o of open) {
    const state = structuredClone(o.run.state);
    for (const s of o.steps) {
      state.done[s.id] = 'overridden';
      state.trace.push({ seq: state.trace.length + 1, step: s.id, type: s.type, outcome: 'overridden', attempt: 1, reason: change.overrideReason, by: 'human', actor_id: ctx.actor.id, at: at.toISOString(), duration_ms: 0 });
    }
    await saveRun(ctx.tx, o.run, state, at);
    await recordChanges(ctx, [{
      event: 'sop_run.overridden', aggregateType: 'sop_run', aggregateId: o.run.id, ticketId: change.ticketId,
      payload: { sop_id: o.run.sop_id, version_id: o.run.version_id, steps: o.steps.map((s) => s.id), reason: change.overrideReason, on: 'solve' },
    }]);
  }
  return [];
};

registerStatusGuard('sops', sopSolveGuard);

import { recordChanges, type Change, type Ctx } from '../../kernel/index.js';
import type { EventName } from '../../../shared/events.js';
import { TicketEffectPort } from '../db-port.js';
import { advance, type EngineEnv, type RunState, type TraceEntry } from '../engine.js';
import { loadTicketFacts, saveRun, type SopRun } from '../repo.js';
import type { SopDefinition } from '../model.js';

const EVENT_OF: Partial<Record<TraceEntry['outcome'], EventName>> = {
  done: 'sop_run.step_completed',
  skipped: 'sop_run.step_skipped',
  overridden: 'sop_run.overridden',
  failed: 'sop_run.step_failed',
  handed_off: 'sop_run.handed_off',
};

/** One event per new trace entry (the run's history on the ticket), plus "completed" when it ends. */
export function traceChanges(run: SopRun, before: RunState, after: RunState): Change[] {
  const changes: Change[] = after.trace.slice(before.trace.length).flatMap((t): Change[] => {
    const event = EVENT_OF[t.outcome];
    if (!event) return [];
    return [{
      event, aggregateType: 'sop_run', aggregateId: run.id, ticketId: run.ticket_id,
      payload: { sop_id: run.sop_id, version_id: run.version_id, step: t.step, outcome: t.outcome, attempt: t.attempt, reason: t.reason ?? null, duration_ms: t.duration_ms },
    }];
  });
  if (after.status === 'completed' && before.status !== 'completed') {
    changes.push({ event: 'sop_run.completed', aggregateType: 'sop_run', aggregateId: run.id, ticketId: run.ticket_id, payload: { sop_id: run.sop_id, version_id: run.version_id } });
  }
  return changes;
}

/** Advance a run against the live ticket (effects through the tickets module), save it and write its events. */
export async function runSopEngine(
  ctx: Ctx, run: SopRun, def: SopDefinition, state: RunState, opts: { inputs?: Record<string, unknown>; mode?: 'human' | 'auto'; event?: string } = {},
): Promise<SopRun> {
  const facts = await loadTicketFacts(ctx.tx, run.ticket_id);
  const port = new TicketEffectPort(ctx, run.ticket_id, run.id);
  const env: EngineEnv = {
    ticket: facts, now: () => ctx.clock.now(), mode: opts.mode ?? run.mode, actorId: ctx.actor.id, agentName: ctx.actor.name ?? null, event: opts.event,
  };
  const next = await advance(def, state, env, port, opts.inputs ?? {});
  const saved = await saveRun(ctx.tx, run, next, ctx.clock.now(), { escalated: port.escalated });
  const changes = traceChanges(run, run.state, next);
  if (changes.length) await recordChanges(ctx, changes);
  return saved;
}

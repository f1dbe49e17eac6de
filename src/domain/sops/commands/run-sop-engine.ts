import { AppError } from '../../../platform/errors.js';
import { recordChanges, type Change, type Ctx } from '../../kernel/index.js';
import type { EventName } from '../../../shared/events.js';
import { TicketEffectPort } from '../db-port.js';
import { advance, StepFailure, type Effect, type EffectPort, type EngineEnv, type RunState, type TraceEntry } from '../engine.js';
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

/**
 * Each effect in its own savepoint: when the tickets module refuses it (a value the ticket's custom field does
 * not accept, a reply to a restricted customer, a status guard…), its writes are undone and the step fails
 * visibly with the module's code and message — instead of the whole transaction failing, which would leave an
 * unattended run (worker, resume sweep) without a trace, or an agent unable to get past an unattended step.
 */
export class GuardedEffectPort implements EffectPort {
  constructor(private readonly ctx: Ctx, private readonly inner: EffectPort) {}

  async apply(effect: Effect, key: string): Promise<unknown> {
    await this.ctx.tx.exec('SAVEPOINT sop_effect');
    try {
      const out = await this.inner.apply(effect, key);
      await this.ctx.tx.exec('RELEASE SAVEPOINT sop_effect');
      return out;
    } catch (e) {
      await this.ctx.tx.exec('ROLLBACK TO SAVEPOINT sop_effect');
      await this.ctx.tx.exec('RELEASE SAVEPOINT sop_effect');
      if (e instanceof AppError) throw new StepFailure(`${e.code}: ${e.message}`, false);
      throw e;
    }
  }
}

/** Advance a run against the live ticket (effects through the tickets module), save it and write its events. */
export async function runSopEngine(
  ctx: Ctx, run: SopRun, def: SopDefinition, state: RunState, opts: { inputs?: Record<string, unknown>; mode?: 'human' | 'auto'; event?: string } = {},
): Promise<SopRun> {
  const facts = await loadTicketFacts(ctx.tx, run.ticket_id);
  // The idempotency base of HTTP actions: the ticket and the SOP (one run each, by a unique key), not the run id —
  // a run created in a transaction that crashed after an HTTP call is created again under a new id, and its
  // retried call must carry the same Idempotency-Key so the remote side can deduplicate it.
  const port = new TicketEffectPort(ctx, run.ticket_id, `${run.ticket_id}:${run.sop_id}`);
  const env: EngineEnv = {
    ticket: facts, now: () => ctx.clock.now(), mode: opts.mode ?? run.mode, actorId: ctx.actor.id, agentName: ctx.actor.name ?? null, event: opts.event,
  };
  const next = await advance(def, state, env, new GuardedEffectPort(ctx, port), opts.inputs ?? {});
  const saved = await saveRun(ctx.tx, run, next, ctx.clock.now(), { escalated: port.escalated });
  const changes = traceChanges(run, run.state, next);
  if (changes.length) await recordChanges(ctx, changes);
  return saved;
}

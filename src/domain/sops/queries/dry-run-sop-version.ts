import { authorize, type Ctx } from '../../kernel/index.js';
import { matchesAppliesWhen } from '../conditions.js';
import { advance, newRun, type Effect, type EffectPort, type RunState } from '../engine.js';
import { loadVersion, recentTicketFacts } from '../repo.js';

/** Records what a run would do; HTTP actions are not called (their saved values read "(dry run)"). */
class DryRunPort implements EffectPort {
  effects: Effect[] = [];
  async apply(effect: Effect): Promise<unknown> {
    this.effects.push(effect);
    return effect.kind === 'http' ? new Proxy({}, { get: () => '(dry run)' }) : undefined;
  }
}

export interface DryRunTicket {
  ticket_id: string;
  number: number;
  baseline_version: number | null;
  steps_before: string[];
  steps_after: string[];
  messages_before: number;
  messages_after: number;
  status_after: RunState['status'];
  differences: string[];
}

interface BaselineRow { ticket_id: string; number: number; state: RunState }

const taken = (s: RunState) => s.trace.filter((t) => t.outcome === 'done').map((t) => t.step);

/**
 * Replay the last N tickets that match this version's applies-when through it, feeding each step the inputs
 * the agent gave in the ticket's real run (decision answers, collected fields), and report where the new
 * version would have acted differently: other steps, more or fewer messages, a stop where the old run went on.
 */
export async function dryRunSopVersion(ctx: Ctx, versionId: string, limit = 100): Promise<{ version: number; scanned: number; matched: number; differing: number; tickets: DryRunTicket[] }> {
  authorize(ctx.actor, 'sops.manage');
  const v = await loadVersion(ctx.tx, ctx.actor.workspaceId, versionId);
  const def = v.definition;
  const recent = await recentTicketFacts(ctx.tx, ctx.actor.workspaceId, Math.min(5000, limit * 20));
  const matching = recent.filter((t) => matchesAppliesWhen(def.applies_when, t)).slice(0, limit);
  const baselines = new Map<string, BaselineRow & { version: number }>();
  if (matching.length) {
    const rows = await ctx.tx.query<BaselineRow & { version: number }>(
      `SELECT r.ticket_id, sv.number AS version, r.state FROM sop_runs r JOIN sop_versions sv ON sv.id = r.version_id WHERE r.sop_id = $1 AND r.ticket_id = ANY($2::text[])`,
      [v.sop_id, matching.map((t) => t.id)],
    );
    for (const r of rows) baselines.set(r.ticket_id, r);
  }
  const tickets: DryRunTicket[] = [];
  for (const t of matching) {
    const base = baselines.get(t.id);
    const inputs: Record<string, unknown> = {};
    for (const e of base?.state.trace ?? []) if (e.input !== undefined && e.input !== null) inputs[e.step] = e.input;
    // Collected values are offered to any collect step of the new version that asks for them.
    for (const s of def.steps) if (s.type === 'collect' && !(s.id in inputs) && base) inputs[s.id] = base.state.fields;
    const port = new DryRunPort();
    let after: RunState;
    try {
      after = await advance(def, newRun(def), { ticket: t, now: () => ctx.clock.now(), mode: 'auto' }, port, inputs);
    } catch (e) {
      after = { ...newRun(def), status: 'failed', error: { step: '?', message: (e as Error).message, kind: 'effect' } };
    }
    const before = base ? taken(base.state) : [];
    const stepsAfter = taken(after);
    const differences: string[] = [];
    if (!base) differences.push('no SOP ran on this ticket; this version would start');
    else {
      const added = stepsAfter.filter((s) => !before.includes(s));
      const dropped = before.filter((s) => !stepsAfter.includes(s));
      if (added.length) differences.push(`would also take ${added.join(', ')}`);
      if (dropped.length) differences.push(`would not take ${dropped.join(', ')}`);
      if (base.state.sent.length !== after.sent.length) differences.push(`would send ${after.sent.length} message(s) instead of ${base.state.sent.length}`);
      if (after.status === 'failed') differences.push(`would stop at "${after.error?.step}": ${after.error?.message}`);
      if (after.status === 'handed_off' && base.state.status !== 'handed_off') differences.push('would hand off to a human');
    }
    tickets.push({
      ticket_id: t.id, number: t.number ?? 0, baseline_version: base?.version ?? null, steps_before: before, steps_after: stepsAfter,
      messages_before: base?.state.sent.length ?? 0, messages_after: after.sent.length, status_after: after.status, differences,
    });
  }
  return { version: v.number, scanned: recent.length, matched: matching.length, differing: tickets.filter((x) => x.differences.length).length, tickets };
}

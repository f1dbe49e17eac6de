import { invalid } from '../../../platform/errors.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import { simulate, type SimulationResult } from '../staffing/simulate.js';
import { resolveRange, type MetricFilter } from './range.js';

export interface WhatIfInput extends MetricFilter {
  /** Agents on shift per hour of week (168 values, Monday 00:00 UTC first) or one value for every hour. */
  agents: number | number[];
  aht_sec: number;
  target_sec: number;
  containment?: number;
  aht_factor?: number;
  patience_sec?: number;
  runs?: number;
}

/**
 * Replay the arrivals of a historical period (the tickets created in it, same filters as the dashboards)
 * through the simulation with the given staffing and changes, and set it next to what actually happened
 * in that period (share first-replied within the target, median first reply), so a scenario can be read
 * against reality: run it "unchanged" first to see how close the model comes.
 */
export async function runWhatIf(ctx: Ctx, input: WhatIfInput, onProgress?: (done: number, total: number) => void) {
  authorize(ctx.actor, 'reports.read');
  const r = resolveRange(ctx.actor, input, 3);
  const hours = Math.ceil((r.to.getTime() - r.from.getTime()) / 3_600_000);
  if (hours > 24 * 92) throw invalid('RANGE_TOO_LARGE', 'Simulate at most 92 days at a time');
  const pattern = typeof input.agents === 'number' ? [input.agents] : input.agents;
  if (!pattern.length || pattern.some((a) => !Number.isInteger(a) || a < 0 || a > 10_000)) throw invalid('INVALID_AGENTS', 'agents must be whole numbers 0–10000');
  if (pattern.length !== 1 && pattern.length !== 168) throw invalid('INVALID_AGENTS', 'agents is one number or 168 (hour of week, Monday 00:00 UTC first)');
  const params = [ctx.actor.workspaceId, r.from, r.to, ...r.params];
  const rows = await ctx.tx.query<{ at: Date; frt: number | null }>(
    `SELECT created_at AS at, first_reply_sec AS frt FROM ticket_facts WHERE workspace_id = $1 AND created_at >= $2 AND created_at < $3${r.where} ORDER BY created_at`,
    params,
  );
  if (!rows.length) throw invalid('NO_HISTORY', 'No tickets were created in that period with those filters');
  const arrivalsSec = rows.map((x) => (new Date(x.at).getTime() - r.from.getTime()) / 1000);
  const startDow = (r.from.getUTCDay() + 6) % 7; // Monday = 0
  const hourOfWeek0 = startDow * 24 + r.from.getUTCHours();
  const agentsPerHour = Array.from({ length: hours }, (_, h) => (pattern.length === 1 ? pattern[0] : pattern[(hourOfWeek0 + h) % 168]));
  const sim: SimulationResult = simulate(
    { agentsPerHour, arrivalsSec, ahtSec: input.aht_sec, targetSec: input.target_sec, containment: input.containment, ahtFactor: input.aht_factor, patienceSec: input.patience_sec, runs: input.runs ?? 20, seed: 1 },
    onProgress,
  );
  const replied = rows.filter((x) => x.frt !== null).map((x) => x.frt as number).sort((a, b) => a - b);
  return {
    period: { from: r.from.toISOString(), to: r.to.toISOString(), hours, arrivals: rows.length },
    predicted: { service_level: sim.serviceLevel, avg_wait_sec: sim.avgWaitSec, p90_wait_sec: sim.p90WaitSec, max_backlog: sim.maxBacklog, abandon_rate: sim.abandonRate, runs: sim.runs },
    actual: {
      service_level: rows.length ? replied.filter((x) => x <= input.target_sec).length / rows.length : null,
      median_first_reply_sec: replied.length ? replied[Math.floor(replied.length / 2)] : null,
      unanswered: rows.length - replied.length,
    },
  };
}

import { rebuildAnalytics, runWhatIf, type WhatIfInput } from '../../domain/analytics/index.js';
import type { Command } from '../command.js';
import { REMOTE_HELP, REMOTE_OPTIONS, parseFlags } from '../io/args.js';
import { createProgress } from '../io/progress.js';
import { openTarget } from '../io/target.js';

const num = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number`);
  return n;
};

const whatIf: Command = {
  name: 'analytics what-if',
  summary: 'Replay a historical period through the staffing simulation with changed agents / AHT / containment (progress bar)',
  usage: `switchboard analytics what-if --from 2026-11-02 --to 2026-11-08 --agents 6 [--tz Europe/Dublin] [--aht 420] [--target 3600]
       [--containment 0.2] [--aht-factor 0.9] [--patience 600] [--runs 20] [--brand ID] [--team ID] [--channel chat] [--json]

--agents is one number for every hour, or 168 comma-separated values (hour of week, Monday 00:00 UTC first).
Run it unchanged first: "actual" is what happened in that period, "predicted" what the model makes of it.
${REMOTE_HELP}`,
  async run(args) {
    const { values } = parseFlags(args, {
      ...REMOTE_OPTIONS, from: { type: 'string' }, to: { type: 'string' }, tz: { type: 'string' }, agents: { type: 'string' }, aht: { type: 'string' },
      target: { type: 'string' }, containment: { type: 'string' }, 'aht-factor': { type: 'string' }, patience: { type: 'string' }, runs: { type: 'string' },
      brand: { type: 'string' }, team: { type: 'string' }, channel: { type: 'string' }, json: { type: 'boolean' },
    });
    if (!values.from || !values.to || !values.agents) {
      console.error('--from, --to and --agents are required');
      return 2;
    }
    let input: WhatIfInput;
    try {
      const agents = values.agents.split(',').map((x) => Number(x.trim()));
      input = {
        from: values.from, to: values.to, tz: values.tz, brand_id: values.brand, team_id: values.team, channel: values.channel,
        agents: agents.length === 1 ? agents[0] : agents, aht_sec: num(values.aht, 'aht') ?? 420, target_sec: num(values.target, 'target') ?? 3600,
        containment: num(values.containment, 'containment'), aht_factor: num(values['aht-factor'], 'aht-factor'), patience_sec: num(values.patience, 'patience'), runs: num(values.runs, 'runs'),
      };
    } catch (err) {
      console.error((err as Error).message);
      return 2;
    }
    const target = await openTarget(values);
    try {
      let result: unknown;
      if (target.kind === 'http') result = (await target.api.request('POST', '/api/v1/analytics/what-if', input)).body;
      else if (target.workspace) {
        const bar = values.json ? null : createProgress('simulating', input.runs ?? 20);
        result = await target.run((ctx) => runWhatIf(ctx, input, (done, total) => bar?.update(done, `run ${done}/${total}`)));
        bar?.stop();
      } else {
        console.error('The database has no workspace yet.');
        return 1;
      }
      if (values.json) console.log(JSON.stringify(result));
      else {
        type Ci = { mean: number; low: number; high: number };
        const r = result as { period: { arrivals: number; hours: number }; predicted: { service_level: Ci; avg_wait_sec: Ci; p90_wait_sec: Ci; max_backlog: Ci; abandon_rate: Ci; runs: number }; actual: { service_level: number | null; median_first_reply_sec: number | null; unanswered: number } };
        const p = r.predicted;
        const pc = (x: number) => `${(100 * x).toFixed(1)} %`;
        const ci = (c: Ci, f: (x: number) => string) => `${f(c.mean)} (95 % CI ${f(c.low)}–${f(c.high)})`;
        const sec = (x: number) => (x < 120 ? `${Math.round(x)} s` : x < 7200 ? `${Math.round(x / 60)} min` : `${(x / 3600).toFixed(1)} h`);
        console.log(`Period: ${r.period.arrivals} arrivals over ${r.period.hours} h; ${p.runs} runs`);
        console.log(`Predicted answered within target: ${ci(p.service_level, pc)}`);
        console.log(`Predicted wait: average ${ci(p.avg_wait_sec, sec)}, p90 ${ci(p.p90_wait_sec, sec)}; peak backlog ${ci(p.max_backlog, (x) => x.toFixed(0))}; abandoned ${ci(p.abandon_rate, pc)}`);
        console.log(`Actual: first-replied within target ${r.actual.service_level === null ? '—' : pc(r.actual.service_level)}, median first reply ${r.actual.median_first_reply_sec === null ? '—' : sec(r.actual.median_first_reply_sec)}, ${r.actual.unanswered} unanswered`);
      }
    } finally {
      await target.close();
    }
    return 0;
  },
};

const rebuild: Command = {
  name: 'analytics rebuild',
  summary: 'Recompute every fact and rollup (hourly, daily, conversations) of the workspace from the source data',
  usage: `switchboard analytics rebuild\n\n${REMOTE_HELP}`,
  async run(args) {
    const { values } = parseFlags(args, { ...REMOTE_OPTIONS });
    const target = await openTarget(values);
    try {
      let n = 0;
      if (target.kind === 'http') n = (await target.api.request<{ tickets: number }>('POST', '/api/v1/analytics/rebuild', {})).body.tickets;
      else if (target.workspace) {
        const bar = createProgress('facts', 1);
        n = (await target.run((ctx) => rebuildAnalytics(ctx.tx, ctx.actor.workspaceId, { onProgress: (d, t) => bar.update(d / t, `${d}/${t} tickets`) }))).tickets;
        bar.stop();
      }
      console.log(`Rebuilt the analytics of ${n} ticket(s).`);
    } finally {
      await target.close();
    }
    return 0;
  },
};

/** CLI commands of the analytics module. */
export const ANALYTICS_COMMANDS: Command[] = [whatIf, rebuild];

import { authorize, type Ctx } from '../../kernel/index.js';
import { loadSop } from '../repo.js';
import { meanCi, summarise, twoProportionZTest, welchTTest, wilson, type Interval, type TestResult } from '../stats.js';

interface RunRow {
  version_id: string;
  number: number;
  arm: 'A' | 'B' | null;
  status: string;
  escalated: boolean;
  done: Record<string, string> | null;
  started_at: Date;
  completed_at: Date | null;
  created_at: Date;
  solved_at: Date | null;
  first_reply_at: Date | null;
  reopened: boolean;
  /** null: no SLA applied; true: an SLA target was breached. From the SLA module's events. */
  sla_breached: boolean | null;
  /** The ticket's latest CSAT score (1–5), from the CSAT feature's events. */
  csat_score: number | null;
}

export interface RateMetric { kind: 'rate'; n: number; x: number; value: number | null; ci95: Interval | null }
export interface TimeMetric { kind: 'time_minutes'; n: number; mean: number | null; ci95: Interval | null; values: number[] }
export type Metric = RateMetric | TimeMetric;

export interface Group {
  version_id: string;
  version: number;
  arm: 'A' | 'B' | null;
  tickets: number;
  metrics: Record<string, Metric>;
  /** Per step: done / skipped / overridden counts. */
  steps: Record<string, { done: number; skipped: number; overridden: number }>;
}

/** Metrics that cannot be measured say why here (none at the moment: SLA and CSAT both publish events). */
export const UNAVAILABLE: Record<string, string> = {};

const LOWER_IS_BETTER = new Set(['first_reply_time', 'handle_time', 'resolution_time', 'reopen_rate', 'escalation_rate']);
const minutes = (a: Date | null, b: Date | null) => (a && b ? (new Date(b).getTime() - new Date(a).getTime()) / 60_000 : null);

function rate(flags: boolean[]): RateMetric {
  const x = flags.filter(Boolean).length;
  return { kind: 'rate', n: flags.length, x, value: flags.length ? x / flags.length : null, ci95: wilson(x, flags.length) };
}
function time(values: Array<number | null>): TimeMetric {
  const xs = values.filter((v): v is number => v !== null && v >= 0);
  const s = summarise(xs);
  return { kind: 'time_minutes', n: xs.length, mean: xs.length ? s.mean : null, ci95: meanCi(s), values: xs };
}

function groupMetrics(rows: RunRow[]): Group['metrics'] {
  const closed = rows.filter((r) => r.status === 'completed' || r.status === 'handed_off');
  return {
    adherence: rate(closed.map((r) => !Object.values(r.done ?? {}).includes('overridden'))),
    first_reply_time: time(rows.map((r) => minutes(r.created_at, r.first_reply_at))),
    handle_time: time(closed.map((r) => minutes(r.started_at, r.completed_at))),
    resolution_time: time(rows.map((r) => minutes(r.created_at, r.solved_at))),
    reopen_rate: rate(rows.filter((r) => r.solved_at || r.reopened).map((r) => r.reopened)),
    escalation_rate: rate(rows.map((r) => r.escalated || r.status === 'handed_off')),
    // Tickets with an SLA: none of its targets breached.
    sla_attainment: rate(rows.filter((r) => r.sla_breached !== null).map((r) => r.sla_breached === false)),
    // Rated tickets: share of satisfied customers (4 or 5 on the 1–5 scale).
    csat: rate(rows.filter((r) => r.csat_score !== null).map((r) => Number(r.csat_score) >= 4)),
  };
}

export interface Comparison { metric: string; result: TestResult | null; better: 'A' | 'B' | null; significant: boolean }

/** B against A per metric: two-proportion z-test for rates, Welch's t-test for times; α = 0.05, two-sided. */
export function compareArms(a: Group, b: Group): { comparisons: Comparison[]; recommendation: string } {
  const comparisons: Comparison[] = Object.keys(a.metrics).map((metric) => {
    const ma = a.metrics[metric];
    const mb = b.metrics[metric];
    const result = ma.kind === 'rate' && mb.kind === 'rate' ? twoProportionZTest(ma.x, ma.n, mb.x, mb.n)
      : ma.kind === 'time_minutes' && mb.kind === 'time_minutes' ? welchTTest(summarise(ma.values), summarise(mb.values)) : null;
    const significant = result !== null && result.p_value < 0.05;
    const bHigher = (result?.difference ?? 0) > 0;
    const better = !significant ? null : bHigher !== LOWER_IS_BETTER.has(metric) ? 'B' : 'A';
    return { metric, result, better, significant };
  });
  const name = (m: string) => m.replace(/_/g, ' ');
  const fmt = (c: Comparison) => `${name(c.metric)}, p=${c.result!.p_value < 0.001 ? '<0.001' : c.result!.p_value.toFixed(3)}`;
  const wins = comparisons.filter((c) => c.better === 'B');
  const losses = comparisons.filter((c) => c.better === 'A');
  const flat = comparisons.filter((c) => c.result && !c.significant);
  let recommendation: string;
  if (a.tickets < 30 || b.tickets < 30) recommendation = `Keep the test running: ${a.tickets} tickets in A and ${b.tickets} in B; at least 30 per arm are needed for a reliable comparison.`;
  else if (losses.length) recommendation = `Roll back or revise: B is worse on ${losses.map(fmt).join('; ')}${wins.length ? ` (though better on ${wins.map(fmt).join('; ')})` : ''}.`;
  else if (wins.length) recommendation = `Promote B: better on ${wins.map(fmt).join('; ')}${flat.length ? `; no worse on ${flat.map((c) => name(c.metric)).join(', ')}` : ''}.`;
  else recommendation = `No significant difference yet (${flat.map(fmt).join('; ') || 'not enough data'}); keep the test running or promote on other grounds.`;
  return { comparisons, recommendation };
}

/** Metrics per version (and per arm of an A/B test) of one SOP, with the A/B comparison when both arms have tickets. */
export async function getSopMetrics(ctx: Ctx, sopId: string): Promise<{ sop_id: string; groups: Group[]; ab: ReturnType<typeof compareArms> & { a: string; b: string } | null; unavailable: typeof UNAVAILABLE }> {
  authorize(ctx.actor, 'reports.read');
  await loadSop(ctx.tx, ctx.actor.workspaceId, sopId);
  const rows = await ctx.tx.query<RunRow>(
    `SELECT r.version_id, v.number, r.arm, r.status, r.escalated, r.state->'done' AS done, r.started_at, r.completed_at, t.created_at, t.solved_at,
       (SELECT min(m.created_at) FROM messages m WHERE m.ticket_id = t.id AND m.is_public AND m.author_type <> 'customer') AS first_reply_at,
       EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.name = 'ticket.status_changed' AND e.payload->>'from' = 'solved' AND e.payload->>'to' <> 'closed') AS reopened,
       (SELECT bool_or(e.name = 'sla.breached') FROM events e WHERE e.ticket_id = t.id AND e.name IN ('sla.applied', 'sla.breached')) AS sla_breached,
       (SELECT (e.payload->>'score')::int FROM events e WHERE e.ticket_id = t.id AND e.name = 'csat.rated' ORDER BY e.seq DESC LIMIT 1) AS csat_score
     FROM sop_runs r JOIN sop_versions v ON v.id = r.version_id JOIN tickets t ON t.id = r.ticket_id
     WHERE r.sop_id = $1 AND r.workspace_id = $2`,
    [sopId, ctx.actor.workspaceId],
  );
  const byKey = new Map<string, RunRow[]>();
  for (const r of rows) {
    const k = `${r.version_id}|${r.arm ?? ''}`;
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  const groups: Group[] = [...byKey.values()].map((rs) => {
    const steps: Group['steps'] = {};
    for (const r of rs) for (const [id, o] of Object.entries(r.done ?? {})) {
      steps[id] ??= { done: 0, skipped: 0, overridden: 0 };
      if (o === 'done' || o === 'skipped' || o === 'overridden') steps[id][o]++;
    }
    return { version_id: rs[0].version_id, version: rs[0].number, arm: rs[0].arm, tickets: rs.length, metrics: groupMetrics(rs), steps };
  }).sort((x, y) => x.version - y.version || String(x.arm).localeCompare(String(y.arm)));
  const a = groups.find((g) => g.arm === 'A');
  const b = groups.find((g) => g.arm === 'B');
  const ab = a && b ? { a: a.version_id, b: b.version_id, ...compareArms(a, b) } : null;
  // The raw values were for the tests; the response carries the summaries.
  for (const g of groups) for (const m of Object.values(g.metrics)) if (m.kind === 'time_minutes') m.values = [];
  return { sop_id: sopId, groups, ab, unavailable: UNAVAILABLE };
}

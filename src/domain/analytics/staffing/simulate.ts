/**
 * What-if simulation: a discrete-event simulation of one queue (a channel or team) over a period.
 * Contacts arrive (a historical replay or Poisson arrivals from an hourly forecast), a share is contained
 * by self-service, the rest wait FIFO for one of the agents on shift in that hour (shifts change on the
 * hour; an agent finishes the contact in hand), may abandon after an exponential patience, and are handled
 * for a random time around the AHT. Repeated runs with different seeds give a mean and a 95% interval.
 */

import { mulberry32 } from '../../../platform/prng.js';

export interface SimulationInput {
  /** Hours simulated (the length of `agentsPerHour`). */
  agentsPerHour: number[];
  /** Either arrival times (seconds from the start) … */
  arrivalsSec?: number[];
  /** … or expected arrivals per hour (Poisson). */
  arrivalsPerHour?: number[];
  ahtSec: number;
  /** Coefficient of variation of handle time (1 = exponential; lognormal otherwise). Default 1. */
  ahtCv?: number;
  targetSec: number;
  /** Fraction of arrivals resolved by self-service (never reach an agent). Default 0. */
  containment?: number;
  /** Multiplies every handle time, e.g. 0.9 for "the new SOP cuts AHT by 10%". Default 1. */
  ahtFactor?: number;
  /** Mean patience (s); omit for customers who never abandon (email). */
  patienceSec?: number;
  runs?: number;
  seed?: number;
}

export interface RunResult {
  offered: number;
  contained: number;
  answered: number;
  abandoned: number;
  serviceLevel: number;
  avgWaitSec: number;
  p90WaitSec: number;
  maxBacklog: number;
  /** Contacts still waiting when the period ends. */
  endBacklog: number;
}

export interface Interval { mean: number; low: number; high: number }
export interface SimulationResult {
  runs: number;
  serviceLevel: Interval;
  avgWaitSec: Interval;
  p90WaitSec: Interval;
  maxBacklog: Interval;
  abandonRate: Interval;
  perRun: RunResult[];
}

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function handleTime(r: () => number, mean: number, cv: number): number {
  if (Math.abs(cv - 1) < 1e-9) return -mean * Math.log(1 - r());
  const sigma2 = Math.log(1 + cv * cv);
  return Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * gauss(r));
}

function poissonArrivals(r: () => number, perHour: number[]): number[] {
  const out: number[] = [];
  perHour.forEach((rate, h) => {
    if (rate <= 0) return;
    let t = 0;
    for (;;) {
      t += (-Math.log(1 - r()) / rate) * 3600;
      if (t >= 3600) break;
      out.push(h * 3600 + t);
    }
  });
  return out;
}

/** A min-heap of agent free times (numbers). */
class Heap {
  private a: number[] = [];
  get size() { return this.a.length; }
  peek() { return this.a[0]; }
  push(x: number) {
    const a = this.a;
    a.push(x);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (a[p] <= a[i]) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): number {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1, rr = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (rr < a.length && a[rr] < a[m]) m = rr;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/** One replication. FIFO service: each contact starts at max(arrival, earliest time an on-shift agent is free). */
export function simulateOnce(input: SimulationInput, seed: number): RunResult {
  const r = mulberry32(seed);
  const hours = input.agentsPerHour.length;
  const end = hours * 3600;
  const arrivals = (input.arrivalsSec ? [...input.arrivalsSec] : poissonArrivals(r, input.arrivalsPerHour ?? [])).filter((t) => t >= 0 && t < end).sort((x, y) => x - y);
  const containment = input.containment ?? 0;
  const mean = input.ahtSec * (input.ahtFactor ?? 1);
  const cv = input.ahtCv ?? 1;
  // Agents as individual free-times; the on-shift count changes on the hour.
  const free = new Heap();
  let onShift = 0;
  const setShift = (h: number) => {
    const want = h < hours ? input.agentsPerHour[h] : input.agentsPerHour[hours - 1];
    // adding agents: free now; removing: drop the ones that free up last (they finish their contact)
    const now = h * 3600;
    while (onShift < want) { free.push(now); onShift++; }
    if (onShift > want) {
      const keep: number[] = [];
      while (free.size) keep.push(free.pop());
      keep.sort((x, y) => x - y);
      for (const t of keep.slice(0, want)) free.push(t);
      onShift = want;
    }
  };
  let hour = -1;
  const waits: number[] = [];
  let contained = 0, answered = 0, abandoned = 0, within = 0, maxBacklog = 0;
  const starts: number[] = []; // service start times, in FIFO order (non-decreasing)
  let prevStart = 0;
  const horizon = end + 7 * 86_400; // contacts not started a week after the period are given up on
  for (let i = 0; i < arrivals.length; i++) {
    const t = arrivals[i];
    if (r() < containment) { contained++; continue; }
    // FIFO: start at the first moment ≥ max(arrival, previous start) when an on-shift agent is free
    let cur = Math.max(t, prevStart);
    let start = Infinity;
    while (cur < horizon) {
      while (hour < Math.floor(cur / 3600)) setShift(++hour);
      const hourEnd = (hour + 1) * 3600;
      if (free.size && free.peek() < hourEnd) {
        start = Math.max(cur, free.peek());
        break;
      }
      cur = hourEnd;
    }
    const patience = input.patienceSec ? -input.patienceSec * Math.log(1 - r()) : Infinity;
    if (!Number.isFinite(start) || start - t > patience) {
      abandoned++;
      waits.push(Math.min(patience, horizon - t));
      continue;
    }
    free.pop();
    free.push(start + handleTime(r, mean, cv));
    prevStart = start;
    const wait = start - t;
    waits.push(wait);
    answered++;
    if (wait <= input.targetSec) within++;
    starts.push(start);
    // backlog seen by this arrival: earlier answered contacts that had not started by t
    let waiting = 0;
    for (let k = starts.length - 2; k >= 0 && starts[k] > t; k--) waiting++;
    maxBacklog = Math.max(maxBacklog, waiting + 1);
  }
  const endBacklog = starts.filter((s) => s >= end).length;
  const offered = arrivals.length - contained;
  waits.sort((x, y) => x - y);
  return {
    offered: arrivals.length, contained, answered, abandoned,
    serviceLevel: offered ? within / offered : 1,
    avgWaitSec: waits.length ? waits.reduce((s, x) => s + x, 0) / waits.length : 0,
    p90WaitSec: waits.length ? waits[Math.min(waits.length - 1, Math.floor(0.9 * waits.length))] : 0,
    maxBacklog, endBacklog,
  };
}

function interval(xs: number[]): Interval {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const half = (1.96 * sd) / Math.sqrt(n);
  return { mean, low: mean - half, high: mean + half };
}

/** Run `runs` replications (default 20) and summarise with 95% intervals (normal approximation). */
export function simulate(input: SimulationInput, onProgress?: (done: number, total: number) => void): SimulationResult {
  if (!input.agentsPerHour.length) throw new RangeError('agentsPerHour must cover at least one hour');
  if (input.agentsPerHour.some((a) => !(a >= 0) || !Number.isInteger(a))) throw new RangeError('agentsPerHour must be whole numbers ≥ 0');
  if (!(input.ahtSec > 0)) throw new RangeError('AHT must be > 0');
  if (!input.arrivalsSec && !input.arrivalsPerHour) throw new RangeError('give arrivalsSec or arrivalsPerHour');
  const c = input.containment ?? 0;
  if (!(c >= 0 && c < 1)) throw new RangeError('containment must be in [0, 1)');
  const runs = Math.max(1, Math.min(input.runs ?? 20, 500));
  const perRun: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    perRun.push(simulateOnce(input, (input.seed ?? 1) * 7919 + i));
    onProgress?.(i + 1, runs);
  }
  return {
    runs,
    serviceLevel: interval(perRun.map((x) => x.serviceLevel)),
    avgWaitSec: interval(perRun.map((x) => x.avgWaitSec)),
    p90WaitSec: interval(perRun.map((x) => x.p90WaitSec)),
    maxBacklog: interval(perRun.map((x) => x.maxBacklog)),
    abandonRate: interval(perRun.map((x) => (x.offered - x.contained ? x.abandoned / (x.offered - x.contained) : 0))),
    perRun,
  };
}

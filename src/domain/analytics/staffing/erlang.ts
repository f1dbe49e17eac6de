/**
 * Queueing formulas for staffing. Erlang C (M/M/N, callers wait forever) for email/voice-like work and
 * Erlang A (M/M/N+M, waiting customers abandon at rate 1/patience) for chat. Pure functions; times in
 * seconds. Numerically stable forms: Erlang B by recursion, Erlang A by a truncated birth–death chain
 * and uniformisation for the waiting-time distribution.
 */

export interface ErlangInput {
  /** Contacts arriving in the interval. */
  contacts: number;
  /** Interval length in seconds (e.g. 1800 for 30 minutes). */
  intervalSec: number;
  /** Average handle time in seconds. */
  ahtSec: number;
  /** Service-level threshold in seconds (answered within T). */
  targetSec: number;
}

export interface ErlangResult {
  agents: number;
  /** Offered load A in Erlangs. */
  trafficErlangs: number;
  /** Probability an arriving contact waits. */
  pWait: number;
  /** Fraction answered within the target time. */
  serviceLevel: number;
  /** Average speed of answer (s), over all contacts. */
  asaSec: number;
  occupancy: number;
  /** Erlang A only: fraction that abandon. */
  pAbandon?: number;
}

export function trafficOf(i: Pick<ErlangInput, 'contacts' | 'intervalSec' | 'ahtSec'>): number {
  return (i.contacts * i.ahtSec) / i.intervalSec;
}

/** Erlang B blocking probability, by the stable recursion B(k) = A·B(k-1) / (k + A·B(k-1)). */
export function erlangB(agents: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C probability of waiting; 1 when the agents cannot keep up (N ≤ A). */
export function erlangC(agents: number, a: number): number {
  if (agents <= a) return 1;
  const b = erlangB(agents, a);
  return (agents * b) / (agents - a * (1 - b));
}

export function erlangCResult(agents: number, i: ErlangInput): ErlangResult {
  const a = trafficOf(i);
  const pWait = erlangC(agents, a);
  const stable = agents > a;
  return {
    agents,
    trafficErlangs: a,
    pWait,
    serviceLevel: stable ? Math.max(0, 1 - pWait * Math.exp((-(agents - a) * i.targetSec) / i.ahtSec)) : 0,
    asaSec: stable ? (pWait * i.ahtSec) / (agents - a) : Infinity,
    occupancy: Math.min(1, a / agents),
  };
}

/** Fewest agents meeting the service level (and optional max occupancy); then gross up for shrinkage. */
export function requiredAgents(i: ErlangInput & { serviceLevel: number; maxOccupancy?: number; shrinkage?: number }): ErlangResult & { scheduled: number } {
  if (!(i.contacts >= 0 && i.intervalSec > 0 && i.ahtSec > 0 && i.targetSec >= 0)) throw new RangeError('contacts ≥ 0, interval > 0, AHT > 0, target ≥ 0');
  if (!(i.serviceLevel > 0 && i.serviceLevel < 1)) throw new RangeError('service level must be between 0 and 1 (exclusive)');
  const shrink = i.shrinkage ?? 0;
  if (!(shrink >= 0 && shrink < 1)) throw new RangeError('shrinkage must be in [0, 1)');
  if (i.contacts === 0) return { ...erlangCResult(0, i), serviceLevel: 1, pWait: 0, asaSec: 0, occupancy: 0, scheduled: 0 };
  const a = trafficOf(i);
  for (let n = Math.max(1, Math.floor(a) + 1); n < 100_000; n++) {
    const r = erlangCResult(n, i);
    if (r.serviceLevel >= i.serviceLevel && (i.maxOccupancy === undefined || r.occupancy <= i.maxOccupancy)) {
      return { ...r, scheduled: Math.ceil(n / (1 - shrink)) };
    }
  }
  throw new RangeError('no staffing level meets the target');
}

export interface ErlangAInput extends ErlangInput {
  /** Average patience before abandoning (s). */
  patienceSec: number;
}

/**
 * Erlang A (M/M/N+M): stationary distribution of the number in system (truncated where it is
 * negligible), P(wait), P(abandon), ASA, and the service level P(answered within T) computed exactly
 * for the FCFS queue by uniformisation over the stages the arriving customer must pass.
 */
export function erlangA(agents: number, i: ErlangAInput): ErlangResult {
  const lambda = i.contacts / i.intervalSec;
  const mu = 1 / i.ahtSec;
  const theta = 1 / i.patienceSec;
  const a = lambda / mu;
  if (lambda === 0) return { agents, trafficErlangs: 0, pWait: 0, serviceLevel: 1, asaSec: 0, occupancy: 0, pAbandon: 0 };
  // unnormalised π_n with log-scaling to avoid overflow
  const logp: number[] = [0];
  let n = 0;
  for (;;) {
    n++;
    const death = Math.min(n, agents) * mu + Math.max(0, n - agents) * theta;
    logp.push(logp[n - 1] + Math.log(lambda) - Math.log(death));
    if (n > agents + 50 && logp[n] < Math.max(...logp.slice(0, agents + 1)) - 40) break;
    if (n > agents + 20_000) break;
  }
  const max = Math.max(...logp);
  const p = logp.map((x) => Math.exp(x - max));
  const z = p.reduce((s, x) => s + x, 0);
  const pi = p.map((x) => x / z);
  let pWait = 0;
  let queue = 0;
  let busy = 0;
  for (let k = 0; k < pi.length; k++) {
    if (k >= agents) pWait += pi[k];
    queue += Math.max(0, k - agents) * pi[k];
    busy += Math.min(k, agents) * pi[k];
  }
  const pAbandon = (theta * queue) / lambda;
  // Little: mean wait of all arrivals = E[queue] / λ
  const asaSec = queue / lambda;
  let served = 0;
  for (let k = agents; k < pi.length; k++) {
    if (pi[k] < 1e-12) continue;
    served += pi[k] * servedWithin(k - agents, agents * mu, theta, i.targetSec);
  }
  return { agents, trafficErlangs: a, pWait, serviceLevel: 1 - pWait + served, asaSec, occupancy: busy / agents, pAbandon };
}

/**
 * P(a customer who finds `ahead` others waiting is answered within T and has not abandoned): it passes
 * ahead+1 stages; in the stage with k others ahead it advances at rate Nμ + kθ (service or abandonment
 * of someone ahead) and leaves at rate θ (its own patience). Uniformisation with rate R.
 */
function servedWithin(ahead: number, nMu: number, theta: number, t: number): number {
  const stages = ahead + 1;
  const rate = (k: number) => nMu + k * theta;
  const r = rate(ahead) + theta;
  const rt = r * t;
  // dist[j] = probability of having completed j stages (still waiting), plus absorbed mass
  let dist = new Float64Array(stages + 1);
  dist[0] = 1;
  let poisson = Math.exp(-rt);
  let done = 0;
  const maxJumps = Math.ceil(rt + 10 * Math.sqrt(rt + 1) + 20);
  for (let m = 0; m <= maxJumps; m++) {
    // mass absorbed as "served" by m jumps, weighted by P(m jumps by t)
    done += poisson * dist[stages];
    const next = new Float64Array(stages + 1);
    next[stages] = dist[stages];
    for (let j = 0; j < stages; j++) {
      const k = ahead - j;
      const adv = rate(k) / r;
      const stay = 1 - adv - theta / r;
      next[j + 1] += dist[j] * adv;
      next[j] += dist[j] * stay;
    }
    dist = next;
    poisson *= rt / (m + 1);
  }
  return done;
}

/** Fewest agents meeting the Erlang A service level (abandoned contacts count as not answered in time). */
export function requiredAgentsA(i: ErlangAInput & { serviceLevel: number; shrinkage?: number }): ErlangResult & { scheduled: number } {
  if (!(i.patienceSec > 0)) throw new RangeError('patience must be > 0');
  const shrink = i.shrinkage ?? 0;
  for (let n = 1; n < 10_000; n++) {
    const r = erlangA(n, i);
    if (r.serviceLevel >= i.serviceLevel) return { ...r, scheduled: Math.ceil(n / (1 - shrink)) };
  }
  throw new RangeError('no staffing level meets the target');
}

import { describe, expect, it } from 'vitest';
import { erlangCResult } from '../staffing/erlang.js';
import { simulate, simulateOnce } from '../staffing/simulate.js';

const HOURS = 24 * 7;
const flat = (x: number) => Array.from({ length: HOURS }, () => x);

describe('what-if simulation', () => {
  it('agrees with Erlang C in steady state (200 contacts/h, AHT 180 s, 12 agents)', () => {
    const r = simulate({ agentsPerHour: flat(12), arrivalsPerHour: flat(200), ahtSec: 180, targetSec: 20, runs: 8, seed: 3 });
    const theory = erlangCResult(12, { contacts: 200, intervalSec: 3600, ahtSec: 180, targetSec: 20 });
    expect(Math.abs(r.serviceLevel.mean - theory.serviceLevel)).toBeLessThan(0.04);
    expect(Math.abs(r.avgWaitSec.mean - theory.asaSec) / theory.asaSec).toBeLessThan(0.2);
  });

  it('what-ifs move the figures the right way: more agents, shorter AHT and containment all help', () => {
    const base = { agentsPerHour: flat(11), arrivalsPerHour: flat(200), ahtSec: 180, targetSec: 20, runs: 6, seed: 5 };
    const b = simulate(base);
    expect(simulate({ ...base, agentsPerHour: flat(13) }).serviceLevel.mean).toBeGreaterThan(b.serviceLevel.mean + 0.1);
    expect(simulate({ ...base, ahtFactor: 0.9 }).avgWaitSec.mean).toBeLessThan(b.avgWaitSec.mean);
    expect(simulate({ ...base, containment: 0.2 }).serviceLevel.mean).toBeGreaterThan(b.serviceLevel.mean);
    expect(b.serviceLevel.low).toBeLessThanOrEqual(b.serviceLevel.mean);
    expect(b.serviceLevel.high).toBeGreaterThanOrEqual(b.serviceLevel.mean);
  });

  it('contacts outside business hours wait for the next shift; a replayed history is deterministic', () => {
    const agents = Array.from({ length: 48 }, (_, h) => (h % 24 >= 9 && h % 24 < 17 ? 3 : 0));
    const arrivalsSec = [2 * 3600, 3 * 3600, 10 * 3600]; // two at night, one during the day
    const a = simulateOnce({ agentsPerHour: agents, arrivalsSec, ahtSec: 600, targetSec: 3600 }, 1);
    const b = simulateOnce({ agentsPerHour: agents, arrivalsSec, ahtSec: 600, targetSec: 3600 }, 1);
    expect(a).toEqual(b);
    expect(a.answered).toBe(3);
    expect(a.serviceLevel).toBeCloseTo(1 / 3, 5); // the night ones wait until 09:00
    expect(a.avgWaitSec).toBeCloseTo(((9 - 2) * 3600 + (9 - 3) * 3600 + 0) / 3, 0);
  });

  it('impatient chat customers abandon when understaffed', () => {
    const r = simulate({ agentsPerHour: flat(8), arrivalsPerHour: flat(200), ahtSec: 180, targetSec: 20, patienceSec: 60, runs: 4 });
    expect(r.abandonRate.mean).toBeGreaterThan(0.1);
  });

  it('rejects bad input', () => {
    expect(() => simulate({ agentsPerHour: [], arrivalsPerHour: [], ahtSec: 1, targetSec: 1 })).toThrow(RangeError);
    expect(() => simulate({ agentsPerHour: [1.5], arrivalsPerHour: [1], ahtSec: 1, targetSec: 1 })).toThrow(/whole numbers/);
    expect(() => simulate({ agentsPerHour: [1], arrivalsPerHour: [1], ahtSec: 1, targetSec: 1, containment: 1 })).toThrow(/containment/);
  });
});

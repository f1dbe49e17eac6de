import { describe, expect, it } from 'vitest';
import { erlangA, erlangC, erlangCResult, requiredAgents, requiredAgentsA } from '../staffing/erlang.js';

// The standard textbook example: 100 calls in 30 minutes, AHT 180 s, target 80% answered in 20 s.
const EX = { contacts: 100, intervalSec: 1800, ahtSec: 180, targetSec: 20 };

describe('Erlang C', () => {
  it('matches the published worked example (A = 10 Erlangs)', () => {
    const r11 = erlangCResult(11, EX);
    expect(r11.trafficErlangs).toBeCloseTo(10, 10);
    expect(r11.pWait).toBeCloseTo(0.6821, 4); // published: 68.21 %
    expect(r11.serviceLevel).toBeCloseTo(0.3896, 3); // published: 38.96 %
    expect(r11.asaSec).toBeCloseTo(122.8, 1); // published: 122.8 s
    const need = requiredAgents({ ...EX, serviceLevel: 0.8 });
    // published: 13 agents give 79.6 % (just short), 14 agents 88.8 %
    expect(erlangCResult(13, EX).serviceLevel).toBeCloseTo(0.7956, 3);
    expect(need.agents).toBe(14);
    expect(need.serviceLevel).toBeCloseTo(0.8884, 3);
    expect(need.occupancy).toBeCloseTo(10 / 14, 10);
  });

  it('grosses up for shrinkage and respects a maximum occupancy', () => {
    // published: 14 agents with 30 % shrinkage → 20 scheduled
    expect(requiredAgents({ ...EX, serviceLevel: 0.8, shrinkage: 0.3 }).scheduled).toBe(20);
    expect(requiredAgents({ ...EX, serviceLevel: 0.8, maxOccupancy: 0.7 }).agents).toBe(15);
  });

  it('is 1 when agents cannot keep up, decreasing in agents', () => {
    expect(erlangC(10, 10)).toBe(1);
    let prev = 1;
    for (let n = 11; n < 30; n++) {
      const c = erlangC(n, 10);
      expect(c).toBeLessThan(prev);
      prev = c;
    }
  });

  it('rejects nonsense input', () => {
    expect(() => requiredAgents({ ...EX, serviceLevel: 1.2 })).toThrow(RangeError);
    expect(() => requiredAgents({ ...EX, ahtSec: 0, serviceLevel: 0.8 })).toThrow(RangeError);
    expect(requiredAgents({ ...EX, contacts: 0, serviceLevel: 0.8 }).agents).toBe(0);
  });
});

describe('Erlang A', () => {
  it('tends to Erlang C as patience grows', () => {
    const a = erlangA(14, { ...EX, patienceSec: 1e7 });
    const c = erlangCResult(14, EX);
    expect(a.pWait).toBeCloseTo(c.pWait, 3);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 3);
    expect(a.pAbandon!).toBeLessThan(1e-3);
  });

  it('impatient customers shorten the queue: more abandon, fewer agents look needed than Erlang C says', () => {
    const a = erlangA(11, { ...EX, patienceSec: 60 });
    const c = erlangCResult(11, EX);
    expect(a.pAbandon!).toBeGreaterThan(0.05);
    expect(a.pWait).toBeLessThan(c.pWait);
    expect(a.asaSec).toBeLessThan(c.asaSec);
    expect(requiredAgentsA({ ...EX, patienceSec: 60, serviceLevel: 0.8 }).agents).toBeLessThanOrEqual(14);
  });

  it('a stable result even when N ≤ A (Erlang C has none)', () => {
    const a = erlangA(8, { ...EX, patienceSec: 120 });
    expect(a.pWait).toBeGreaterThan(0.5);
    expect(a.pWait).toBeLessThan(1);
    expect(Number.isFinite(a.asaSec)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import { assignVersion, bucketOf, type ActiveSop } from '../assignment.js';
import type { TicketFacts } from '../conditions.js';
import { missingApprovals, nextStatus, statusAfterEdit, TRANSITIONS, VERSION_STATUSES, type VersionStatus } from '../lifecycle.js';
import { compareArms, type Group } from '../queries/sop-metrics.js';
import { normalCdf, summarise, tCritical95, twoProportionZTest, welchTTest, wilson } from '../stats.js';

const code = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'other';
  }
};

describe('version lifecycle', () => {
  it('walks draft → in review → approved → launched → promoted → retired', () => {
    let s: VersionStatus = 'draft';
    s = nextStatus(s, 'submit');
    expect(s).toBe('in_review');
    expect(nextStatus(s, 'approve', { approvalsComplete: false })).toBe('in_review');
    s = nextStatus(s, 'approve', { approvalsComplete: true });
    expect(s).toBe('approved');
    s = nextStatus(s, 'launch');
    expect(s).toBe('launched');
    expect(nextStatus(s, 'update_rollout')).toBe('launched');
    expect(nextStatus(s, 'rollback')).toBe('rolled_back');
    s = nextStatus(s, 'promote');
    expect(nextStatus(s, 'retire')).toBe('retired');
  });

  it('refuses every transition not in the table (exhaustively)', () => {
    const allowed: Record<string, string[]> = {
      draft: ['submit', 'retire'], in_review: ['approve', 'request_changes', 'retire'], approved: ['request_changes', 'launch', 'retire'],
      launched: ['launch', 'update_rollout', 'promote', 'rollback'].filter((t) => t !== 'launch'), promoted: ['retire'], rolled_back: ['retire'], retired: [],
    };
    for (const from of VERSION_STATUSES) {
      for (const t of TRANSITIONS) {
        expect(code(() => nextStatus(from, t, { approvalsComplete: true })), `${from} ${t}`).toBe(allowed[from].includes(t) ? null : 'SOP_INVALID_TRANSITION');
      }
    }
  });

  it('edits re-open review; launched versions are frozen', () => {
    expect(statusAfterEdit('draft')).toBe('draft');
    expect(statusAfterEdit('in_review')).toBe('in_review');
    expect(statusAfterEdit('approved')).toBe('in_review');
    for (const s of ['launched', 'promoted', 'rolled_back', 'retired'] as const) expect(code(() => statusAfterEdit(s))).toBe('SOP_VERSION_FROZEN');
  });

  it('needs one approval per named role', () => {
    const named = [{ role: 'Legal', user_id: 'u1' }, { role: 'Support Ops', user_id: 'u2' }, { role: 'Support Ops', user_id: 'u3' }];
    expect(missingApprovals(named, [])).toEqual(['Legal', 'Support Ops']);
    expect(missingApprovals(named, [{ role: 'Support Ops', user_id: 'u3' }])).toEqual(['Legal']);
    expect(missingApprovals(named, [{ role: 'Support Ops', user_id: 'u3' }, { role: 'Legal', user_id: 'u1' }])).toEqual([]);
    expect(missingApprovals([], [])).toEqual(['any approver']);
  });
});

describe('A/B assignment', () => {
  const facts = (id: string, over: Partial<TicketFacts & { team_id: string | null }> = {}): TicketFacts & { team_id: string | null } => ({
    id, brand: 'clipster', channel: 'email', country: 'IE', language: 'en', tags: ['refund'], custom_fields: {}, customer_tier: null, team_id: null, ...over,
  });
  const sop = (percent: number, extra: Partial<NonNullable<ActiveSop['launched']>['rollout']> = {}): ActiveSop => ({
    sopId: 'sop_1', appliesWhen: {}, current: { versionId: 'v1', appliesWhen: { tags_any: ['refund'] } },
    launched: { versionId: 'v2', appliesWhen: { tags_any: ['refund'] }, rollout: { percent, ab_test: true, ...extra } },
  });

  it('is stable: the same ticket always gets the same arm', () => {
    for (let i = 0; i < 200; i++) {
      const a = assignVersion(sop(30), facts(`t${i}`));
      expect(assignVersion(sop(30), facts(`t${i}`))).toEqual(a);
    }
    expect(bucketOf('s', 't')).toBe(bucketOf('s', 't'));
    expect(bucketOf('s', 't')).not.toBe(bucketOf('s2', 't'));
  });

  it('is proportional: 30% of 20,000 tickets get B within 1 point', () => {
    let b = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) if (assignVersion(sop(30), facts(`ticket_${i}`))?.arm === 'B') b++;
    expect(Math.abs(b / n - 0.3)).toBeLessThan(0.01);
  });

  it('raising the percentage only moves tickets from A to B, never back', () => {
    for (let i = 0; i < 2000; i++) {
      if (assignVersion(sop(20), facts(`x${i}`))?.arm === 'B') expect(assignVersion(sop(50), facts(`x${i}`))?.arm).toBe('B');
    }
  });

  it('limits a rollout to markets and teams; without an A/B test others stay on the current version', () => {
    expect(assignVersion(sop(100, { markets: ['DE'] }), facts('t', { country: 'IE' }))).toMatchObject({ versionId: 'v1', arm: null });
    expect(assignVersion(sop(100, { markets: ['DE'] }), facts('t', { country: 'DE' }))).toMatchObject({ versionId: 'v2', arm: 'B' });
    expect(assignVersion(sop(100, { teams: ['team_1'] }), facts('t', { team_id: 'team_1' }))?.versionId).toBe('v2');
    expect(assignVersion(sop(100, { ab_test: false }), facts('t'))).toMatchObject({ versionId: 'v2', arm: null });
    expect(assignVersion(sop(100), facts('t', { tags: ['other'] }))).toBeNull();
  });
});

describe('significance tests against worked examples', () => {
  it('normal CDF', () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
  });

  it("Welch's t-test: Wikipedia's worked example (t = −2.46, df ≈ 24.9, p = 0.021; scipy: t = −2.45536, p = 0.021378)", () => {
    const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
    // B − A with A = a2, B = a1 gives the published sign.
    const r = welchTTest(summarise(a2), summarise(a1))!;
    expect(r.statistic).toBeCloseTo(-2.455356, 4);
    expect(r.df).toBeCloseTo(24.99, 1);
    expect(r.p_value).toBeCloseTo(0.021378, 4);
    expect(r.ci95.high).toBeLessThan(0);
  });

  it('two-proportion z-test: 120/1000 vs 150/1000 → z = 1.9630, p = 0.04964 (scipy.stats.norm)', () => {
    const r = twoProportionZTest(120, 1000, 150, 1000)!;
    expect(r.statistic).toBeCloseTo(1.96305, 4);
    expect(r.p_value).toBeCloseTo(0.049640, 4);
    expect(r.difference).toBeCloseTo(0.03, 10);
  });

  it('t quantile and Wilson interval', () => {
    expect(tCritical95(10)).toBeCloseTo(2.228139, 4);
    const w = wilson(10, 100)!;
    expect(w.low).toBeCloseTo(0.05523, 4); // Wilson 95% for 10/100: [0.0552, 0.1744]
    expect(w.high).toBeCloseTo(0.17437, 4);
  });

  it('the recommendation names the winner with its p-value and what is no worse', () => {
    const group = (arm: 'A' | 'B', reopened: number, times: number[]): Group => ({
      version_id: arm, version: arm === 'A' ? 1 : 2, arm, tickets: 1000, steps: {},
      metrics: {
        reopen_rate: { kind: 'rate', n: 1000, x: reopened, value: reopened / 1000, ci95: null },
        handle_time: { kind: 'time_minutes', n: times.length, mean: null, ci95: null, values: times },
      },
    });
    const same = Array.from({ length: 50 }, (_, i) => 10 + (i % 5));
    const out = compareArms(group('A', 150, same), group('B', 120, same));
    expect(out.comparisons.find((c) => c.metric === 'reopen_rate')).toMatchObject({ better: 'B', significant: true });
    expect(out.recommendation).toBe('Promote B: better on reopen rate, p=0.050; no worse on handle time.');
  });
});

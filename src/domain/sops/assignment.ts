import { createHash } from 'node:crypto';
import { matchesAppliesWhen, specificity, type TicketFacts } from './conditions.js';
import type { AppliesWhen } from './model.js';

/** How a launched version reaches tickets. */
export interface Rollout {
  /** Share of matching tickets (0–100) that get the launched version. */
  percent: number;
  /** Only tickets from these countries (markets); empty/absent = all. */
  markets?: string[];
  /** Only tickets of these team ids; empty/absent = all. */
  teams?: string[];
  /** A/B test: tickets outside the rollout share run the current (promoted) version as arm A. */
  ab_test?: boolean;
}

/**
 * A ticket's stable bucket in [0, 10000) for one SOP: SHA-256 of "<sop id>:<ticket id>". The same ticket
 * always lands in the same bucket (so its arm never changes), different SOPs bucket independently, and
 * buckets are uniform, so "bucket < percent × 100" selects that share of tickets.
 */
export function bucketOf(sopId: string, ticketId: string): number {
  const h = createHash('sha256').update(`${sopId}:${ticketId}`).digest();
  return h.readUInt32BE(0) % 10000;
}

export interface ActiveSop {
  sopId: string;
  appliesWhen: AppliesWhen;
  /** The promoted (current) version, if any. */
  current: { versionId: string; appliesWhen: AppliesWhen } | null;
  /** The launched version under rollout, if any. */
  launched: { versionId: string; appliesWhen: AppliesWhen; rollout: Rollout } | null;
}

export interface Assignment {
  sopId: string;
  versionId: string;
  /** "A" = current version, "B" = the launched version, in an A/B test; null otherwise. */
  arm: 'A' | 'B' | null;
  bucket: number;
}

/** Which version of one SOP a ticket gets (or none): the rollout share, markets and teams decide, stably. */
export function assignVersion(sop: ActiveSop, t: TicketFacts & { team_id?: string | null }): Assignment | null {
  const l = sop.launched;
  const currentMatches = (): boolean => sop.current !== null && matchesAppliesWhen(sop.current.appliesWhen, t);
  // Match first: the bucket (a hash) is only computed for tickets the SOP applies to.
  if (l && matchesAppliesWhen(l.appliesWhen, t)) {
    const inMarket = !l.rollout.markets?.length || l.rollout.markets.some((m) => m.toUpperCase() === (t.country ?? '').toUpperCase());
    const inTeam = !l.rollout.teams?.length || (t.team_id != null && l.rollout.teams.includes(t.team_id));
    if (inMarket && inTeam) {
      const bucket = bucketOf(sop.sopId, t.id);
      const ab = Boolean(l.rollout.ab_test && sop.current);
      if (bucket < l.rollout.percent * 100) return { sopId: sop.sopId, versionId: l.versionId, arm: ab ? 'B' : null, bucket };
      if (ab && currentMatches()) return { sopId: sop.sopId, versionId: sop.current!.versionId, arm: 'A', bucket };
      return currentMatches() ? { sopId: sop.sopId, versionId: sop.current!.versionId, arm: null, bucket } : null;
    }
  }
  if (currentMatches()) return { sopId: sop.sopId, versionId: sop.current!.versionId, arm: null, bucket: bucketOf(sop.sopId, t.id) };
  return null;
}

/** The single SOP for a ticket: the most specific matching applies-when wins; ties go to the first given. */
export function pickSop(sops: readonly ActiveSop[], t: TicketFacts & { team_id?: string | null }): Assignment | null {
  let best: { a: Assignment; score: number } | null = null;
  for (const sop of sops) {
    const a = assignVersion(sop, t);
    if (!a) continue;
    const w = a.versionId === sop.launched?.versionId ? sop.launched.appliesWhen : sop.current!.appliesWhen;
    const score = specificity(w);
    if (!best || score > best.score) best = { a, score };
  }
  return best?.a ?? null;
}

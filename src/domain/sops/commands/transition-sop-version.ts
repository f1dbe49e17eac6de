import { AppError, forbidden, invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, can, recordChanges, type Change, type Ctx } from '../../kernel/index.js';
import type { EventName } from '../../../shared/events.js';
import type { Rollout } from '../assignment.js';
import { missingApprovals, nextStatus, rolesOf, type Transition } from '../lifecycle.js';
import { loadSop, loadVersion, VERSION_COLS, type SopVersion } from '../repo.js';
import { runTestCases } from '../test-runner.js';

export interface TransitionInput {
  action: Transition;
  /** Why (recorded on the event; required for request_changes, rollback and retire). */
  reason?: string;
  /** approve: the role you approve as, when you are named for several. */
  role?: string;
  /** launch / update_rollout. */
  rollout?: Rollout;
}

const EVENT: Record<Transition, EventName> = {
  submit: 'sop_version.submitted', approve: 'sop_version.approved', request_changes: 'sop_version.changes_requested', launch: 'sop_version.launched',
  update_rollout: 'sop_version.rollout_updated', promote: 'sop_version.promoted', rollback: 'sop_version.rolled_back', retire: 'sop_version.retired',
};

function checkRollout(r: Rollout | undefined): Rollout {
  if (!r) throw invalid('SOP_ROLLOUT_REQUIRED', 'Say how to roll out: { percent, markets?, teams?, ab_test? }');
  if (!Number.isFinite(r.percent) || r.percent <= 0 || r.percent > 100) throw invalid('SOP_ROLLOUT_PERCENT', 'percent must be more than 0 and at most 100');
  return { percent: r.percent, markets: r.markets?.map((m) => m.toUpperCase()) ?? [], teams: r.teams ?? [], ab_test: r.ab_test ?? false };
}

/** Move a version through its lifecycle (see lifecycle.ts). Every transition writes an event with who and why. */
export async function transitionSopVersion(ctx: Ctx, id: string, input: TransitionInput): Promise<SopVersion> {
  authorize(ctx.actor, input.action === 'approve' ? 'sops.approve' : 'sops.manage');
  const v = await loadVersion(ctx.tx, ctx.actor.workspaceId, id, true);
  const sop = await loadSop(ctx.tx, ctx.actor.workspaceId, v.sop_id);
  const now = ctx.clock.now();
  const reason = input.reason?.trim() || null;
  if (['request_changes', 'rollback', 'retire'].includes(input.action) && !reason) throw invalid('SOP_REASON_REQUIRED', `Say why (${input.action.replace('_', ' ')})`);
  const changes: Change[] = [];
  const set: Record<string, unknown> = {};
  let to = nextStatus(v.status, input.action);

  if (input.action === 'approve') {
    const named = sop.approvers;
    let role: string | null = null;
    if (named.length) {
      const mine = rolesOf(named, ctx.actor.id ?? '');
      if (!mine.length) throw forbidden(`Only the named approvers may approve this SOP (${named.map((a) => a.role).join(', ')})`, 'SOP_NOT_AN_APPROVER');
      role = input.role && mine.includes(input.role) ? input.role : mine[0];
    } else if (ctx.actor.id !== null && v.author_id === ctx.actor.id && ctx.actor.role !== 'admin') {
      throw forbidden('Someone other than the author must approve (or name approvers on the SOP)', 'SOP_SELF_APPROVAL');
    }
    const dup = await ctx.tx.maybeOne(`SELECT 1 FROM sop_reviews WHERE version_id = $1 AND review_round = $2 AND kind = 'approval' AND user_id = $3 AND role IS NOT DISTINCT FROM $4`, [id, v.review_round, ctx.actor.id, role]);
    if (dup) throw new AppError('SOP_ALREADY_APPROVED', 'You approved this round already', 'conflict');
    await ctx.tx.query(`INSERT INTO sop_reviews (id, workspace_id, version_id, kind, role, user_id, body, review_round, created_at) VALUES ($1,$2,$3,'approval',$4,$5,$6,$7,$8)`,
      [newId('sopr', now), ctx.actor.workspaceId, id, role, ctx.actor.id, reason ?? '', v.review_round, now]);
    const approvals = await ctx.tx.query<{ role: string | null; user_id: string }>(`SELECT role, user_id FROM sop_reviews WHERE version_id = $1 AND review_round = $2 AND kind = 'approval'`, [id, v.review_round]);
    const missing = missingApprovals(named, approvals);
    to = nextStatus(v.status, 'approve', { approvalsComplete: missing.length === 0 });
    changes.push({ event: 'sop_version.approved', aggregateType: 'sop_version', aggregateId: id, payload: { role, from: v.status, to, missing, reason } });
  }
  if (input.action === 'request_changes') {
    await ctx.tx.query(`INSERT INTO sop_reviews (id, workspace_id, version_id, kind, role, user_id, body, review_round, created_at) VALUES ($1,$2,$3,'changes_requested',NULL,$4,$5,$6,$7)`,
      [newId('sopr', now), ctx.actor.workspaceId, id, ctx.actor.id, reason, v.review_round, now]);
    set.review_round = v.review_round + 1;
  }
  if (input.action === 'launch' || input.action === 'update_rollout') {
    set.rollout = checkRollout(input.rollout);
    if (input.action === 'launch') {
      const other = await ctx.tx.maybeOne<{ number: number }>(`SELECT number FROM sop_versions WHERE sop_id = $1 AND status = 'launched' AND id <> $2`, [v.sop_id, id]);
      if (other) throw new AppError('SOP_ALREADY_LAUNCHED', `Version ${other.number} is being rolled out; promote or roll it back first`, 'conflict');
      if (!v.definition.tests.length) throw new AppError('SOP_TESTS_MISSING', 'Add at least one test case before launching', 'conflict');
      const result = await runTestCases(v.definition);
      set.tests_result = { ...result, at: now.toISOString() };
      if (result.failed) {
        throw new AppError('SOP_TESTS_FAILING', `Launch blocked: ${result.failed} of ${result.results.length} test cases fail (${result.results.filter((r) => !r.passed).map((r) => r.name).join('; ')})`, 'conflict', { tests: result });
      }
      set.launched_at = now;
    }
  }
  if (input.action === 'promote') {
    const prev = await ctx.tx.query<{ id: string; number: number }>(`UPDATE sop_versions SET status = 'retired', ended_at = $2, updated_at = $2 WHERE sop_id = $1 AND status = 'promoted' RETURNING id, number`, [v.sop_id, now]);
    for (const p of prev) changes.push({ event: 'sop_version.retired', aggregateType: 'sop_version', aggregateId: p.id, payload: { from: 'promoted', to: 'retired', reason: `replaced by version ${v.number}` } });
    set.promoted_at = now;
    set.rollout = { ...(v.rollout ?? {}), percent: 100, markets: [], teams: [], ab_test: false };
  }
  if (input.action === 'rollback' || input.action === 'retire') set.ended_at = now;

  const cols = Object.keys(set);
  const row = await ctx.tx.one<SopVersion>(
    `UPDATE sop_versions SET status = $2, updated_at = $3${cols.map((c, i) => `, ${c} = $${i + 4}`).join('')} WHERE id = $1 RETURNING ${VERSION_COLS}`,
    [id, to, now, ...cols.map((c) => (typeof set[c] === 'object' && set[c] !== null && !(set[c] instanceof Date) ? JSON.stringify(set[c]) : set[c]))],
  );
  if (input.action !== 'approve') {
    changes.push({ event: EVENT[input.action], aggregateType: 'sop_version', aggregateId: id, payload: { sop_id: v.sop_id, number: v.number, from: v.status, to, reason, ...(set.rollout ? { rollout: set.rollout } : {}) } });
  }
  await recordChanges(ctx, changes);
  return row;
}

/** Comment on a version under review (anyone who may manage or approve SOPs). */
export async function commentOnSopVersion(ctx: Ctx, id: string, body: string): Promise<{ id: string }> {
  if (!can(ctx.actor, 'sops.manage') && !can(ctx.actor, 'sops.approve')) authorize(ctx.actor, 'sops.approve');
  const v = await loadVersion(ctx.tx, ctx.actor.workspaceId, id);
  if (!body.trim()) throw invalid('SOP_COMMENT_EMPTY', 'Write a comment');
  const now = ctx.clock.now();
  const rid = newId('sopr', now);
  await ctx.tx.query(`INSERT INTO sop_reviews (id, workspace_id, version_id, kind, role, user_id, body, review_round, created_at) VALUES ($1,$2,$3,'comment',NULL,$4,$5,$6,$7)`,
    [rid, ctx.actor.workspaceId, id, ctx.actor.id, body.trim(), v.review_round, now]);
  await recordChanges(ctx, [{ event: 'sop_version.commented', aggregateType: 'sop_version', aggregateId: id, payload: { review_id: rid, body: body.trim() } }]);
  return { id: rid };
}

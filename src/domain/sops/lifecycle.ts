import { AppError } from '../../platform/errors.js';

/**
 * The lifecycle of an SOP version:
 *
 *   draft ─submit→ in_review ─approve (all named roles)→ approved ─launch→ launched ─promote→ promoted ─retire→ retired
 *            ↑         │ request_changes                    │ edit                     │ rollback
 *            └─────────┘ (edits while in review/approved re-open review: approvals of the old round no longer count)
 *                                                                                     rolled_back ─retire→ retired
 *
 * Pure: the commands load the version, ask here, then write the new status and the event.
 */
export const VERSION_STATUSES = ['draft', 'in_review', 'approved', 'launched', 'promoted', 'rolled_back', 'retired'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const TRANSITIONS = ['submit', 'approve', 'request_changes', 'launch', 'update_rollout', 'promote', 'rollback', 'retire'] as const;
export type Transition = (typeof TRANSITIONS)[number];

const TABLE: Record<Transition, { from: readonly VersionStatus[]; to: VersionStatus | null }> = {
  submit: { from: ['draft'], to: 'in_review' },
  approve: { from: ['in_review'], to: null }, // → approved once every named role approved (see approvalsComplete)
  request_changes: { from: ['in_review', 'approved'], to: 'draft' },
  launch: { from: ['approved'], to: 'launched' },
  update_rollout: { from: ['launched'], to: 'launched' },
  promote: { from: ['launched'], to: 'promoted' },
  rollback: { from: ['launched'], to: 'rolled_back' },
  retire: { from: ['promoted', 'rolled_back', 'approved', 'draft', 'in_review'], to: 'retired' },
};

/** The status after `t`, or a 409 naming what is allowed from here. */
export function nextStatus(from: VersionStatus, t: Transition, opts: { approvalsComplete?: boolean } = {}): VersionStatus {
  const rule = TABLE[t];
  if (!rule.from.includes(from)) {
    const allowed = TRANSITIONS.filter((x) => TABLE[x].from.includes(from));
    throw new AppError('SOP_INVALID_TRANSITION', `Cannot ${t.replace('_', ' ')} a version that is ${from.replace('_', ' ')}${allowed.length ? ` (possible: ${allowed.join(', ')})` : ''}`, 'conflict', { from, transition: t, allowed });
  }
  if (t === 'approve') return opts.approvalsComplete ? 'approved' : 'in_review';
  return rule.to!;
}

/** Editing the body: allowed in draft; in review/approved it re-opens review; later versions are frozen. */
export function statusAfterEdit(from: VersionStatus): VersionStatus {
  if (from === 'draft') return 'draft';
  if (from === 'in_review' || from === 'approved') return 'in_review';
  throw new AppError('SOP_VERSION_FROZEN', `A ${from.replace('_', ' ')} version cannot change; create a new version from it`, 'conflict');
}

export interface ApproverSlot {
  role: string;
  user_id: string;
}

/** Roles still missing an approval in this review round. With no named approvers, one approval suffices. */
export function missingApprovals(approvers: readonly ApproverSlot[], approvals: ReadonlyArray<{ role: string | null; user_id: string }>): string[] {
  if (!approvers.length) return approvals.length ? [] : ['any approver'];
  const roles = [...new Set(approvers.map((a) => a.role))];
  return roles.filter((r) => !approvals.some((a) => a.role === r));
}

/** Which named roles this user fills (a user may be named for several). */
export function rolesOf(approvers: readonly ApproverSlot[], userId: string): string[] {
  return approvers.filter((a) => a.user_id === userId).map((a) => a.role);
}

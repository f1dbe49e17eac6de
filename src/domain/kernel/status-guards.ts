import { AppError } from '../../platform/errors.js';
import type { Ctx } from './context.js';

/**
 * Status guards: a small hook other modules use to veto a ticket status change (e.g. "solved" while a
 * required checklist item is open). The tickets module asks every registered guard before it changes a
 * status; it knows nothing about what a guard checks.
 *
 * A guard returns the reasons the change must not happen (empty = fine). When the caller sent an override
 * reason, the guard decides whether this actor may override (and records it), returning no blockers; or
 * throws a forbidden error when the actor may not.
 */
export interface StatusChange {
  ticketId: string;
  from: string;
  to: string;
  /** Free-text reason given to force the change past the guards (supervisors). */
  overrideReason?: string | null;
}

export interface StatusGuardBlocker {
  guard: string;
  message: string;
  /** Guard-specific detail (e.g. the open items), passed through to the problem+json response. */
  detail?: Record<string, unknown>;
}

export type StatusGuard = (ctx: Ctx, change: StatusChange) => Promise<Array<Omit<StatusGuardBlocker, 'guard'>>>;

const guards = new Map<string, StatusGuard>();

/** Register (or replace) a guard under a name. Idempotent: modules may register on import. */
export function registerStatusGuard(name: string, guard: StatusGuard): void {
  guards.set(name, guard);
}

export function unregisterStatusGuard(name: string): void {
  guards.delete(name);
}

/**
 * Ask every guard; throws 409 `STATUS_CHANGE_BLOCKED` (or `SOLVE_BLOCKED` when the target is solved/closed)
 * listing all blockers. Called by the tickets module inside the command's transaction.
 */
export async function checkStatusGuards(ctx: Ctx, change: StatusChange): Promise<void> {
  if (change.from === change.to || guards.size === 0) return;
  const blockers: StatusGuardBlocker[] = [];
  for (const [name, guard] of guards) {
    for (const b of await guard(ctx, change)) blockers.push({ guard: name, ...b });
  }
  if (!blockers.length) return;
  const solving = change.to === 'solved' || change.to === 'closed';
  throw new AppError(
    solving ? 'SOLVE_BLOCKED' : 'STATUS_CHANGE_BLOCKED',
    `${solving ? 'Cannot solve this ticket' : `Cannot set this ticket to ${change.to}`}: ${blockers.map((b) => b.message).join('; ')}`,
    'conflict',
    { blockers, overridable: 'send solve_override_reason (supervisors and admins)' },
  );
}

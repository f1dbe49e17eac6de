import { runHook, type Queryable } from '../db/types.js';

/** An event as its writer appended it, handed to in-process listeners once its transaction has committed. */
export interface CommittedEvent {
  name: string;
  workspaceId: string | null;
  aggregateId: string;
  ticketId: string | null;
  payload: Record<string, unknown>;
}

export type CommittedListener = (events: readonly CommittedEvent[]) => void;

const listeners = new Set<CommittedListener>();

/**
 * Listen to the events this process commits, right after their COMMIT: the fast path for live delivery (e.g. a
 * reply pushed to an open socket without waiting for the event dispatcher). Best effort and in-process only:
 * nothing is retried, a crash between commit and listener loses the call — the dispatcher's at-least-once
 * delivery stays the durable path, so whatever a listener does must be idempotent with its subscriber. Process-wide
 * (every Db of the process); returns the unsubscribe function.
 */
export function onCommittedEvents(listener: CommittedListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Called by the event outbox for what it appends in `tx`: listeners get the events after the commit. */
export function publishAfterCommit(tx: Queryable, events: () => readonly CommittedEvent[]): void {
  if (!listeners.size || !tx.afterCommit) return;
  const list = events();
  tx.afterCommit(() => {
    for (const l of listeners) runHook(() => l(list));
  });
}

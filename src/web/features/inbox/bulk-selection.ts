/** The inbox's bulk selection: which tickets of the list are checked (pure set math + a hook). */
import { useCallback, useMemo, useState } from 'react';

/** The "select all on this page" checkbox: nothing, some or every visible ticket checked. */
export type HeaderState = 'none' | 'some' | 'all';

export const ariaCheckedOf = (s: HeaderState): 'false' | 'mixed' | 'true' => (s === 'all' ? 'true' : s === 'some' ? 'mixed' : 'false');

export function toggleId(sel: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(sel);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

export function headerState(visible: readonly string[], sel: ReadonlySet<string>): HeaderState {
  const n = visible.filter((id) => sel.has(id)).length;
  return n === 0 ? 'none' : n === visible.length ? 'all' : 'some';
}

/** Every visible ticket checked → uncheck them all; otherwise check them all. */
export function toggleAllVisible(visible: readonly string[], sel: ReadonlySet<string>): Set<string> {
  const next = new Set(sel);
  if (headerState(visible, sel) === 'all') for (const id of visible) next.delete(id);
  else for (const id of visible) next.add(id);
  return next;
}

/** The checked tickets that are still in the list, in list order (a ticket that left the view is not acted on). */
export function visibleSelection(visible: readonly string[], sel: ReadonlySet<string>): string[] {
  return visible.filter((id) => sel.has(id));
}

export interface BulkSelection {
  /** checked ids, in list order */
  ids: string[];
  has(id: string): boolean;
  header: HeaderState;
  toggle(id: string): void;
  toggleAll(): void;
  uncheck(ids: readonly string[]): void;
  clear(): void;
}

const EMPTY: ReadonlySet<string> = new Set();

/** A selection belongs to the list it was made in: under another key (view, filters) it is empty. */
export const selectionFor = (state: { key: string; ids: ReadonlySet<string> }, key: string): ReadonlySet<string> => (state.key === key ? state.ids : EMPTY);

/**
 * Checked tickets of one list. The selection belongs to `resetKey` (the view and its filters): when that
 * changes it starts empty, with no effect and no flash of the old selection.
 */
export function useBulkSelection(resetKey: string, visible: readonly string[]): BulkSelection {
  const [state, setState] = useState<{ key: string; ids: ReadonlySet<string> }>({ key: resetKey, ids: EMPTY });
  const current = selectionFor(state, resetKey);
  const update = useCallback(
    (fn: (s: ReadonlySet<string>) => ReadonlySet<string>) => setState((prev) => ({ key: resetKey, ids: fn(selectionFor(prev, resetKey)) })),
    [resetKey],
  );
  const ids = useMemo(() => visibleSelection(visible, current), [visible, current]);
  const checked = useMemo(() => new Set(ids), [ids]);
  return {
    ids,
    has: (id) => checked.has(id),
    header: headerState(visible, current),
    toggle: (id) => update((s) => toggleId(s, id)),
    toggleAll: () => update((s) => toggleAllVisible(visible, s)),
    uncheck: (drop) => update((s) => new Set([...s].filter((id) => !drop.includes(id)))),
    clear: () => update(() => EMPTY),
  };
}

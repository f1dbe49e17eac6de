import { useEffect, useState } from 'react';
import { useHotkeys } from '../shortcuts/hotkeys.js';

/** j/k to move, Enter/o to open; keeps the selected row (data-row-index) in view. */
export function useListNavigation(count: number, open: (index: number) => void, resetKey: string): [number, (i: number) => void] {
  const [selected, setSelected] = useState(0);
  useEffect(() => setSelected(0), [resetKey]);
  useEffect(() => {
    if (selected >= count && count > 0) setSelected(count - 1);
  }, [count, selected]);
  useEffect(() => {
    document.querySelector(`[data-row-index="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  useHotkeys({
    j: () => setSelected((i) => Math.min(count - 1, i + 1)),
    k: () => setSelected((i) => Math.max(0, i - 1)),
    arrowdown: () => setSelected((i) => Math.min(count - 1, i + 1)),
    arrowup: () => setSelected((i) => Math.max(0, i - 1)),
    enter: () => count > 0 && open(selected),
    o: () => count > 0 && open(selected),
  });
  return [selected, setSelected];
}

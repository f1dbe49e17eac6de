import { useEffect, useRef } from 'react';

/**
 * A tiny keyboard-shortcut dispatcher. Components register a layer of bindings; the newest layer wins.
 * Keys: "j", "?", "/", "enter", "escape", "mod+enter" (Ctrl or ⌘), sequences "g i".
 * While the user types in an input only "mod+…" and "escape" bindings fire.
 */
export type HotkeyHandler = (e: KeyboardEvent) => void;
type Layer = { current: Record<string, HotkeyHandler> };

const layers: Layer[] = [];
let pending: { prefix: string; at: number } | null = null;
const SEQUENCE_MS = 1500;

export function comboOf(e: KeyboardEvent): string {
  const key = e.key.length === 1 ? e.key : e.key.toLowerCase();
  return `${e.ctrlKey || e.metaKey ? 'mod+' : ''}${e.altKey ? 'alt+' : ''}${key === ' ' ? 'space' : key}`;
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(type);
  }
  return false;
}

function isInteractive(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('button, a[href], summary, [role="button"], [role="tab"], [role="link"]');
}

function find(combo: string): HotkeyHandler | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const h = layers[i].current[combo];
    if (h) return h;
  }
  return undefined;
}

function startsSequence(combo: string): boolean {
  return layers.some((l) => Object.keys(l.current).some((k) => k.startsWith(`${combo} `)));
}

function onKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.isComposing) return;
  if (['Control', 'Shift', 'Alt', 'Meta'].includes(e.key)) return;
  const combo = comboOf(e);
  const typing = isTyping(e.target);
  if (typing && !combo.startsWith('mod+') && combo !== 'escape') return;
  // Enter/Space on a focused button or link keep their native meaning
  if ((combo === 'enter' || combo === 'space') && isInteractive(e.target)) return;
  // A dialog open? It handles Escape itself (native <dialog>); no global moves behind it.
  if (document.querySelector('dialog[open]') && !combo.startsWith('mod+') && !(combo === '?' && !typing)) return;

  const now = Date.now();
  if (pending && now - pending.at < SEQUENCE_MS) {
    const seq = `${pending.prefix} ${combo}`;
    pending = null;
    const h = find(seq);
    if (h) {
      e.preventDefault();
      h(e);
      return;
    }
  }
  pending = null;
  const h = find(combo);
  if (h) {
    e.preventDefault();
    h(e);
    return;
  }
  if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && startsSequence(combo)) {
    pending = { prefix: combo, at: now };
    e.preventDefault();
  }
}

let installed = false;
function install(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  window.addEventListener('keydown', onKeyDown);
}

/** Register shortcuts for the lifetime of the calling component. Handlers may change every render. */
export function useHotkeys(bindings: Record<string, HotkeyHandler>, enabled = true): void {
  const ref = useRef(bindings);
  ref.current = bindings;
  useEffect(() => {
    if (!enabled) return;
    install();
    const layer: Layer = ref; // the ref always holds the latest closures
    layers.push(layer);
    return () => {
      const i = layers.indexOf(layer);
      if (i >= 0) layers.splice(i, 1);
    };
  }, [enabled]);
}

export const SHORTCUTS: Array<{ keys: string; what: string }> = [
  { keys: '/', what: 'Search tickets' },
  { keys: 'j / k', what: 'Next / previous ticket in the list' },
  { keys: 'Enter or o', what: 'Open the selected ticket' },
  { keys: 'x', what: 'Check / uncheck the selected ticket (bulk actions)' },
  { keys: 'r', what: 'Reply (public)' },
  { keys: 'n', what: 'Internal note' },
  { keys: 'Ctrl+Enter', what: 'Send the reply or note' },
  { keys: 'g i', what: 'Go to the inbox' },
  { keys: 'g n', what: 'New ticket' },
  { keys: 'g c', what: 'Go to customers' },
  { keys: 'g a', what: 'Go to admin' },
  { keys: 'h', what: 'Ticket: toggle History' },
  { keys: 'Esc', what: 'Leave the text box / close dialogs' },
  { keys: '?', what: 'Show this help' },
];

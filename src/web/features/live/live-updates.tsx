import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { keys } from '../../api-client/queries.js';

/** What /api/v1/stream sends (see src/server/realtime.ts). */
export interface TicketChanged {
  type: 'ticket.changed';
  ticket_id: string;
  event: string;
  actor_id: string | null;
  at?: string;
}

type Listener = (m: TicketChanged) => void;
export type LiveState = 'connecting' | 'live' | 'offline';

interface LiveApi {
  state: LiveState;
  subscribe(fn: Listener): () => void;
}

const Ctx = createContext<LiveApi | null>(null);

/** Reconnect delay: 1 s, 2 s, 4 s … capped at 30 s, with ±20 % jitter so clients don't stampede. */
export function backoffMs(attempt: number, random: number = Math.random()): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random));
}

/**
 * One WebSocket per tab to /api/v1/stream (same origin, session cookie). Each `ticket.changed` invalidates
 * that ticket's queries and the lists (batched), and is passed to subscribers (e.g. the ticket page banner).
 */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const [listeners] = useState(() => new Set<Listener>());

  useEffect(() => {
    let ws: WebSocket | null = null;
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;
    let flush: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const dirty = new Set<string>();

    const invalidateSoon = (ticketId: string) => {
      dirty.add(ticketId);
      if (flush) return;
      flush = setTimeout(() => {
        flush = undefined;
        for (const id of dirty) void qc.invalidateQueries({ queryKey: keys.ticket(id) });
        dirty.clear();
        void qc.invalidateQueries({ queryKey: keys.ticketLists });
      }, 250);
    };

    const connect = () => {
      if (stopped) return;
      setState('connecting');
      const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
      ws = new WebSocket(`${proto}//${location.host}/api/v1/stream`);
      ws.onopen = () => {
        // after a gap we may have missed changes: refresh what is on screen
        if (attempt > 0) void qc.invalidateQueries({ queryKey: keys.ticketLists });
        attempt = 0;
        setState('live');
        ping = setInterval(() => ws?.readyState === WebSocket.OPEN && ws.send('ping'), 25_000);
      };
      ws.onmessage = (ev) => {
        let m: unknown;
        try {
          m = JSON.parse(String(ev.data));
        } catch {
          return;
        }
        if (!isTicketChanged(m)) return;
        invalidateSoon(m.ticket_id);
        for (const fn of listeners) fn(m);
      };
      ws.onclose = (ev) => {
        clearInterval(ping);
        ws = null;
        if (stopped) return;
        setState('offline');
        if (ev.code === 4401) return; // signed out: the session gate takes over
        retry = setTimeout(connect, backoffMs(attempt++));
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(flush);
      clearInterval(ping);
      ws?.close(1000, 'bye');
    };
  }, [qc, listeners]);

  const [api] = useState<Omit<LiveApi, 'state'>>(() => ({
    subscribe(fn: Listener) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  }));
  return <Ctx.Provider value={{ state, subscribe: api.subscribe }}>{children}</Ctx.Provider>;
}

function isTicketChanged(m: unknown): m is TicketChanged {
  return typeof m === 'object' && m !== null && (m as TicketChanged).type === 'ticket.changed' && typeof (m as TicketChanged).ticket_id === 'string';
}

export function useLive(): LiveApi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useLive outside LiveUpdatesProvider');
  return v;
}

/** True once someone other than `meId` (not an SLA clock) changed ticket `ticketId` while it is open; `clear()` hides it. */
export function useChangedByOthers(ticketId: string, meId: string): { changed: TicketChanged | null; clear(): void } {
  const { subscribe } = useLive();
  const [changed, setChanged] = useState<TicketChanged | null>(null);
  useEffect(() => {
    setChanged(null);
    return subscribe((m) => {
      // SLA clocks (warning, breach, achieved) are not "someone else": the page refreshes without a banner
      if (m.ticket_id === ticketId && m.actor_id !== meId && !m.event.startsWith('sla.')) setChanged(m);
    });
  }, [ticketId, meId, subscribe]);
  return { changed, clear: () => setChanged(null) };
}

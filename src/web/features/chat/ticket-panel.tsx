import { useEffect, useRef, useState } from 'react';
import type { TicketPanelProps } from '../../routes/web-module.js';
import { fullTime } from '../../ui/format.js';
import { useTicketChannelContext } from './chat-api.js';

interface LiveState {
  connected: boolean;
  visitorOnline: boolean;
  visitorTyping: boolean;
  visitorReadSeq: number;
}

/**
 * The agent's live side of a chat ticket: the conversation itself is the normal ticket conversation (replies
 * from the composer reach the visitor); this socket carries the visitor's typing and read state, and tells the
 * visitor when the agent types (input in the ticket composer) and has read the chat.
 */
function useChatSocket(ticketId: string, enabled: boolean, lastSeq: number, initialRead: number): LiveState {
  const [state, setState] = useState<LiveState>({ connected: false, visitorOnline: false, visitorTyping: false, visitorReadSeq: initialRead });
  const wsRef = useRef<WebSocket | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const url = new URL(`/api/v1/chat/tickets/${ticketId}/stream`, location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    wsRef.current = ws;
    let typingOff: ReturnType<typeof setTimeout> | null = null;
    let sentAt = 0;
    ws.onmessage = (e) => {
      const f = JSON.parse(String(e.data)) as { type: string; visitor_connected?: boolean; who?: string; on?: boolean; seq?: number };
      if (f.type === 'ready') setState((s) => ({ ...s, connected: true, visitorOnline: !!f.visitor_connected }));
      if (f.type === 'typing' && f.who === 'visitor') setState((s) => ({ ...s, visitorOnline: true, visitorTyping: !!f.on }));
      if (f.type === 'read' && f.who === 'visitor') setState((s) => ({ ...s, visitorReadSeq: Math.max(s.visitorReadSeq, f.seq ?? 0) }));
      if (f.type === 'line' && document.visibilityState === 'visible') ws.send(JSON.stringify({ type: 'read', seq: f.seq }));
    };
    ws.onopen = () => {
      if (lastSeq) ws.send(JSON.stringify({ type: 'read', seq: lastSeq }));
    };
    ws.onclose = () => setState((s) => ({ ...s, connected: false }));
    // Typing in the ticket composer tells the visitor "Support is typing…" (at most every 1.5 s, off after 3 s).
    const onInput = (e: Event) => {
      if ((e.target as HTMLElement | null)?.id !== 'composer-body' || ws.readyState !== WebSocket.OPEN) return;
      if (Date.now() - sentAt > 1500) {
        ws.send(JSON.stringify({ type: 'typing', on: true }));
        sentAt = Date.now();
      }
      if (typingOff) clearTimeout(typingOff);
      typingOff = setTimeout(() => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'typing', on: false }));
        sentAt = 0;
      }, 3000);
    };
    document.addEventListener('input', onInput);
    return () => {
      document.removeEventListener('input', onInput);
      if (typingOff) clearTimeout(typingOff);
      ws.close();
    };
  }, [ticketId, enabled, lastSeq]);
  return state;
}

/** Ticket side panel for chat and web-form tickets: who the visitor is, live state, where the request came from. */
export function ChatTicketPanel({ ticketId }: TicketPanelProps) {
  const ctx = useTicketChannelContext(ticketId);
  const chat = ctx.data?.chat ?? null;
  const live = useChatSocket(ticketId, !!chat, chat?.last_seq ?? 0, chat?.visitor_read_seq ?? 0);
  if (!ctx.data || (!chat && !ctx.data.web_form)) return null;
  const form = ctx.data.web_form;
  return (
    <section className="panel chat-panel" aria-labelledby="chat-panel-title">
      <h2 id="chat-panel-title" className="panel-title">{chat ? 'Live chat' : 'Web form'}</h2>
      {chat && (
        <>
          <p>
            <strong>{chat.visitor_name ?? chat.visitor_email ?? 'Anonymous visitor'}</strong>{' '}
            <span className="badge">{chat.identified ? 'identified' : 'anonymous'}</span>
            {chat.offline && <span className="badge">came in offline</span>}
          </p>
          {chat.visitor_email && <p className="muted small">{chat.visitor_email}</p>}
          <p className="small" aria-live="polite" data-testid="chat-visitor-state">
            {live.visitorTyping ? 'Visitor is typing…' : live.visitorOnline ? 'Visitor is on the page' : 'Visitor is not connected'}
          </p>
          <p className="muted small" data-testid="chat-read-state">
            {live.visitorReadSeq >= chat.last_seq && chat.last_seq > 0 ? 'Visitor has read everything' : `Visitor has read ${live.visitorReadSeq} of ${chat.last_seq} lines`}
          </p>
          {chat.page_url && <p className="muted small">From <a href={chat.page_url} target="_blank" rel="noopener noreferrer nofollow">{chat.page_url}</a></p>}
          <p className="muted small">Started {fullTime(chat.started_at)}. Public replies from the composer go to the visitor live.</p>
        </>
      )}
      {form && (
        <>
          {form.category && <p>Category: <strong>{form.category}</strong></p>}
          {form.search_context && <p className="small">Searched the Help Center for “{form.search_context}” before writing.</p>}
        </>
      )}
    </section>
  );
}

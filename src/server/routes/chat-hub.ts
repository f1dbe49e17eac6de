import type { WebSocket } from 'ws';
import type { Db } from '../../platform/db/index.js';
import type { Logger } from '../../platform/logger.js';
import { onCommittedEvents, type CommittedEvent } from '../../platform/realtime/committed.js';
import { CHAT_CHANNEL, linesAfter, relayTicketMessages, type ChatLine, type ChatSignal } from '../../domain/chat/index.js';

/** The wire form of a chat line (attachment URLs carry the visitor token: links cannot send headers). */
export function presentLine(l: ChatLine, token: string | null) {
  return {
    seq: l.seq,
    id: l.message_id,
    client_msg_id: l.client_msg_id,
    author: { kind: l.author_kind, name: l.author_name },
    body: l.body,
    attachments: l.attachments.map((a) => ({
      ...a, url: token ? `/widget/v1/attachments/${a.id}?token=${encodeURIComponent(token)}` : `/api/v1/attachments/${a.id}/content`,
    })),
    created_at: new Date(l.created_at).toISOString(),
  };
}

export interface VisitorConn {
  ws: WebSocket;
  sessionId: string;
  token: string;
  /** Highest seq sent to this socket: lines are sent in order, each once per socket. */
  lastSent: number;
}

export interface AgentConn {
  ws: WebSocket;
  sessionId: string;
  userId: string;
}

const send = (ws: WebSocket, data: string) => {
  if (ws.readyState === ws.OPEN) ws.send(data);
};

/**
 * This process's chat sockets by session. Signals arrive over NOTIFY (sb_chat) from whichever process wrote
 * them (PGlite: in-process), so a visitor and an agent on different server processes still talk live.
 * New lines are fetched once per session per burst (coalesced), then sent to each socket after its lastSent.
 */
export class ChatHub {
  private readonly visitors = new Map<string, Set<VisitorConn>>();
  private readonly agents = new Map<string, Set<AgentConn>>();
  private readonly pulling = new Map<string, boolean>(); // session → another pull requested while one runs
  private unlisten: (() => Promise<void>) | null = null;
  private offCommitted: (() => void) | null = null;

  constructor(private readonly db: Db, private readonly log: Logger) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(CHAT_CHANNEL, (payload) => {
      let s: ChatSignal;
      try {
        s = JSON.parse(payload) as ChatSignal;
      } catch {
        return;
      }
      this.onSignal(s);
    });
    this.offCommitted = onCommittedEvents((events) => this.relayCommitted(events));
  }

  /**
   * The direct path for agent replies: right after the reply's transaction commits in this process, its line is
   * appended to the chat log (and signalled on sb_chat, so the visitor's socket on any process gets it) without
   * waiting for the event dispatcher. The dispatcher's chat-relay stays the durable path (after a crash, or when
   * this fails): the relay is idempotent per message, so a line has one seq and each socket shows it once.
   */
  private relayCommitted(events: readonly CommittedEvent[]): void {
    const pairs = events
      .filter((e) => e.name === 'message.added' && e.ticketId && e.payload.is_public === true && e.payload.author_type === 'user' && typeof e.payload.message_id === 'string')
      .map((e) => ({ ticketId: e.ticketId!, messageId: e.payload.message_id as string }));
    if (!pairs.length) return;
    relayTicketMessages(this.db, pairs).then((lines) => {
      for (const { sessionId, line } of lines) this.deliver(sessionId, line);
    }).catch((err: unknown) => this.log.warn({ err }, 'chat: direct relay failed (the event dispatcher delivers the line)'));
  }

  async stop(): Promise<void> {
    this.offCommitted?.();
    this.offCommitted = null;
    await this.unlisten?.();
    this.unlisten = null;
    for (const set of [...this.visitors.values(), ...this.agents.values()]) for (const c of set) c.ws.close(1001, 'server shutting down');
  }

  get visitorCount(): number {
    let n = 0;
    for (const s of this.visitors.values()) n += s.size;
    return n;
  }

  hasVisitor(sessionId: string): boolean {
    return (this.visitors.get(sessionId)?.size ?? 0) > 0;
  }

  addVisitor(c: VisitorConn): () => void {
    return this.add(this.visitors, c);
  }

  addAgent(c: AgentConn): () => void {
    return this.add(this.agents, c);
  }

  private add<C extends { sessionId: string }>(map: Map<string, Set<C>>, c: C): () => void {
    let set = map.get(c.sessionId);
    if (!set) map.set(c.sessionId, (set = new Set()));
    set.add(c);
    return () => {
      set.delete(c);
      if (!set.size && map.get(c.sessionId) === set) map.delete(c.sessionId);
    };
  }

  private onSignal(s: ChatSignal): void {
    switch (s.k) {
      case 'line': {
        // The sender's own line was sent with its ack: no query when every visitor socket already has this seq.
        const conns = this.visitors.get(s.s);
        if (conns && [...conns].some((c) => c.lastSent < s.seq)) this.pull(s.s);
        for (const a of this.agents.get(s.s) ?? []) send(a.ws, JSON.stringify({ type: 'line', seq: s.seq }));
        return;
      }
      case 'typing': {
        const frame = JSON.stringify({ type: 'typing', who: s.from, on: s.on, name: s.name ?? null });
        for (const c of (s.from === 'visitor' ? this.agents : this.visitors).get(s.s) ?? []) send(c.ws, frame);
        return;
      }
      case 'read': {
        const frame = JSON.stringify({ type: 'read', who: s.from, seq: s.seq });
        for (const c of (s.from === 'visitor' ? this.agents : this.visitors).get(s.s) ?? []) send(c.ws, frame);
        return;
      }
      case 'state': {
        const frame = JSON.stringify({ type: 'state', offline: s.offline, ask_email: s.ask_email });
        for (const c of [...(this.visitors.get(s.s) ?? []), ...(this.agents.get(s.s) ?? [])]) send(c.ws, frame);
      }
    }
  }

  /**
   * Push a just-committed line to this process's visitor sockets of its session at once (no query): each socket
   * that is exactly one line behind gets it; one further behind catches up through a pull. The line's NOTIFY,
   * arriving later, finds every socket up to date (each socket shows a seq once).
   */
  deliver(sessionId: string, line: ChatLine): void {
    let behind = false;
    for (const c of this.visitors.get(sessionId) ?? []) {
      if (c.lastSent === line.seq - 1) {
        send(c.ws, JSON.stringify({ type: 'message', message: presentLine(line, c.token) }));
        c.lastSent = line.seq;
      } else if (c.lastSent < line.seq) behind = true;
    }
    if (behind) this.pull(sessionId);
  }

  /** Send every line this session's visitor sockets have not had yet (coalesced: one query per burst). */
  pull(sessionId: string): void {
    if (this.pulling.has(sessionId)) {
      this.pulling.set(sessionId, true);
      return;
    }
    this.pulling.set(sessionId, false);
    void this.runPull(sessionId).finally(() => {
      const again = this.pulling.get(sessionId);
      this.pulling.delete(sessionId);
      if (again) this.pull(sessionId);
    });
  }

  private async runPull(sessionId: string): Promise<void> {
    const conns = [...(this.visitors.get(sessionId) ?? [])];
    if (!conns.length) return;
    const from = Math.min(...conns.map((c) => c.lastSent));
    try {
      for (let after = from; ;) {
        const lines = await linesAfter(this.db, sessionId, after, 200);
        for (const l of lines) {
          for (const c of conns) {
            if (l.seq <= c.lastSent) continue;
            send(c.ws, JSON.stringify({ type: 'message', message: presentLine(l, c.token) }));
            c.lastSent = l.seq;
          }
        }
        if (lines.length < 200) break;
        after = lines[lines.length - 1].seq;
      }
    } catch (err) {
      this.log.warn({ err, sessionId }, 'chat: could not load new lines');
    }
  }
}

/**
 * The widget's connection: session (REST), live socket with resume-from-last-seen, an outbox of unacknowledged
 * messages resent with the same client message id after a reconnect (the server deduplicates), and lines
 * kept by seq (a line is shown once, whatever arrives twice). No framework, no dependencies.
 */

export interface Line {
  seq: number;
  id: string;
  client_msg_id: string | null;
  author: { kind: 'visitor' | 'agent' | 'bot' | 'system'; name: string | null };
  body: string;
  attachments: Array<{ id: string; filename: string; content_type: string; size_bytes: number; url: string }>;
  created_at: string;
}

export interface Pending {
  client_msg_id: string;
  body: string;
  attachment_ids: string[];
  error?: string;
}

export interface ClientEvents {
  status(s: 'connecting' | 'online' | 'reconnecting' | 'error', detail?: string): void;
  lines(): void;
  typing(on: boolean, name: string | null): void;
  read(seq: number): void;
  offline(askEmail: boolean): void;
  greeting(text: string, agentsOnline: number): void;
}

interface Stored {
  token?: string;
  outbox?: Pending[];
}

const newClientId = () => `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

export class ChatClient {
  readonly lines = new Map<number, Line>();
  outbox: Pending[] = [];
  lastSeq = 0;
  agentReadSeq = 0;
  private ws: WebSocket | null = null;
  private token: string | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly key: string;

  constructor(private readonly base: string, private readonly brand: string, private identity: string | null, private readonly on: ClientEvents) {
    this.key = `sb_chat_${brand}`;
    const saved = this.load();
    this.token = saved.token ?? null;
    this.outbox = saved.outbox ?? [];
  }

  private load(): Stored {
    try {
      return JSON.parse(localStorage.getItem(this.key) ?? '{}') as Stored;
    } catch {
      return {};
    }
  }

  private save(): void {
    try {
      localStorage.setItem(this.key, JSON.stringify({ token: this.token, outbox: this.outbox }));
    } catch {
      /* private mode: the session lasts as long as the page */
    }
  }

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  identify(token: string | null): void {
    this.identity = token;
    this.reconnect();
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.on.status(this.attempt ? 'reconnecting' : 'connecting');
    try {
      const res = await fetch(`${this.base}/widget/v1/sessions`, {
        method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          brand: this.brand, page_url: location.href.slice(0, 2000),
          ...(this.token ? { visitor_token: this.token } : {}), ...(this.identity ? { identity_token: this.identity } : {}),
        }),
      });
      const json = await res.json();
      if (!res.ok) {
        this.on.status('error', json.detail ?? json.title ?? 'Chat is unavailable');
        if (res.status >= 500 || res.status === 429) this.retry();
        return;
      }
      if (json.visitor_token !== this.token) {
        this.lines.clear(); // a different conversation (new visitor / other signed-in user)
        this.lastSeq = 0;
      }
      this.token = json.visitor_token;
      this.agentReadSeq = json.session.agent_read_seq;
      this.save();
      this.on.greeting(json.greeting, json.agents_online);
      this.open(json.stream_url);
    } catch {
      this.retry();
    }
  }

  private open(path: string): void {
    const url = new URL(path, this.base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url.toString());
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: this.token, after: this.lastSeq }));
    ws.onmessage = (e) => this.frame(JSON.parse(String(e.data)));
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (e.code === 4401) this.token = null; // the session is gone: start a new one
      if (!this.stopped) this.retry();
    };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- server frames, shapes checked per type below
  private frame(f: Record<string, any>): void {
    switch (f.type) {
      case 'ready':
        this.attempt = 0;
        this.agentReadSeq = Math.max(this.agentReadSeq, f.agent_read_seq);
        this.on.status('online');
        if (f.offline) this.on.offline(false);
        for (const p of this.outbox) this.push(p); // resend: same client id, the server stores it once
        return;
      case 'message': {
        const l = f.message as Line;
        if (this.lines.has(l.seq)) return;
        this.lines.set(l.seq, l);
        this.lastSeq = Math.max(this.lastSeq, l.seq);
        if (l.client_msg_id) this.settle(l.client_msg_id);
        this.on.lines();
        return;
      }
      case 'ack':
        this.settle(f.client_msg_id);
        return;
      case 'typing':
        this.on.typing(f.on, f.name);
        return;
      case 'read':
        this.agentReadSeq = Math.max(this.agentReadSeq, f.seq);
        this.on.read(this.agentReadSeq);
        return;
      case 'state':
        if (f.offline) this.on.offline(f.ask_email !== false);
        return;
      case 'error':
        if (f.client_msg_id) {
          const p = this.outbox.find((x) => x.client_msg_id === f.client_msg_id);
          if (p && f.code !== 'RATE_LIMITED') {
            p.error = f.message;
            this.outbox = this.outbox.filter((x) => x !== p);
            this.save();
          } else if (p) setTimeout(() => this.push(p), 2000);
          this.on.lines();
        }
    }
  }

  private settle(clientId: string): void {
    const before = this.outbox.length;
    this.outbox = this.outbox.filter((p) => p.client_msg_id !== clientId);
    if (this.outbox.length !== before) {
      this.save();
      this.on.lines();
    }
  }

  private retry(): void {
    if (this.stopped || this.timer) return;
    this.on.status('reconnecting');
    const delay = Math.min(10_000, 500 * 2 ** Math.min(this.attempt++, 5)) * (0.75 + Math.random() * 0.5);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.start();
    }, delay);
  }

  /** Drop the socket and connect again (also used after `identify`). */
  reconnect(): void {
    this.ws?.close(4000, 'reconnect');
    this.ws = null;
    this.attempt = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.start();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close(1000, 'bye');
    this.ws = null;
  }

  private push(p: Pending): void {
    if (this.connected) this.ws!.send(JSON.stringify({ type: 'message', client_msg_id: p.client_msg_id, body: p.body, attachment_ids: p.attachment_ids }));
  }

  /** Queue a message (kept across reconnects and page reloads until the server acknowledges it). */
  send(body: string, attachmentIds: string[] = []): Pending {
    const p: Pending = { client_msg_id: newClientId(), body, attachment_ids: attachmentIds };
    this.outbox.push(p);
    this.save();
    this.push(p);
    this.on.lines();
    return p;
  }

  signal(f: Record<string, unknown>): void {
    if (this.connected) this.ws!.send(JSON.stringify(f));
  }

  async upload(file: File): Promise<{ id: string; filename: string }> {
    if (!this.token) throw new Error('Not connected yet');
    const res = await fetch(`${this.base}/widget/v1/uploads?filename=${encodeURIComponent(file.name)}`, {
      method: 'POST', credentials: 'omit', headers: { 'x-visitor-token': this.token, 'content-type': file.type || 'application/octet-stream' }, body: file,
    });
    const json = await res.json();
    if (!res.ok) throw new Error(json.detail ?? 'Upload failed');
    return json;
  }

  attachmentUrl(url: string): string {
    return new URL(url, this.base).toString();
  }
}

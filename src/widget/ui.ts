import { ChatClient, type Line } from './client.js';
import { CSS } from './styles.js';

/** DOM helper: element with attributes and children (text is always set as text, never as HTML). */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...kids: Array<Node | string>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const k of kids) el.append(k);
  return el;
}

const AUTHOR: Record<Line['author']['kind'], string> = { visitor: 'You', agent: 'Support', bot: 'Assistant', system: 'Support' };

export interface WidgetOptions {
  base: string;
  brand: string;
  identity: string | null;
  title: string;
  accent?: string;
}

/** The widget UI in a closed shadow root: a launcher button and an accessible chat dialog. */
export class ChatWidget {
  readonly client: ChatClient;
  private readonly root: ShadowRoot;
  private readonly host: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly log: HTMLElement;
  private readonly typingEl: HTMLElement;
  private readonly statusEl: HTMLElement;
  private readonly offlineEl: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly filesEl: HTMLElement;
  private greeting = '';
  private pendingFiles: Array<{ id: string; filename: string }> = [];
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private typingSentAt = 0;
  private started = false;

  constructor(private readonly opts: WidgetOptions) {
    this.host = h('div', { 'data-switchboard-chat': '' });
    if (opts.accent) this.host.style.setProperty('--sb-accent', opts.accent);
    this.root = this.host.attachShadow({ mode: 'open' });
    this.root.append(h('style', {}, CSS));
    this.launcher = h('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'sb-panel' }, 'Chat with us');
    this.statusEl = h('span', { class: 'status', role: 'status' }, '');
    const closeBtn = h('button', { type: 'button', 'aria-label': 'Close chat' }, '×');
    this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: '0' });
    this.typingEl = h('div', { class: 'typing', 'aria-live': 'polite' });
    this.offlineEl = h('div', { class: 'offline', hidden: '' });
    this.input = h('textarea', { id: 'sb-input', rows: '1', maxlength: '5000', placeholder: 'Write a message…' });
    const file = h('input', { type: 'file', class: 'sr', id: 'sb-file', 'aria-label': 'Attach a file' });
    const attach = h('button', { type: 'button', class: 'btn attach', 'aria-label': 'Attach a file' }, '📎');
    this.filesEl = h('div', { class: 'files', 'aria-live': 'polite' });
    const form = h('form', { class: 'compose' },
      h('label', { for: 'sb-input', class: 'sr' }, 'Message'), this.input, file, attach, h('button', { type: 'submit', class: 'btn' }, 'Send'));
    this.panel = h('section', { class: 'panel', id: 'sb-panel', role: 'dialog', 'aria-label': opts.title, hidden: '' },
      h('header', {}, h('h2', {}, opts.title), this.statusEl, closeBtn), this.log, this.typingEl, this.offlineEl, this.filesEl, form);
    this.root.append(this.launcher, this.panel);

    this.launcher.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()));
    closeBtn.addEventListener('click', () => this.close());
    this.panel.addEventListener('keydown', (e) => e.key === 'Escape' && this.close());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => this.typing());
    attach.addEventListener('click', () => file.click());
    file.addEventListener('change', () => void this.attach(file));

    this.client = new ChatClient(opts.base, opts.brand, opts.identity, {
      status: (s, detail) => (this.statusEl.textContent = s === 'online' ? 'Online' : s === 'error' ? (detail ?? 'Unavailable') : 'Connecting…'),
      lines: () => this.render(),
      typing: (on, name) => (this.typingEl.textContent = on ? `${name ?? 'Support'} is typing…` : ''),
      read: () => this.render(),
      offline: (ask) => this.showOffline(ask),
      greeting: (text) => {
        this.greeting = text;
        this.render();
      },
    });
  }

  mount(): void {
    document.body.append(this.host);
    // Resume a conversation that is already going on; a new visitor connects on first open.
    if (localStorage.getItem(`sb_chat_${this.opts.brand}`)) this.ensureStarted();
  }

  private ensureStarted(): void {
    if (this.started) return;
    this.started = true;
    void this.client.start();
  }

  open(): void {
    this.ensureStarted();
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.input.focus();
    this.markRead();
  }

  close(): void {
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  destroy(): void {
    this.client.stop();
    this.host.remove();
  }

  private submit(): void {
    const body = this.input.value.trim();
    if (!body && !this.pendingFiles.length) return;
    this.client.send(body, this.pendingFiles.map((f) => f.id));
    this.pendingFiles = [];
    this.filesEl.textContent = '';
    this.input.value = '';
    this.client.signal({ type: 'typing', on: false });
    this.typingSentAt = 0;
  }

  private typing(): void {
    const now = Date.now();
    if (now - this.typingSentAt > 1500) {
      this.client.signal({ type: 'typing', on: true });
      this.typingSentAt = now;
    }
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => {
      this.client.signal({ type: 'typing', on: false });
      this.typingSentAt = 0;
    }, 3000);
  }

  private async attach(input: HTMLInputElement): Promise<void> {
    const f = input.files?.[0];
    input.value = '';
    if (!f) return;
    this.filesEl.textContent = `Uploading ${f.name}…`;
    try {
      this.pendingFiles.push(await this.client.upload(f));
      this.filesEl.textContent = `Attached: ${this.pendingFiles.map((p) => p.filename).join(', ')}`;
    } catch (e) {
      this.filesEl.textContent = `Could not attach ${f.name}: ${(e as Error).message}`;
    }
  }

  private markRead(): void {
    if (!this.panel.hidden && document.visibilityState === 'visible' && this.client.lastSeq) this.client.signal({ type: 'read', seq: this.client.lastSeq });
  }

  private showOffline(askEmail: boolean): void {
    this.offlineEl.replaceChildren();
    this.offlineEl.hidden = false;
    if (!askEmail) {
      this.offlineEl.append(h('p', {}, 'We are away right now; we will reply by email.'));
      return;
    }
    const email = h('input', { type: 'email', id: 'sb-email', required: '', autocomplete: 'email', placeholder: 'you@example.com' });
    const form = h('form', {}, h('label', { for: 'sb-email', class: 'sr' }, 'Your email'), email, h('button', { type: 'submit', class: 'btn' }, 'Save'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.client.signal({ type: 'email', email: email.value.trim() });
      this.offlineEl.replaceChildren(h('p', {}, `Thanks! We will reply to ${email.value.trim()}.`));
    });
    this.offlineEl.append(h('p', {}, 'No one is online right now. Leave your email and we will get back to you.'), form);
  }

  private render(): void {
    const lines = [...this.client.lines.values()].sort((a, b) => a.seq - b.seq);
    const nodes: Node[] = [];
    if (this.greeting) nodes.push(h('div', { class: 'msg system' }, this.greeting));
    for (const l of lines) {
      const el = h('div', { class: `msg ${l.author.kind}`, 'data-seq': String(l.seq) });
      if (l.author.kind !== 'visitor') el.append(h('span', { class: 'who' }, l.author.name ?? AUTHOR[l.author.kind]));
      el.append(l.body === '(attachment)' && l.attachments.length ? '' : l.body);
      for (const a of l.attachments) el.append(h('br'), h('a', { href: this.client.attachmentUrl(a.url), target: '_blank', rel: 'noopener' }, `📎 ${a.filename}`));
      nodes.push(el);
    }
    for (const p of this.client.outbox) nodes.push(h('div', { class: 'msg visitor pending', 'data-pending': p.client_msg_id }, p.body || '📎'));
    const lastMine = lines.filter((l) => l.author.kind === 'visitor').pop();
    if (lastMine && this.client.agentReadSeq >= lastMine.seq) nodes.push(h('div', { class: 'meta' }, 'Read'));
    this.log.replaceChildren(...nodes);
    this.log.scrollTop = this.log.scrollHeight;
    this.markRead();
  }
}

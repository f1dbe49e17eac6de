/**
 * Replays one ticket's life in memory with the same rules the domain commands apply (createTicket,
 * addMessage, updateTicket, shareTicket): the same status transitions and timestamps, the same
 * events and payloads, version bumps and updated_at — but as rows to bulk-insert, not statements.
 */
import type { Priority, TicketStatus } from '../../shared/enums.js';
import type { Message, Ticket } from '../../domain/tickets/index.js';
import type { Actor, History } from './history.js';
import { seedId, type Rng } from './prng.js';

/** The domain's row shapes, with timestamps as ISO strings (they go to the database as JSON). */
type AsRow<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export type MessageRow = AsRow<Message> & { workspace_id: string; body_html: null };
export type TicketRow = AsRow<Omit<Ticket, 'external_id' | 'merged_into_id' | 'follow_up_of_id'>>;

export interface SimEnv {
  workspaceId: string;
  ids: Rng;
  history: History;
  messages: MessageRow[];
  shares: Array<{ ticket_id: string; user_id: string; created_at: string }>;
  /** Nothing happens after this instant (ms). */
  now: number;
}

export interface NewTicket {
  subject: string;
  priority: Priority;
  channel: string;
  brand_id: string;
  team_id: string | null;
  requester_id: string;
  organization_id: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
  country: string | null;
  language: string | null;
}

export interface TicketUpdate {
  status?: TicketStatus;
  priority?: Priority;
  team_id?: string;
  assignee_id?: string;
  add_tags?: string[];
  custom_fields?: Record<string, unknown>;
  reason?: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export class TicketSim {
  readonly id: string;
  t: number;
  status: TicketStatus = 'new';
  assignee: string | null = null;
  private version = 1;
  private updatedAt: number;
  private solvedAt: number | null = null;
  private closedAt: number | null = null;
  private readonly createdPayload: Record<string, unknown>;
  messageCount = 0;

  constructor(
    private readonly env: SimEnv,
    readonly data: NewTicket,
    readonly createdAt: number,
    by: Actor,
    firstBody: string,
    /** Who wrote the first message, when not the creator (API integrations create on the customer's behalf). */
    author: Actor = by,
  ) {
    this.t = createdAt;
    this.updatedAt = createdAt;
    this.id = seedId(env.ids, 'tkt', new Date(createdAt));
    this.createdPayload = env.history.record({
      name: 'ticket.created', aggregateType: 'ticket', aggregateId: this.id, ticketId: this.id, actor: by, at: createdAt,
      payload: {
        number: 0, subject: data.subject, status: 'new', priority: data.priority, channel: data.channel, brand_id: data.brand_id,
        team_id: data.team_id, assignee_id: null, requester_id: data.requester_id, tags: [...data.tags], follow_up_of_id: null,
      },
    });
    const m = this.insertMessage(author, true, firstBody, data.channel);
    env.history.record({
      name: 'message.added', aggregateType: 'ticket', aggregateId: this.id, ticketId: this.id, actor: by, at: createdAt,
      payload: { message_id: m.id, is_public: true, author_type: m.author_type, attachments: 0 }, audit: false,
    });
  }

  /** Move the clock; false once the step would happen after "now" (the story stops there). */
  advance(ms: number): boolean {
    this.t += Math.max(1000, Math.round(ms));
    return this.t <= this.env.now;
  }

  get isOpenForWork(): boolean {
    return this.status !== 'closed';
  }

  /** addMessage: a reply or note, with submit-as status and the automatic transitions. */
  message(by: Actor, isPublic: boolean, body: string, submitAs?: TicketStatus): void {
    const m = this.insertMessage(by, isPublic, body, isPublic ? this.data.channel : 'web');
    const fromCustomer = by.type === 'customer';
    let to = submitAs;
    if (!to && fromCustomer && (this.status === 'pending' || this.status === 'solved')) to = 'open';
    if (!to && !fromCustomer && isPublic && this.status === 'new') to = 'open';
    const from = this.status;
    const changed = to !== undefined && to !== from;
    if (to !== undefined && changed) this.setStatus(to);
    this.bump();
    this.record(by, 'message.added', { message_id: m.id, is_public: isPublic, author_type: m.author_type, attachments: 0 }, {
      message_id: m.id, is_public: isPublic,
    });
    if (changed) this.record(by, 'ticket.status_changed', { from, to, reason: 'message' });
  }

  /** updateTicket: each changed aspect gets its own event; the version goes up once. */
  update(by: Actor, u: TicketUpdate): void {
    const events: Array<[Parameters<History['record']>[0]['name'], Record<string, unknown>]> = [];
    if (u.status && u.status !== this.status) {
      const from = this.status;
      this.setStatus(u.status);
      events.push(['ticket.status_changed', u.reason ? { from, to: u.status, reason: u.reason } : { from, to: u.status }]);
    }
    if (u.priority && u.priority !== this.data.priority) {
      events.push(['ticket.priority_changed', { from: this.data.priority, to: u.priority }]);
      this.data.priority = u.priority;
    }
    if (u.team_id && u.team_id !== this.data.team_id) {
      events.push(['ticket.team_changed', { from: this.data.team_id, to: u.team_id }]);
      this.data.team_id = u.team_id;
    }
    if (u.assignee_id && u.assignee_id !== this.assignee) {
      events.push(['ticket.assigned', { from: this.assignee, to: u.assignee_id }]);
      this.assignee = u.assignee_id;
      if (this.status === 'new' && !u.status) {
        this.setStatus('open');
        events.push(['ticket.status_changed', { from: 'new', to: 'open', reason: 'assigned' }]);
      }
    }
    const added = (u.add_tags ?? []).filter((x) => !this.data.tags.includes(x));
    if (added.length) {
      this.data.tags = [...this.data.tags, ...added];
      events.push(['ticket.tags_changed', { added, removed: [] }]);
    }
    if (u.custom_fields) {
      const before = { ...this.data.custom_fields };
      this.data.custom_fields = { ...before, ...u.custom_fields };
      events.push(['ticket.fields_changed', { from: before, to: { ...this.data.custom_fields } }]);
    }
    if (events.length === 0) return;
    this.bump();
    for (const [name, payload] of events) this.record(by, name, payload);
  }

  /** shareTicket: give a collaborator (Legal) read access and the right to add notes. */
  share(by: Actor, userId: string): void {
    this.env.shares.push({ ticket_id: this.id, user_id: userId, created_at: iso(this.t)! });
    this.record(by, 'ticket.shared', { user_id: userId });
  }

  /** The final row, once the ticket number is known. */
  row(number: number): TicketRow {
    this.createdPayload.number = number;
    return {
      id: this.id, workspace_id: this.env.workspaceId, number, subject: this.data.subject, status: this.status,
      priority: this.data.priority, channel: this.data.channel, brand_id: this.data.brand_id, team_id: this.data.team_id,
      assignee_id: this.assignee, requester_id: this.data.requester_id, organization_id: this.data.organization_id, tags: this.data.tags,
      custom_fields: this.data.custom_fields, country: this.data.country, language: this.data.language, version: this.version,
      created_at: iso(this.createdAt)!, updated_at: iso(this.updatedAt)!, solved_at: iso(this.solvedAt), closed_at: iso(this.closedAt),
    };
  }

  /** statusTimestamps() from the tickets domain. */
  private setStatus(to: TicketStatus): void {
    this.solvedAt = to === 'solved' ? this.t : to === 'closed' ? this.solvedAt ?? this.t : null;
    this.closedAt = to === 'closed' ? this.t : null;
    this.status = to;
  }

  private bump(): void {
    this.version += 1;
    this.updatedAt = this.t;
  }

  private record(by: Actor, name: Parameters<History['record']>[0]['name'], payload: Record<string, unknown>, audit?: Record<string, unknown>): void {
    this.env.history.record({ name, aggregateType: 'ticket', aggregateId: this.id, ticketId: this.id, actor: by, at: this.t, payload, audit });
  }

  private insertMessage(by: Actor, isPublic: boolean, body: string, channel: string): MessageRow {
    const m: MessageRow = {
      id: seedId(this.env.ids, 'msg', new Date(this.t)),
      workspace_id: this.env.workspaceId,
      ticket_id: this.id,
      author_type: by.type,
      author_user_id: by.type === 'user' ? by.id : null,
      author_customer_id: by.type === 'customer' ? by.id : null,
      is_public: isPublic,
      channel,
      body_text: body,
      body_html: null,
      created_at: iso(this.t)!,
    };
    this.env.messages.push(m);
    this.messageCount += 1;
    return m;
  }
}

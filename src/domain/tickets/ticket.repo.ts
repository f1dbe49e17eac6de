import type { Tx } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { eventCtes, eventRows, type EventToAppend } from '../../platform/events/index.js';
import type { Message } from './message.js';
import { messageInsertParams, messageInsertSql } from './message.repo.js';
import { TICKET_COLUMNS, type Ticket } from './ticket.js';

export async function loadTicket(tx: Tx, id: string, opts: { forUpdate?: boolean } = {}): Promise<Ticket> {
  const t = await tx.maybeOne<Ticket>(
    `SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = $1 ${opts.forUpdate ? 'FOR UPDATE' : ''}`,
    [id],
  );
  if (!t) throw notFound('TICKET_NOT_FOUND', 'Ticket');
  return t;
}

const INSERT_COLUMNS = `id, workspace_id, subject, status, priority, channel, brand_id, team_id, assignee_id, requester_id,
  organization_id, tags, custom_fields, country, language, external_id, merged_into_id, follow_up_of_id,
  created_at, updated_at, solved_at, closed_at`;

function ticketInsertParams(t: NewTicket): unknown[] {
  return [
    t.id, t.workspace_id, t.subject, t.status, t.priority, t.channel, t.brand_id, t.team_id, t.assignee_id,
    t.requester_id, t.organization_id, t.tags, JSON.stringify(t.custom_fields), t.country, t.language, t.external_id,
    t.merged_into_id, t.follow_up_of_id, t.created_at, t.updated_at, t.solved_at, t.closed_at,
  ];
}

export type NewTicket = Omit<Ticket, 'number' | 'version'>;

/**
 * Insert a new ticket, its first message and the command's events in ONE statement (one round trip).
 * The number comes from the ticket sequence inside the statement; `numberFor` is the index in `events`
 * whose payload (and audit changes) get it as `number` (the ticket.created event).
 */
export async function insertTicketWithMessage(
  tx: Tx,
  t: NewTicket,
  m: Message,
  events: readonly EventToAppend[],
  numberFor: number,
): Promise<Ticket> {
  const tp = ticketInsertParams(t);
  const p = [...tp, ...messageInsertParams(t.workspace_id, m), eventRows(events).json];
  const num = 'to_jsonb((SELECT number FROM _t))';
  const ev = `jsonb_set(jsonb_set($${p.length}::jsonb, '{${numberFor},payload,number}', ${num}), '{${numberFor},changes,number}', ${num})`;
  return tx.one<Ticket>(
    `WITH _t AS (
       INSERT INTO tickets (${INSERT_COLUMNS}) VALUES (${tp.map((_, i) => `$${i + 1}`).join(',')})
       RETURNING ${TICKET_COLUMNS}
     ), _m AS (
       ${messageInsertSql(tp.length + 1)}
     ), ${eventCtes(ev)}
     SELECT ${TICKET_COLUMNS} FROM _t`,
    p,
  );
}

const UPDATABLE = new Set([
  'subject', 'status', 'priority', 'brand_id', 'team_id', 'assignee_id', 'tags', 'custom_fields', 'country', 'language',
  'merged_into_id', 'solved_at', 'closed_at',
]);

/** Write the given columns, bump version and updated_at. */
export async function saveTicket(tx: Tx, id: string, changes: Partial<Ticket>, at: Date): Promise<Ticket> {
  const sets: string[] = [];
  const p: unknown[] = [id, at];
  for (const [k, v] of Object.entries(changes)) {
    if (!UPDATABLE.has(k)) throw new Error(`saveTicket: ${k} is not updatable`);
    p.push(k === 'custom_fields' ? JSON.stringify(v) : v);
    sets.push(`${k} = $${p.length}`);
  }
  return tx.one<Ticket>(
    `UPDATE tickets SET ${[...sets, 'version = version + 1', 'updated_at = $2'].join(', ')} WHERE id = $1 RETURNING ${TICKET_COLUMNS}`,
    p,
  );
}

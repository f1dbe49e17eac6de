import type { Tx } from '../../../platform/db/index.js';
import { SLA_TICKET_EVENTS } from '../../../shared/events/sla.js';
import { achieveClock, pauseClock, resumeClock, stopClock } from '../sla-clock.js';
import { evaluateSla } from './evaluate.js';
import { addEvent, commitSession, openSession, put, startTarget, targetPayload, withClock, type SlaSession } from './session.js';
import { loadSubject } from './subject.js';
import { maxCycle, type TargetRow } from './target.repo.js';

export interface TicketEventInput {
  seq: number;
  name: string;
  ticket_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date | string;
}

const DONE = ['solved', 'closed'];
const REASON: Record<string, string> = {
  'ticket.created': 'created', 'ticket.priority_changed': 'priority_changed', 'ticket.assigned': 'reassigned',
  'ticket.team_changed': 'team_changed', 'ticket.tags_changed': 'tags_changed', 'ticket.fields_changed': 'fields_changed',
};

function calOf(s: SlaSession, r: TargetRow) {
  return r.business ? s.cal : null;
}

function achieve(s: SlaSession, r: TargetRow): void {
  const { clock, lateBreach } = achieveClock(r, calOf(s, r), s.at);
  const row = withClock(r, clock);
  put(s, row);
  if (lateBreach) addEvent(s, 'sla.breached', targetPayload(row, { due_at: row.breached_at?.toISOString() ?? null, detected: 'on_achievement' }));
  addEvent(s, 'sla.achieved', targetPayload(r, { achieved_at: s.at.toISOString(), breached: row.breached_at !== null }));
}

async function onAgentReply(s: SlaSession): Promise<void> {
  for (const r of [...s.open]) {
    if (r.metric === 'first_reply' || r.metric === 'next_reply') achieve(s, r);
    if (r.metric === 'periodic_update') achieve(s, r);
  }
  if (!DONE.includes(s.subject.status)) {
    startTarget(s, 'periodic_update', { cycle: (await maxCycle(s.ctx.tx, s.subject.id, 'periodic_update')) + 1 });
  }
}

async function onCustomerMessage(s: SlaSession, agentReplied: boolean): Promise<void> {
  if (s.open.some((r) => r.metric === 'first_reply' || r.metric === 'next_reply')) return; // already waiting for a reply
  // before the first agent reply the first-reply clock (if any) covers the customer's messages
  if (!agentReplied) return;
  startTarget(s, 'next_reply', { cycle: (await maxCycle(s.ctx.tx, s.subject.id, 'next_reply')) + 1 });
}

async function onStatus(s: SlaSession, from: string, to: string, agentReplied: boolean): Promise<void> {
  const pauses = s.policy?.pause_statuses ?? [];
  if (DONE.includes(to) && !DONE.includes(from)) {
    for (const r of [...s.open]) {
      if (r.metric === 'resolution') achieve(s, r);
      else put(s, withClock(r, stopClock(r, calOf(s, r), s.at, 'solved')));
    }
    return;
  }
  if (DONE.includes(from) && !DONE.includes(to)) {
    // reopened: re-evaluate (a new applied SLA, history kept), then a new resolution cycle
    await evaluateSla(s, 'reopened', { agentReplied, force: true });
    if (s.sla && !s.open.some((r) => r.metric === 'resolution')) {
      startTarget(s, 'resolution', { cycle: (await maxCycle(s.ctx.tx, s.subject.id, 'resolution')) + 1 });
    }
    return;
  }
  const wasPaused = pauses.includes(from as never);
  const isPaused = pauses.includes(to as never);
  if (!wasPaused && isPaused) for (const r of [...s.open]) put(s, withClock(r, pauseClock(r, calOf(s, r), s.at)));
  if (wasPaused && !isPaused) for (const r of [...s.open]) put(s, withClock(r, resumeClock(r, calOf(s, r), s.at)));
}

/** Whether a first- or next-reply clock of the ticket's live SLA is running (then a customer message changes nothing). */
async function replyClockOpen(tx: Tx, ticketId: string): Promise<boolean> {
  const r = await tx.one<{ open: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM sla_targets t JOIN ticket_slas s ON s.id = t.ticket_sla_id AND s.replaced_at IS NULL
                     WHERE t.ticket_id = $1 AND t.metric IN ('first_reply', 'next_reply') AND t.achieved_at IS NULL AND t.stopped_at IS NULL) AS open`,
    [ticketId],
  );
  return r.open;
}

const isAgentReply = (p: Record<string, unknown>) => p.author_type === 'user' && p.is_public === true;

/**
 * Whether a `message.added` that is not an agent's reply can change no clock, decided from the bookkeeping row
 * alone (chat sends many lines, so the common case skips loading the ticket, policy, calendar and targets):
 * internal notes and bot lines never do; a customer message does only once an agent has replied and no reply
 * clock is already running.
 */
async function messageChangesNothing(tx: Tx, ticketId: string, p: Record<string, unknown>, agentReplied: boolean): Promise<boolean> {
  if (p.author_type !== 'customer' || !agentReplied) return true;
  return replyClockOpen(tx, ticketId);
}

async function markApplied(tx: Tx, ticketId: string, seq: number, replied: boolean): Promise<void> {
  await tx.query('UPDATE sla_ticket_state SET last_seq = $2, agent_replied = agent_replied OR $3 WHERE ticket_id = $1', [ticketId, seq, replied]);
}

/**
 * Apply one ticket event to the ticket's SLA, in `tx`. Idempotent under at-least-once delivery: each
 * ticket remembers the last event seq applied (its row is locked for the transaction), and an event at or
 * below it is skipped. Returns false when skipped.
 */
export async function applyTicketEventToSla(tx: Tx, e: TicketEventInput): Promise<boolean> {
  if (!e.ticket_id || !(SLA_TICKET_EVENTS as readonly string[]).includes(e.name)) return false;
  // one statement creates the bookkeeping row if needed, locks it (ON CONFLICT DO UPDATE) and reads it
  const st = await tx.one<{ last_seq: string | number; agent_replied: boolean }>(
    `INSERT INTO sla_ticket_state (ticket_id, last_seq) VALUES ($1, 0)
     ON CONFLICT (ticket_id) DO UPDATE SET last_seq = sla_ticket_state.last_seq RETURNING last_seq, agent_replied`,
    [e.ticket_id],
  );
  if (Number(st.last_seq) >= e.seq) return false;
  const p = e.payload;
  const agentReply = e.name === 'message.added' && isAgentReply(p);
  if (e.name === 'message.added' && !agentReply && (await messageChangesNothing(tx, e.ticket_id, p, st.agent_replied))) {
    await markApplied(tx, e.ticket_id, e.seq, false);
    return true;
  }
  const subject = await loadSubject(tx, e.ticket_id);
  if (!subject) return false;
  const at = new Date(e.occurred_at);
  const s = await openSession(tx, subject, at);
  if (agentReply) {
    await onAgentReply(s);
  } else if (e.name === 'message.added') {
    await onCustomerMessage(s, st.agent_replied);
  } else if (e.name === 'ticket.status_changed') {
    await onStatus(s, String(p.from), String(p.to), st.agent_replied);
  } else {
    await evaluateSla(s, REASON[e.name] ?? e.name, { agentReplied: st.agent_replied });
  }
  await commitSession(s);
  await markApplied(tx, e.ticket_id, e.seq, agentReply);
  return true;
}

import { AppError, invalid } from '../../../platform/errors.js';
import type { Priority, TicketStatus } from '../../../shared/enums.js';
import { applyFieldValues, listFields } from '../../fields/index.js';
import { checkStatusGuards, recordChange, type Ctx } from '../../kernel/index.js';
import type { EventName } from '../../../shared/events.js';
import { assertTransition, assertWritable, normaliseTags, statusTimestamps, type Ticket } from '../ticket.js';
import { authorizeTicket } from '../ticket.policy.js';
import { loadTicket, saveTicket } from '../ticket.repo.js';
import { checkAssignee, checkTeam, resolveBrand } from './create-ticket.js';

export interface UpdateTicketInput {
  subject?: string;
  status?: TicketStatus;
  priority?: Priority;
  assignee_id?: string | null;
  team_id?: string | null;
  brand_id?: string;
  tags?: string[];
  add_tags?: string[];
  remove_tags?: string[];
  custom_fields?: Record<string, unknown>;
  country?: string | null;
  language?: string | null;
  /** Force a status change past the registered status guards (kernel/status-guards); the guard decides who may. */
  solve_override_reason?: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Apply a partial change. With `expectedVersion`, a stale version is refused (optimistic concurrency).
 * Each changed aspect writes its own event; the version goes up once.
 */
export async function updateTicket(ctx: Ctx, id: string, input: UpdateTicketInput, expectedVersion?: number): Promise<Ticket> {
  const cur = await loadTicket(ctx.tx, id, { forUpdate: true });
  await authorizeTicket(ctx.tx, ctx.actor, cur, 'tickets.write');
  if (expectedVersion !== undefined && expectedVersion !== cur.version) {
    throw new AppError('VERSION_CONFLICT', `Ticket #${cur.number} changed since you loaded it (version ${cur.version}, you sent ${expectedVersion})`, 'precondition', {
      current_version: cur.version,
    });
  }
  assertWritable(cur);
  const next: Partial<Ticket> = {};
  const events: Array<{ event: EventName; payload: Record<string, unknown> }> = [];
  const now = ctx.clock.now();

  if (input.subject !== undefined && input.subject.trim() !== cur.subject) {
    if (!input.subject.trim()) throw invalid('SUBJECT_REQUIRED', 'A ticket needs a subject');
    next.subject = input.subject.trim();
  }
  if (input.status !== undefined && input.status !== cur.status) {
    assertTransition(cur.status, input.status);
    // Hook: other modules may veto the change (see kernel/status-guards.ts).
    await checkStatusGuards(ctx, { ticketId: id, from: cur.status, to: input.status, overrideReason: input.solve_override_reason ?? null });
    Object.assign(next, { status: input.status }, statusTimestamps(input.status, now, cur));
    events.push({ event: 'ticket.status_changed', payload: { from: cur.status, to: input.status } });
  }
  if (input.priority !== undefined && input.priority !== cur.priority) {
    next.priority = input.priority;
    events.push({ event: 'ticket.priority_changed', payload: { from: cur.priority, to: input.priority } });
  }
  const brandId = input.brand_id !== undefined && input.brand_id !== cur.brand_id ? await resolveBrand(ctx, input.brand_id) : cur.brand_id;
  if (brandId !== cur.brand_id) {
    next.brand_id = brandId;
    // A kept assignee must be able to work on the new brand too.
    if (cur.assignee_id && (input.assignee_id === undefined || input.assignee_id === cur.assignee_id)) await checkAssignee(ctx, cur.assignee_id, brandId);
  }
  if (input.team_id !== undefined && input.team_id !== cur.team_id) {
    await checkTeam(ctx, input.team_id);
    next.team_id = input.team_id;
    events.push({ event: 'ticket.team_changed', payload: { from: cur.team_id, to: input.team_id } });
  }
  if (input.assignee_id !== undefined && input.assignee_id !== cur.assignee_id) {
    await checkAssignee(ctx, input.assignee_id, brandId);
    next.assignee_id = input.assignee_id;
    events.push({ event: 'ticket.assigned', payload: { from: cur.assignee_id, to: input.assignee_id } });
    // Assigning a new ticket opens it, as in every help desk.
    if (cur.status === 'new' && input.assignee_id && next.status === undefined) {
      next.status = 'open';
      events.push({ event: 'ticket.status_changed', payload: { from: 'new', to: 'open', reason: 'assigned' } });
    }
  }
  if (input.tags !== undefined || input.add_tags || input.remove_tags) {
    const base = input.tags !== undefined ? normaliseTags(input.tags) : cur.tags;
    const removed = new Set(normaliseTags(input.remove_tags ?? []));
    const tags = normaliseTags([...base, ...(input.add_tags ?? [])]).filter((t) => !removed.has(t));
    if (!same(tags, cur.tags)) {
      next.tags = tags;
      events.push({
        event: 'ticket.tags_changed',
        payload: { added: tags.filter((t) => !cur.tags.includes(t)), removed: cur.tags.filter((t) => !tags.includes(t)) },
      });
    }
  }
  if (input.custom_fields !== undefined) {
    const defs = await listFields(ctx.tx, ctx.actor.workspaceId, { activeOnly: true });
    const fields = applyFieldValues(defs, cur.custom_fields, input.custom_fields);
    if (!same(fields, cur.custom_fields)) {
      next.custom_fields = fields;
      events.push({ event: 'ticket.fields_changed', payload: { from: cur.custom_fields, to: fields } });
    }
  }
  if (input.country !== undefined && input.country !== cur.country) next.country = input.country;
  if (input.language !== undefined && input.language !== cur.language) next.language = input.language;

  if (Object.keys(next).length === 0) return cur;
  // Plain attributes have no event of their own: one event names them all, so every change is in the history.
  const plain = (['subject', 'brand_id', 'country', 'language'] as const).filter((k) => k in next);
  if (plain.length) {
    events.push({
      event: 'ticket.fields_changed',
      payload: { changed: plain, from: Object.fromEntries(plain.map((k) => [k, cur[k]])), to: Object.fromEntries(plain.map((k) => [k, next[k]])) },
    });
  }
  const saved = await saveTicket(ctx.tx, id, next, now);
  for (const e of events) {
    await recordChange(ctx, { event: e.event, aggregateType: 'ticket', aggregateId: id, ticketId: id, payload: e.payload });
  }
  return saved;
}


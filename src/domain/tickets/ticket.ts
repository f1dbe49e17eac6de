import { AppError, conflict, invalid } from '../../platform/errors.js';
import { LIMITS, type Priority, type TicketStatus } from '../../shared/enums.js';

export interface Ticket {
  id: string;
  workspace_id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  channel: string;
  brand_id: string;
  team_id: string | null;
  assignee_id: string | null;
  requester_id: string;
  organization_id: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
  country: string | null;
  language: string | null;
  external_id: string | null;
  merged_into_id: string | null;
  follow_up_of_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  solved_at: Date | null;
  closed_at: Date | null;
}

export const TICKET_COLUMNS = `id, workspace_id, number, subject, status, priority, channel, brand_id, team_id, assignee_id,
  requester_id, organization_id, tags, custom_fields, country, language, external_id, merged_into_id, follow_up_of_id,
  version, created_at, updated_at, solved_at, closed_at`;

/** Closed tickets are read-only: changes go to a follow-up ticket. */
export function assertWritable(t: Pick<Ticket, 'status' | 'number'>): void {
  if (t.status === 'closed') {
    throw new AppError('TICKET_CLOSED', `Ticket #${t.number} is closed and read-only; create a follow-up instead`, 'conflict');
  }
}

/** The status machine. `new` is only the initial state; `closed` is reached from `solved` and is final. */
export function assertTransition(from: TicketStatus, to: TicketStatus): void {
  if (from === to) return;
  if (from === 'closed') throw conflict('TICKET_CLOSED', 'A closed ticket cannot change status');
  if (to === 'new') throw conflict('INVALID_STATUS_TRANSITION', `Cannot move a ticket from ${from} back to new`);
  if (to === 'closed' && from !== 'solved') {
    throw conflict('INVALID_STATUS_TRANSITION', `Only a solved ticket can be closed (it is ${from})`);
  }
}

/** Lower-case, trim, de-duplicate, keep order; tags are single tokens like Zendesk's. */
export function normaliseTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.trim().toLowerCase().replace(/\s+/g, '_');
    if (!t) continue;
    if (t.length > LIMITS.tag || !/^[\p{L}\p{N}_\-:./]+$/u.test(t)) {
      throw invalid('INVALID_TAG', `Tag "${raw}" must be at most ${LIMITS.tag} letters, digits or _-:./`);
    }
    if (!out.includes(t)) out.push(t);
  }
  if (out.length > LIMITS.tags) throw invalid('TOO_MANY_TAGS', `At most ${LIMITS.tags} tags per ticket`);
  return out;
}

/** Timestamps that follow a status change. */
export function statusTimestamps(to: TicketStatus, at: Date, current: Pick<Ticket, 'solved_at' | 'closed_at'>) {
  return {
    solved_at: to === 'solved' ? at : to === 'closed' ? current.solved_at ?? at : null,
    closed_at: to === 'closed' ? at : null,
  };
}

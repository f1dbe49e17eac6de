/** The bulk bar's logic: its choices → POST /api/v1/tickets/bulk_update `changes`, and the refusals it may get back. */
import type { z } from 'zod';
import type { ZBulkUpdate } from '../../../shared/contracts/tickets.js';
import { PRIORITIES, TICKET_STATUSES } from '../../../shared/enums.js';
import { ApiError } from '../../api-client/client.js';
import { priorityLabel, shortId, statusLabel } from '../../ui/format.js';
import { normaliseTag } from '../tickets/tags-editor.js';

export type BulkChanges = z.input<typeof ZBulkUpdate>['changes'];

/** What the bar's controls hold: '' = leave as is; NONE = clear (unassign, no team). */
export interface BulkDraft {
  status: string;
  priority: string;
  assignee: string;
  team: string;
  addTags: string;
  removeTags: string;
}

export const NONE = '__none__';
export const EMPTY_DRAFT: BulkDraft = { status: '', priority: '', assignee: '', team: '', addTags: '', removeTags: '' };

/** Statuses the bar offers: every status but "new" (a ticket cannot go back to new). */
export const BULK_STATUSES = TICKET_STATUSES.filter((s) => s !== 'new');

const isStatus = (s: string): s is (typeof TICKET_STATUSES)[number] => (TICKET_STATUSES as readonly string[]).includes(s);
const isPriority = (s: string): s is (typeof PRIORITIES)[number] => (PRIORITIES as readonly string[]).includes(s);

/** "VIP, refund  ,vip" → ["vip", "refund"]: comma-separated, normalised like the tags editor, without repeats. */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const t of text.split(/[,\n]/).map(normaliseTag)) if (t && !out.includes(t)) out.push(t);
  return out;
}

/** Only what the agent chose goes out; an empty result means there is nothing to apply. */
export function bulkChangesOf(d: BulkDraft): BulkChanges {
  const c: BulkChanges = {};
  if (isStatus(d.status)) c.status = d.status;
  if (isPriority(d.priority)) c.priority = d.priority;
  if (d.assignee) c.assignee_id = d.assignee === NONE ? null : d.assignee;
  if (d.team) c.team_id = d.team === NONE ? null : d.team;
  const add = parseTags(d.addTags);
  const remove = parseTags(d.removeTags);
  if (add.length) c.add_tags = add;
  if (remove.length) c.remove_tags = remove;
  return c;
}

export const hasChanges = (c: BulkChanges): boolean => Object.keys(c).length > 0;

/** Short lines naming each change, for the confirmation after a bulk update. */
export function describeChanges(c: BulkChanges, names: { user(id: string): string; team(id: string): string }): string[] {
  const out: string[] = [];
  if (c.status) out.push(`status → ${statusLabel(c.status)}`);
  if (c.priority) out.push(`priority → ${priorityLabel(c.priority)}`);
  if (c.assignee_id !== undefined) out.push(c.assignee_id === null ? 'unassigned' : `assignee → ${names.user(c.assignee_id)}`);
  if (c.team_id !== undefined) out.push(c.team_id === null ? 'team removed' : `team → ${names.team(c.team_id)}`);
  if (c.add_tags?.length) out.push(`tags added: ${c.add_tags.join(', ')}`);
  if (c.remove_tags?.length) out.push(`tags removed: ${c.remove_tags.join(', ')}`);
  return out;
}

export const ticketsLabel = (n: number): string => `${n} ticket${n === 1 ? '' : 's'}`;

export interface BulkFailure {
  id: string;
  /** "#123" when the ticket is in the list, else a short id */
  label: string;
  subject: string | null;
  code: string;
  detail: string;
}

/**
 * The tickets that refused a bulk update (422 BULK_UPDATE_REJECTED, nothing was changed), named by their
 * number from the list; null for any other error.
 */
export function bulkFailuresOf(err: unknown, tickets: ReadonlyArray<{ id: string; number: number; subject: string }>): BulkFailure[] | null {
  if (!(err instanceof ApiError) || err.code !== 'BULK_UPDATE_REJECTED') return null;
  const raw = Array.isArray(err.problem.failures) ? (err.problem.failures as unknown[]) : [];
  return raw.flatMap((f) => {
    if (typeof f !== 'object' || f === null || typeof (f as { id?: unknown }).id !== 'string') return [];
    const { id, code, detail } = f as { id: string; code?: unknown; detail?: unknown };
    const t = tickets.find((x) => x.id === id);
    return [{
      id,
      label: t ? `#${t.number}` : shortId(id),
      subject: t?.subject ?? null,
      code: typeof code === 'string' ? code : 'REFUSED',
      detail: typeof detail === 'string' ? detail : 'Refused the change',
    }];
  });
}

/**
 * One Idempotency-Key per distinct request: re-sending the same ids and changes (a retry after a lost
 * response) reuses the key, so the server applies it at most once; anything else gets a fresh key.
 */
export function keyFor(prev: { fingerprint: string; key: string } | null, body: { ids: readonly string[]; changes: BulkChanges }, make: () => string) {
  // exactly the body sent: the server refuses a key reused with a different body (even reordered ids)
  const fingerprint = JSON.stringify(body);
  return prev && prev.fingerprint === fingerprint ? prev : { fingerprint, key: make() };
}

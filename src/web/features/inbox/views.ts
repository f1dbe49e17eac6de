/** Inbox views: built-in ones, one per team, and the user's saved views (GET /api/v1/views). */
import type { z } from 'zod';
import type { ZTicketQuery } from '../../../shared/contracts/tickets.js';
import type { ViewCounts } from '../../api-client/types.js';

export const OPEN_STATUSES = 'new,open,pending,on_hold';

export interface View {
  id: string;
  label: string;
  params: Record<string, string>;
  /** key in GET /api/v1/tickets/counts */
  countKey?: Exclude<keyof ViewCounts, 'teams'>;
}

export const BUILTIN_VIEWS: View[] = [
  { id: 'mine', label: 'My open tickets', params: { assignee_id: 'me', status: OPEN_STATUSES }, countKey: 'mine' },
  { id: 'unassigned', label: 'Unassigned', params: { assignee_id: 'none', status: OPEN_STATUSES }, countKey: 'unassigned' },
  { id: 'all_open', label: 'All open', params: { status: OPEN_STATUSES }, countKey: 'all_open' },
  { id: 'new', label: 'New', params: { status: 'new' }, countKey: 'new' },
  { id: 'pending', label: 'Pending', params: { status: 'pending' }, countKey: 'pending' },
  { id: 'solved', label: 'Solved', params: { status: 'solved' }, countKey: 'solved' },
  { id: 'all', label: 'All tickets', params: {} },
];

export const teamView = (team: { id: string; name: string }): View => ({
  id: `team-${team.id}`,
  label: team.name,
  params: { team_id: team.id, status: OPEN_STATUSES },
});

/** The filter-bar keys that may refine a view (kept in the URL). */
export const FILTER_KEYS = ['status', 'priority', 'brand_id', 'tag', 'assignee_id', 'team_id'] as const;

/** Keys a saved view may hold: the ticket-list query without paging (the server validates the values). */
export const VIEW_FILTER_KEYS = [
  'status', 'priority', 'assignee_id', 'team_id', 'brand_id', 'tag', 'requester_id', 'organization_id', 'channel',
  'created_after', 'created_before', 'updated_after', 'updated_before', 'sort',
] as const satisfies ReadonlyArray<keyof z.input<typeof ZTicketQuery>>;

/** The filters of a view as POST /api/v1/views takes them: known keys with non-empty string values. */
export function toViewFilters(params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of VIEW_FILTER_KEYS) {
    const v = params[k];
    if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  }
  return out;
}

export const savedViewOf = (v: { id: string; name: string; filters: Record<string, string> }): View => ({
  id: `saved-${v.id}`,
  label: v.name,
  params: v.filters,
});

/** A filter saved in this browser before saved views had an API (localStorage, per user). */
export interface LegacyFilter {
  id: string;
  name: string;
  params: Record<string, string>;
}

const STORAGE_KEY = 'switchboard.saved_filters.v1';

export function legacyStorageKey(userId: string): string {
  return `${STORAGE_KEY}.${userId}`;
}

export function loadLegacyFilters(userId: string, storage: Pick<Storage, 'getItem'>): LegacyFilter[] {
  try {
    const raw = storage.getItem(legacyStorageKey(userId));
    const v: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(v)) return [];
    return v.filter(
      (f): f is LegacyFilter =>
        typeof f === 'object' && f !== null && typeof f.id === 'string' && typeof f.name === 'string' && typeof f.params === 'object' && f.params !== null,
    );
  } catch {
    return [];
  }
}

export interface MigrationResult {
  /** legacy id → id of the saved view now standing for it */
  moved: Map<string, string>;
  /** refused by the server for good (e.g. invalid filters, too many views): dropped */
  dropped: LegacyFilter[];
  /** failed for a passing reason (offline, server error, signed out): kept for the next load */
  kept: LegacyFilter[];
}

/**
 * Move this browser's saved filters to the saved-views API, once: each is created (with an idempotency
 * key derived from its id, so two tabs do not create it twice), then the storage keeps only those that
 * failed for a passing reason — and is removed when none are left.
 */
export async function migrateLegacyFilters(
  userId: string,
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
  create: (name: string, filters: Record<string, string>, idempotencyKey: string) => Promise<{ id: string }>,
  isPermanent: (err: unknown) => boolean,
): Promise<MigrationResult> {
  const out: MigrationResult = { moved: new Map(), dropped: [], kept: [] };
  let present: boolean;
  try {
    present = storage.getItem(legacyStorageKey(userId)) !== null;
  } catch {
    return out;
  }
  if (!present) return out;
  for (const f of loadLegacyFilters(userId, storage)) {
    const name = f.name.trim().slice(0, 100) || 'Saved filter';
    try {
      const view = await create(name, toViewFilters(f.params), `legacy-filter-${userId}-${f.id}`);
      out.moved.set(f.id, view.id);
    } catch (err) {
      (isPermanent(err) ? out.dropped : out.kept).push(f);
    }
  }
  try {
    if (out.kept.length > 0) storage.setItem(legacyStorageKey(userId), JSON.stringify(out.kept));
    else storage.removeItem(legacyStorageKey(userId));
  } catch {
    // storage became unavailable: the idempotency keys keep a second run from duplicating views
  }
  return out;
}

/** A view's own params overridden by the filter bar's (an empty value removes the key). */
export function mergeParams(base: Record<string, string>, overrides: Record<string, string | null>): Record<string, string> {
  const out: Record<string, string> = { ...base };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === null || v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}

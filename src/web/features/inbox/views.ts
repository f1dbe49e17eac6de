/** Inbox views: built-in ones, one per team, and saved filters (localStorage until the API has saved views). */
export const OPEN_STATUSES = 'new,open,pending,on_hold';

export interface View {
  id: string;
  label: string;
  params: Record<string, string>;
  /** key in GET /api/v1/tickets/counts */
  countKey?: string;
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

export interface SavedFilter {
  id: string;
  name: string;
  params: Record<string, string>;
}

const STORAGE_KEY = 'switchboard.saved_filters.v1';

function storageKey(userId: string): string {
  return `${STORAGE_KEY}.${userId}`;
}

export function loadSavedFilters(userId: string, storage: Pick<Storage, 'getItem'> = localStorage): SavedFilter[] {
  try {
    const raw = storage.getItem(storageKey(userId));
    const v: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(v)) return [];
    return v.filter(
      (f): f is SavedFilter =>
        typeof f === 'object' && f !== null && typeof f.id === 'string' && typeof f.name === 'string' && typeof f.params === 'object' && f.params !== null,
    );
  } catch {
    return [];
  }
}

export function storeSavedFilters(userId: string, filters: SavedFilter[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(storageKey(userId), JSON.stringify(filters));
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

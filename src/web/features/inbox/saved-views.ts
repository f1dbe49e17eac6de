import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, api } from '../../api-client/client.js';
import { keys } from '../../api-client/queries.js';
import type { SavedView } from '../../api-client/types.js';
import { newKey } from '../tickets/mutations.js';
import { migrateLegacyFilters, toViewFilters } from './views.js';

const createView = (name: string, filters: Record<string, string>, idempotencyKey: string) =>
  api.post<SavedView>('/api/v1/views', { name, filters }, { idempotencyKey });

/** Save the current filters as a named view (POST /api/v1/views). */
export function useCreateView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { name: string; params: Record<string, string> }) => createView(v.name.trim().slice(0, 100), toViewFilters(v.params), newKey()),
    onSuccess: (view) => {
      qc.setQueryData<{ data: SavedView[] }>(keys.views, (old) => (old ? { data: [...old.data.filter((x) => x.id !== view.id), view] } : old));
      void qc.invalidateQueries({ queryKey: keys.views });
    },
  });
}

/** Delete a saved view; one that is already gone counts as deleted. */
export function useDeleteView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      try {
        await api.del<void>(`/api/v1/views/${id}`);
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 404)) throw err;
      }
      return id;
    },
    onSuccess: (id) => {
      qc.setQueryData<{ data: SavedView[] }>(keys.views, (old) => (old ? { data: old.data.filter((x) => x.id !== id) } : old));
      void qc.invalidateQueries({ queryKey: keys.views });
    },
  });
}

/** Errors that retrying on the next load will not fix (the filter is dropped instead of kept). */
export function isPermanentError(err: unknown): boolean {
  return err instanceof ApiError && err.status >= 400 && err.status < 500 && ![401, 408, 429].includes(err.status);
}

/**
 * Once per signed-in user and page load: move filters saved in this browser (localStorage) to the
 * saved-views API, then forget them locally. A link to a moved filter is sent to its new view.
 */
export function useLegacyFilterMigration(userId: string): void {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const path = useRef(location.pathname);
  path.current = location.pathname;
  const done = useRef<string | null>(null);

  useEffect(() => {
    if (done.current === userId) return;
    done.current = userId;
    let storage: Storage;
    try {
      storage = window.localStorage;
    } catch {
      return;
    }
    void migrateLegacyFilters(userId, storage, createView, isPermanentError).then((r) => {
      if (r.moved.size === 0) return;
      void qc.invalidateQueries({ queryKey: keys.views });
      const m = /^\/inbox\/saved-(.+)$/.exec(path.current);
      const to = m ? r.moved.get(m[1]) : undefined;
      if (to) navigate(`/inbox/saved-${to}`, { replace: true });
    });
  }, [userId, qc, navigate]);
}

import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useSavedViews, useTeams, useTicketList } from '../../api-client/queries.js';
import type { SavedView } from '../../api-client/types.js';
import { ErrorBox, Empty, Loading } from '../../ui/feedback.js';
import { useSession } from '../auth/session.js';
import { useHotkeys } from '../shortcuts/hotkeys.js';
import { BulkBar } from './bulk-bar.js';
import { useBulkSelection } from './bulk-selection.js';
import { FilterBar } from './filter-bar.js';
import { useListNavigation } from './list-navigation.js';
import { useCreateView, useDeleteView } from './saved-views.js';
import { InboxSidebar } from './sidebar.js';
import { TicketTable } from './ticket-table.js';
import { BUILTIN_VIEWS, FILTER_KEYS, mergeParams, savedViewOf, teamView, type View } from './views.js';
import { PriorityViewLink } from '../routing/priority-link.js';

export function InboxPage() {
  const { viewId = 'mine' } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const teams = useTeams().data?.data ?? [];
  const savedViews = useSavedViews();
  const saved = useMemo(() => savedViews.data?.data ?? [], [savedViews.data]);
  const createView = useCreateView();
  const deleteView = useDeleteView();
  const savedPending = viewId.startsWith('saved-') && savedViews.isPending;

  const view: View | undefined = useMemo(() => {
    const b = BUILTIN_VIEWS.find((v) => v.id === viewId);
    if (b) return b;
    if (viewId.startsWith('team-')) {
      const t = teams.find((x) => `team-${x.id}` === viewId);
      return t ? teamView(t) : { id: viewId, label: 'Team', params: { team_id: viewId.slice(5), status: 'new,open,pending,on_hold' } };
    }
    if (viewId.startsWith('saved-')) {
      const f = saved.find((x) => `saved-${x.id}` === viewId);
      return f ? savedViewOf(f) : undefined;
    }
    return undefined;
  }, [viewId, teams, saved]);

  const overrides: Record<string, string | null> = {};
  for (const k of FILTER_KEYS) {
    const v = search.get(k);
    if (v !== null) overrides[k] = v;
  }
  const params = mergeParams(view?.params ?? {}, overrides);
  const list = useTicketList(params);
  const tickets = useMemo(() => list.data?.pages.flatMap((p) => p.data) ?? [], [list.data]);
  const listKey = `${viewId}?${search.toString()}`;
  const [selected, setSelected] = useListNavigation(tickets.length, (i) => navigate(`/tickets/${tickets[i].id}`), listKey);
  // bulk actions: checked tickets belong to this view and its filters, and start over when they change
  const canBulk = useSession().can('tickets.bulk_update');
  const ticketIds = useMemo(() => tickets.map((t) => t.id), [tickets]);
  const checks = useBulkSelection(listKey, ticketIds);
  const [notice, setNotice] = useState<{ key: string; text: string } | null>(null);
  useHotkeys({
    x: () => {
      if (canBulk && tickets[selected]) checks.toggle(tickets[selected].id);
    },
  });

  function change(key: string, value: string | null) {
    const next = new URLSearchParams(search);
    // an empty choice must override a view default (e.g. "any status" in a view of open tickets)
    next.set(key, value ?? '');
    if (value === null && !(key in (view?.params ?? {}))) next.delete(key);
    setSearch(next, { replace: true });
  }

  function saveView(name: string) {
    // the view keeps what is on screen: the current view's params with the filter bar's changes
    createView.mutate({ name, params }, { onSuccess: (v) => navigate(`/inbox/saved-${v.id}`) });
  }

  function deleteSaved(v: SavedView) {
    if (!window.confirm(`Delete the saved view “${v.name}”?`)) return;
    deleteView.mutate(v.id, { onSuccess: () => viewId === `saved-${v.id}` && navigate('/inbox/mine') });
  }

  return (
    <div className="with-sidebar">
      <InboxSidebar saved={saved} savedLoading={savedViews.isPending} onDeleteSaved={deleteSaved} deleting={deleteView.isPending ? (deleteView.variables ?? null) : null} />
      <section className="main-pane" aria-labelledby="view-title">
        <header className="pane-head">
          <h1 id="view-title">{view?.label ?? 'Unknown view'}</h1>
          <span className="muted">{list.isFetching ? 'Updating…' : `${tickets.length}${list.hasNextPage ? '+' : ''} tickets`}</span>
          <span className="spacer" />
          <PriorityViewLink params={params} />
          <button type="button" className="btn btn-small" onClick={() => void list.refetch()}>
            Refresh
          </button>
        </header>
        <ErrorBox error={savedViews.error ?? createView.error ?? deleteView.error} onRetry={savedViews.error ? () => void savedViews.refetch() : undefined} />
        {savedPending ? (
          <Loading />
        ) : !view ? (
          <Empty>This view does not exist (a saved view may have been deleted).</Empty>
        ) : (
          <>
            <FilterBar params={params} onChange={change} onClear={() => setSearch(new URLSearchParams(), { replace: true })} onSave={saveView} hasOverrides={Object.keys(overrides).length > 0} />
            <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
            {notice?.key === listKey && (
              <div className="alert alert-success" role="status">
                <span>{notice.text}</span>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => setNotice(null)}>
                  Dismiss
                </button>
              </div>
            )}
            {canBulk && checks.ids.length > 0 && (
              <BulkBar ids={checks.ids} tickets={tickets} onClear={checks.clear} onUncheck={checks.uncheck} onDone={(text) => setNotice({ key: listKey, text })} />
            )}
            {list.isPending ? (
              <Loading />
            ) : tickets.length === 0 ? (
              <Empty>No tickets in this view. Nice work.</Empty>
            ) : (
              <div className="table-scroll">
                <TicketTable tickets={tickets} selected={selected} onSelect={setSelected} caption={view.label} checks={canBulk ? checks : undefined} />
                {list.hasNextPage && (
                  <div className="load-more">
                    <button type="button" className="btn" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                      {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
                    </button>
                  </div>
                )}
              </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}

import { NavLink } from 'react-router';
import { useCounts, useTeams } from '../../api-client/queries.js';
import type { SavedView } from '../../api-client/types.js';
import { BUILTIN_VIEWS, teamView } from './views.js';

interface Props {
  saved: SavedView[];
  savedLoading: boolean;
  onDeleteSaved(view: SavedView): void;
  deleting: string | null;
}

export function InboxSidebar({ saved, savedLoading, onDeleteSaved, deleting }: Props) {
  const counts = useCounts().data;
  const teams = useTeams().data?.data ?? [];
  const cls = ({ isActive }: { isActive: boolean }) => (isActive ? 'view-link is-active' : 'view-link');
  return (
    <nav className="sidebar" aria-label="Views">
      <h2 className="sidebar-title">Views</h2>
      <ul>
        {BUILTIN_VIEWS.map((v) => (
          <li key={v.id}>
            <NavLink to={`/inbox/${v.id}`} className={cls}>
              <span>{v.label}</span>
              {v.countKey && counts && <span className="count">{counts[v.countKey] ?? 0}</span>}
            </NavLink>
          </li>
        ))}
      </ul>
      {teams.length > 0 && (
        <>
          <h2 className="sidebar-title">Teams</h2>
          <ul>
            {teams.map((t) => {
              const v = teamView(t);
              const n = counts?.teams?.[t.id] ?? 0;
              return (
                <li key={t.id}>
                  <NavLink to={`/inbox/${v.id}`} className={cls} data-testid={`team-view-${t.id}`}>
                    <span>{t.name}</span>
                    {counts && (
                      <span className="count" title={`${n} open`}>
                        {n}
                      </span>
                    )}
                  </NavLink>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <h2 className="sidebar-title">Saved views</h2>
      {savedLoading ? (
        <p className="sidebar-hint">Loading…</p>
      ) : saved.length === 0 ? (
        <p className="sidebar-hint">Refine a view with the filters, then “Save as view”.</p>
      ) : (
        <ul>
          {saved.map((f) => (
            <li key={f.id} className="saved-item">
              <NavLink to={`/inbox/saved-${f.id}`} className={cls}>
                <span>{f.name}</span>
              </NavLink>
              <button
                type="button"
                className="btn btn-ghost btn-icon"
                aria-label={`Delete saved view ${f.name}`}
                disabled={deleting === f.id}
                onClick={() => onDeleteSaved(f)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

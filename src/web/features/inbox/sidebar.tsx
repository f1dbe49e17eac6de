import { NavLink } from 'react-router';
import { useCounts, useTeams } from '../../api-client/queries.js';
import { BUILTIN_VIEWS, teamView, type SavedFilter } from './views.js';

export function InboxSidebar({ saved, onDeleteSaved }: { saved: SavedFilter[]; onDeleteSaved(id: string): void }) {
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
              return (
                <li key={t.id}>
                  <NavLink to={`/inbox/${v.id}`} className={cls}>
                    <span>{t.name}</span>
                  </NavLink>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <h2 className="sidebar-title">Saved filters</h2>
      {saved.length === 0 ? (
        <p className="sidebar-hint">Refine a view with the filters, then “Save as filter”.</p>
      ) : (
        <ul>
          {saved.map((f) => (
            <li key={f.id} className="saved-item">
              <NavLink to={`/inbox/saved-${f.id}`} className={cls}>
                <span>{f.name}</span>
              </NavLink>
              <button type="button" className="btn btn-ghost btn-icon" aria-label={`Delete saved filter ${f.name}`} onClick={() => onDeleteSaved(f.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useSession } from '../auth/session.js';
import { WEB_MODULES } from '../../routes/web-modules.js';

export const ADMIN_SECTIONS = [
  { to: '/admin/users', label: 'Users', ability: 'users.manage' },
  { to: '/admin/teams', label: 'Teams', ability: 'teams.manage' },
  { to: '/admin/brands', label: 'Brands', ability: 'brands.manage' },
  { to: '/admin/fields', label: 'Custom fields', ability: 'fields.manage' },
  ...WEB_MODULES.flatMap((m) => m.adminSections),
  { to: '/admin/tokens', label: 'API tokens', ability: 'tokens.own' },
];

export function AdminShell({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const { can } = useSession();
  return (
    <div className="with-sidebar">
      <nav className="sidebar" aria-label="Admin">
        <h2 className="sidebar-title">Admin</h2>
        <ul>
          {ADMIN_SECTIONS.filter((s) => can(s.ability)).map((s) => (
            <li key={s.to}>
              <NavLink to={s.to} className={({ isActive }) => (isActive ? 'view-link is-active' : 'view-link')}>
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <section className="main-pane" aria-labelledby="admin-title">
        <header className="pane-head">
          <h1 id="admin-title">{title}</h1>
          <span className="spacer" />
          {actions}
        </header>
        {children}
      </section>
    </div>
  );
}

/** A mutation that refreshes one list when it succeeds. */
export function useSave<TVars, TOut>(fn: (v: TVars) => Promise<TOut>, key: QueryKey) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: key }) });
}

export function CheckboxList({ legend, items, value, onChange }: { legend: string; items: Array<{ id: string; name: string }>; value: string[]; onChange(ids: string[]): void }) {
  return (
    <fieldset className="checkbox-list">
      <legend>{legend}</legend>
      {items.length === 0 && <span className="muted small">None yet.</span>}
      {items.map((i) => (
        <label key={i.id} className="check-row">
          <input type="checkbox" checked={value.includes(i.id)} onChange={(e) => onChange(e.target.checked ? [...value, i.id] : value.filter((x) => x !== i.id))} />
          {i.name}
        </label>
      ))}
    </fieldset>
  );
}

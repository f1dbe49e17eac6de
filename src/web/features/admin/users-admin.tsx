import { useState, type FormEvent } from 'react';
import { ROLES } from '../../../shared/enums.js';
import { api, errorText } from '../../api-client/client.js';
import { keys, useBrands, useTeams, useUsers } from '../../api-client/queries.js';
import type { User } from '../../api-client/types.js';
import { Dialog } from '../../ui/dialog.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { shortTime } from '../../ui/format.js';
import { AdminShell, CheckboxList, useSave } from './admin-common.js';

const ROLE_HELP: Record<string, string> = {
  admin: 'everything, including users and settings',
  supervisor: 'all tickets, reports and audit',
  agent: 'works tickets',
  collaborator: 'reads shared tickets, internal notes only',
  analyst: 'read-only reports',
};

type Draft = { email: string; name: string; role: string; password: string; brand_ids: string[]; team_ids: string[] };

export function UsersAdmin() {
  const users = useUsers();
  const brands = useBrands().data?.data ?? [];
  const teams = useTeams().data?.data ?? [];
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const toggle = useSave((u: User) => api.patch<User>(`/api/v1/users/${u.id}`, { is_active: !u.is_active }), keys.users);
  const brandName = (id: string) => brands.find((b) => b.id === id)?.name ?? id;
  const teamName = (id: string) => teams.find((t) => t.id === id)?.name ?? id;

  return (
    <AdminShell
      title="Users"
      actions={
        <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing('new')}>
          Add user
        </button>
      }
    >
      <ErrorBox error={users.error ?? toggle.error} />
      {users.isPending ? (
        <Loading />
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Brands</th>
              <th scope="col">Teams</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Status</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {(users.data?.data ?? []).map((u) => (
              <tr key={u.id} className={u.is_active ? undefined : 'is-inactive'}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{u.role}</td>
                <td>{u.brand_ids.length ? u.brand_ids.map(brandName).join(', ') : <span className="muted">all</span>}</td>
                <td>{u.team_ids.map(teamName).join(', ') || <span className="muted">—</span>}</td>
                <td>{u.last_login_at ? shortTime(u.last_login_at) : <span className="muted">never</span>}</td>
                <td>{!u.is_active ? 'Deactivated' : u.locked_until && new Date(u.locked_until) > new Date() ? 'Locked' : 'Active'}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(u)}>
                    Edit
                  </button>
                  <button type="button" className="btn btn-small" disabled={toggle.isPending} onClick={() => toggle.mutate(u)}>
                    {u.is_active ? 'Deactivate' : 'Reactivate'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <UserDialog user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} brands={brands} teams={teams} />}
    </AdminShell>
  );
}

function UserDialog({ user, onClose, brands, teams }: { user: User | null; onClose(): void; brands: Array<{ id: string; name: string }>; teams: Array<{ id: string; name: string }> }) {
  const [d, setD] = useState<Draft>({
    email: user?.email ?? '', name: user?.name ?? '', role: user?.role ?? 'agent', password: '', brand_ids: user?.brand_ids ?? [], team_ids: user?.team_ids ?? [],
  });
  const save = useSave(
    (x: Draft) =>
      user
        ? api.patch<User>(`/api/v1/users/${user.id}`, { name: x.name, role: x.role, brand_ids: x.brand_ids, team_ids: x.team_ids, ...(x.password ? { password: x.password } : {}) })
        : api.post<User>('/api/v1/users', { email: x.email, name: x.name, role: x.role, brand_ids: x.brand_ids, team_ids: x.team_ids, ...(x.password ? { password: x.password } : {}) }),
    keys.users,
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(d, { onSuccess: onClose });
  }
  return (
    <Dialog open onClose={onClose} title={user ? `Edit ${user.name}` : 'Add user'} wide>
      <form className="form" onSubmit={submit}>
        <div className="form-row">
          <label className="field">
            <span>Email</span>
            <input type="email" required disabled={!!user} value={d.email} onChange={(e) => setD({ ...d, email: e.target.value })} />
          </label>
          <label className="field">
            <span>Name</span>
            <input required value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} />
          </label>
        </div>
        <div className="form-row">
          <label className="field">
            <span>Role</span>
            <select value={d.role} onChange={(e) => setD({ ...d, role: e.target.value })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r} — {ROLE_HELP[r]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{user ? 'New password (optional)' : 'Password (optional, 10+ characters)'}</span>
            <input type="password" autoComplete="new-password" minLength={10} value={d.password} onChange={(e) => setD({ ...d, password: e.target.value })} />
          </label>
        </div>
        <div className="form-row">
          <CheckboxList legend="Brands (none = all brands)" items={brands} value={d.brand_ids} onChange={(brand_ids) => setD({ ...d, brand_ids })} />
          <CheckboxList legend="Teams" items={teams} value={d.team_ids} onChange={(team_ids) => setD({ ...d, team_ids })} />
        </div>
        {save.error && (
          <p className="alert alert-error" role="alert">
            {errorText(save.error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {user ? 'Save' : 'Create user'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

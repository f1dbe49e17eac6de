import { ROLES } from '../../../shared/enums.js';
import { api } from '../../api-client/client.js';
import { keys, useBrands, useTeams, useUsers } from '../../api-client/queries.js';
import type { User } from '../../api-client/types.js';
import { shortTime } from '../../ui/format.js';
import { CheckboxList, useSave } from './admin-common.js';
import { EditDialog, Field, useDraft } from './admin-form.js';
import { AdminCrudPage, muted } from './admin-table.js';

const ROLE_HELP: Record<string, string> = {
  admin: 'everything, including users and settings',
  supervisor: 'all tickets, reports and audit',
  agent: 'works tickets',
  collaborator: 'reads shared tickets, internal notes only',
  analyst: 'read-only reports',
};

type Draft = { email: string; name: string; role: string; password: string; brand_ids: string[]; team_ids: string[] };
type Named = Array<{ id: string; name: string }>;

const statusOf = (u: User) => (!u.is_active ? 'Deactivated' : u.locked_until && new Date(u.locked_until) > new Date() ? 'Locked' : 'Active');

export function UsersAdmin() {
  const brands = useBrands().data?.data ?? [];
  const teams = useTeams().data?.data ?? [];
  const toggle = useSave((u: User) => api.patch<User>(`/api/v1/users/${u.id}`, { is_active: !u.is_active }), keys.users);
  const brandName = (id: string) => brands.find((b) => b.id === id)?.name ?? id;
  const teamName = (id: string) => teams.find((t) => t.id === id)?.name ?? id;

  return (
    <AdminCrudPage
      title="Users"
      addLabel="Add user"
      query={useUsers()}
      error={toggle.error}
      columns={[
        { header: 'Name', cell: (u) => u.name },
        { header: 'Email', cell: (u) => u.email },
        { header: 'Role', cell: (u) => u.role },
        { header: 'Brands', cell: (u) => (u.brand_ids.length ? u.brand_ids.map(brandName).join(', ') : muted('all')) },
        { header: 'Teams', cell: (u) => u.team_ids.map(teamName).join(', ') || muted() },
        { header: 'Last sign-in', cell: (u) => (u.last_login_at ? shortTime(u.last_login_at) : muted('never')) },
        { header: 'Status', cell: statusOf },
      ]}
      rowClass={(u) => (u.is_active ? undefined : 'is-inactive')}
      extraActions={(u) => (
        <button type="button" className="btn btn-small" disabled={toggle.isPending} onClick={() => toggle.mutate(u)}>
          {u.is_active ? 'Deactivate' : 'Reactivate'}
        </button>
      )}
      dialog={(user, close) => <UserDialog user={user} onClose={close} brands={brands} teams={teams} />}
    />
  );
}

function UserDialog({ user, onClose, brands, teams }: { user: User | null; onClose(): void; brands: Named; teams: Named }) {
  const { draft, text, set } = useDraft<Draft>({
    email: user?.email ?? '', name: user?.name ?? '', role: user?.role ?? 'agent', password: '', brand_ids: user?.brand_ids ?? [], team_ids: user?.team_ids ?? [],
  });
  const save = useSave((x: Draft) => {
    const common = { name: x.name, role: x.role, brand_ids: x.brand_ids, team_ids: x.team_ids, ...(x.password ? { password: x.password } : {}) };
    return user ? api.patch<User>(`/api/v1/users/${user.id}`, common) : api.post<User>('/api/v1/users', { email: x.email, ...common });
  }, keys.users);
  return (
    <EditDialog
      title={user ? `Edit ${user.name}` : 'Add user'}
      wide
      onClose={onClose}
      onSubmit={() => save.mutate(draft, { onSuccess: onClose })}
      save={save}
      submitLabel={user ? 'Save' : 'Create user'}
    >
      <div className="form-row">
        <Field label="Email">
          <input type="email" required disabled={!!user} {...text('email')} />
        </Field>
        <Field label="Name">
          <input required {...text('name')} />
        </Field>
      </div>
      <div className="form-row">
        <Field label="Role">
          <select {...text('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r} — {ROLE_HELP[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={user ? 'New password (optional)' : 'Password (optional, 10+ characters)'}>
          <input type="password" autoComplete="new-password" minLength={10} {...text('password')} />
        </Field>
      </div>
      <div className="form-row">
        <CheckboxList legend="Brands (none = all brands)" items={brands} value={draft.brand_ids} onChange={set('brand_ids')} />
        <CheckboxList legend="Teams" items={teams} value={draft.team_ids} onChange={set('team_ids')} />
      </div>
    </EditDialog>
  );
}

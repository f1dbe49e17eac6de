import { useState, type FormEvent } from 'react';
import { api, errorText } from '../../api-client/client.js';
import { keys, useTeams, useUsers } from '../../api-client/queries.js';
import type { Team } from '../../api-client/types.js';
import { Dialog } from '../../ui/dialog.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { AdminShell, CheckboxList, useSave } from './admin-common.js';

type Draft = { name: string; description: string; member_ids: string[] };

export function TeamsAdmin() {
  const teams = useTeams();
  const users = useUsers().data?.data ?? [];
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  return (
    <AdminShell
      title="Teams"
      actions={
        <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing('new')}>
          Add team
        </button>
      }
    >
      <ErrorBox error={teams.error} />
      {teams.isPending ? (
        <Loading />
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Members</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {(teams.data?.data ?? []).map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.description || <span className="muted">—</span>}</td>
                <td>{t.member_ids.map((id) => users.find((u) => u.id === id)?.name ?? id).join(', ') || <span className="muted">none</span>}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(t)}>
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <TeamDialog team={editing === 'new' ? null : editing} users={users.filter((u) => u.is_active)} onClose={() => setEditing(null)} />}
    </AdminShell>
  );
}

function TeamDialog({ team, users, onClose }: { team: Team | null; users: Array<{ id: string; name: string }>; onClose(): void }) {
  const [d, setD] = useState<Draft>({ name: team?.name ?? '', description: team?.description ?? '', member_ids: team?.member_ids ?? [] });
  const save = useSave((x: Draft) => (team ? api.patch<Team>(`/api/v1/teams/${team.id}`, x) : api.post<Team>('/api/v1/teams', x)), keys.teams);
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ ...d, name: d.name.trim() }, { onSuccess: onClose });
  }
  return (
    <Dialog open onClose={onClose} title={team ? `Edit ${team.name}` : 'Add team'}>
      <form className="form" onSubmit={submit}>
        <label className="field">
          <span>Name</span>
          <input required maxLength={100} value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} />
        </label>
        <label className="field">
          <span>Description</span>
          <textarea rows={2} maxLength={1000} value={d.description} onChange={(e) => setD({ ...d, description: e.target.value })} />
        </label>
        <CheckboxList legend="Members" items={users} value={d.member_ids} onChange={(member_ids) => setD({ ...d, member_ids })} />
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
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}

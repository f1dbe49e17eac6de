import { api } from '../../api-client/client.js';
import { keys, useTeams, useUsers } from '../../api-client/queries.js';
import type { Team } from '../../api-client/types.js';
import { CheckboxList, useSave } from './admin-common.js';
import { EditDialog, Field, useDraft } from './admin-form.js';
import { AdminCrudPage, muted } from './admin-table.js';

type Draft = { name: string; description: string; member_ids: string[] };

export function TeamsAdmin() {
  const users = useUsers().data?.data ?? [];
  return (
    <AdminCrudPage
      title="Teams"
      addLabel="Add team"
      query={useTeams()}
      columns={[
        { header: 'Name', cell: (t) => t.name },
        { header: 'Description', cell: (t) => t.description || muted() },
        { header: 'Members', cell: (t) => t.member_ids.map((id) => users.find((u) => u.id === id)?.name ?? id).join(', ') || muted('none') },
      ]}
      dialog={(team, close) => <TeamDialog team={team} users={users.filter((u) => u.is_active)} onClose={close} />}
    />
  );
}

function TeamDialog({ team, users, onClose }: { team: Team | null; users: Array<{ id: string; name: string }>; onClose(): void }) {
  const { draft, text, set } = useDraft<Draft>({ name: team?.name ?? '', description: team?.description ?? '', member_ids: team?.member_ids ?? [] });
  const save = useSave((x: Draft) => (team ? api.patch<Team>(`/api/v1/teams/${team.id}`, x) : api.post<Team>('/api/v1/teams', x)), keys.teams);
  return (
    <EditDialog
      title={team ? `Edit ${team.name}` : 'Add team'}
      onClose={onClose}
      onSubmit={() => save.mutate({ ...draft, name: draft.name.trim() }, { onSuccess: onClose })}
      save={save}
    >
      <Field label="Name">
        <input required maxLength={100} {...text('name')} />
      </Field>
      <Field label="Description">
        <textarea rows={2} maxLength={1000} {...text('description')} />
      </Field>
      <CheckboxList legend="Members" items={users} value={draft.member_ids} onChange={set('member_ids')} />
    </EditDialog>
  );
}

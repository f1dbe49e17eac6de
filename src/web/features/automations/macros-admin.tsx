import { api } from '../../api-client/client.js';
import { useSession } from '../auth/session.js';
import { useSave } from '../admin/admin-common.js';
import { EditDialog, Field, useDraft } from '../admin/admin-form.js';
import { AdminCrudPage, muted } from '../admin/admin-table.js';
import { akeys, describeActions, useAutomationSchema, useMacros, type Action, type Macro } from './api.js';
import { JsonField } from './json-field.js';

export function MacrosAdmin() {
  return (
    <AdminCrudPage
      title="Macros"
      addLabel="Add macro"
      query={useMacros()}
      rowClass={(m) => (m.active ? undefined : 'is-inactive')}
      columns={[
        { header: 'Name', cell: (m) => (m.active ? m.name : <>{m.name} {muted('(off)')}</>) },
        { header: 'Scope', cell: (m) => (m.owner_id ? 'Personal' : 'Shared') },
        { header: 'Languages', cell: (m) => Object.keys(m.replies).join(', ') || muted('no reply') },
        { header: 'Changes', cell: (m) => <span className="small">{describeActions(m.actions) || muted('none')}</span> },
        { header: 'Used', cell: (m) => m.usage_count },
      ]}
      dialog={(m, close) => <MacroDialog macro={m} onClose={close} />}
    />
  );
}

type Draft = { name: string; description: string; personal: boolean; active: boolean; replies: Record<string, string>; actions?: Action[]; newLang: string };

function MacroDialog({ macro, onClose }: { macro: Macro | null; onClose(): void }) {
  const { can } = useSession();
  const placeholders = useAutomationSchema().data?.placeholders ?? [];
  const { draft, text, check, set } = useDraft<Draft>({
    name: macro?.name ?? '', description: macro?.description ?? '', personal: macro ? macro.owner_id !== null : !can('automations.manage'),
    active: macro?.active ?? true, replies: Object.fromEntries(Object.entries(macro?.replies ?? { en: { body: '' } }).map(([k, v]) => [k, v.body])),
    actions: macro?.actions ?? [], newLang: '',
  });
  const save = useSave((b: Record<string, unknown>) => (macro ? api.patch(`/api/v1/macros/${macro.id}`, b) : api.post('/api/v1/macros', b)), akeys.macros);
  return (
    <EditDialog
      wide
      title={macro ? `Edit ${macro.name}` : 'Add macro'}
      onClose={onClose}
      save={save}
      onSubmit={() => {
        if (!draft.actions) return;
        const replies = Object.fromEntries(Object.entries(draft.replies).filter(([, b]) => b.trim()).map(([k, b]) => [k, { body: b, public: true }]));
        const body: Record<string, unknown> = { name: draft.name.trim(), description: draft.description, active: draft.active, replies, actions: draft.actions };
        if (!macro) body.personal = draft.personal;
        save.mutate(body, { onSuccess: onClose });
      }}
    >
      <Field label="Name">
        <input required maxLength={120} {...text('name')} />
      </Field>
      <Field label="Description">
        <input maxLength={1000} {...text('description')} />
      </Field>
      <div className="form-row">
        {!macro && (
          <label className="check-row">
            <input type="checkbox" {...check('personal')} disabled={!can('automations.manage')} /> Personal (only you see it)
          </label>
        )}
        <label className="check-row">
          <input type="checkbox" {...check('active')} /> Active
        </label>
      </div>
      {Object.entries(draft.replies).map(([lang, body]) => (
        <Field key={lang} label={`Reply (${lang})`}>
          <textarea rows={4} value={body} onChange={(e) => set('replies')({ ...draft.replies, [lang]: e.target.value })} />
        </Field>
      ))}
      <div className="form-row">
        <Field label="Add a language (e.g. es, pt-BR)">
          <input maxLength={5} {...text('newLang')} />
        </Field>
        <button type="button" className="btn btn-small" disabled={!/^[a-z]{2}(-[A-Z]{2})?$/.test(draft.newLang)}
          onClick={() => { set('replies')({ ...draft.replies, [draft.newLang]: '' }); set('newLang')(''); }}>
          Add language
        </button>
      </div>
      <p className="small muted">Placeholders: {placeholders.map((p) => `{{${p}}}`).join(' ')}</p>
      <JsonField<Action[]> label="Field changes" value={draft.actions ?? []} onChange={set('actions')} rows={4}
        hint='e.g. [{"type":"set_status","value":"pending"},{"type":"add_tags","value":["refund"]}]' />
    </EditDialog>
  );
}

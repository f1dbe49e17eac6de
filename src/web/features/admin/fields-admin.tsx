import { useState, type FormEvent } from 'react';
import { FIELD_TYPES } from '../../../shared/enums.js';
import { api, errorText } from '../../api-client/client.js';
import { keys, useFields } from '../../api-client/queries.js';
import type { CustomField } from '../../api-client/types.js';
import { Dialog } from '../../ui/dialog.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { AdminShell, useSave } from './admin-common.js';

type Draft = { key: string; label: string; type: string; options: string; is_required: boolean; is_active: boolean; position: string };

const parseOptions = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

export function FieldsAdmin() {
  const fields = useFields();
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const rows = [...(fields.data?.data ?? [])].sort((a, b) => a.position - b.position || a.label.localeCompare(b.label));
  return (
    <AdminShell
      title="Custom fields"
      actions={
        <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing('new')}>
          Add field
        </button>
      }
    >
      <ErrorBox error={fields.error} />
      {fields.isPending ? (
        <Loading />
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Key</th>
              <th scope="col">Type</th>
              <th scope="col">Options</th>
              <th scope="col">Required</th>
              <th scope="col">Active</th>
              <th scope="col">Position</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={f.id} className={f.is_active ? undefined : 'is-inactive'}>
                <td>{f.label}</td>
                <td>
                  <code>{f.key}</code>
                </td>
                <td>{f.type}</td>
                <td>{f.options.join(', ') || <span className="muted">—</span>}</td>
                <td>{f.is_required ? 'yes' : 'no'}</td>
                <td>{f.is_active ? 'yes' : 'no'}</td>
                <td>{f.position}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(f)}>
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <FieldDialog field={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </AdminShell>
  );
}

function FieldDialog({ field, onClose }: { field: CustomField | null; onClose(): void }) {
  const [d, setD] = useState<Draft>({
    key: field?.key ?? '', label: field?.label ?? '', type: field?.type ?? 'text', options: (field?.options ?? []).join('\n'),
    is_required: field?.is_required ?? false, is_active: field?.is_active ?? true, position: String(field?.position ?? 0),
  });
  const save = useSave((x: Draft) => {
    const common = { label: x.label.trim(), is_required: x.is_required, position: Number(x.position) || 0, ...(x.type === 'dropdown' ? { options: parseOptions(x.options) } : {}) };
    return field
      ? api.patch<CustomField>(`/api/v1/custom_fields/${field.id}`, { ...common, is_active: x.is_active })
      : api.post<CustomField>('/api/v1/custom_fields', { ...common, key: x.key.trim(), type: x.type });
  }, keys.fields);
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(d, { onSuccess: onClose });
  }
  return (
    <Dialog open onClose={onClose} title={field ? `Edit ${field.label}` : 'Add custom field'}>
      <form className="form" onSubmit={submit}>
        <div className="form-row">
          <label className="field">
            <span>Label</span>
            <input required maxLength={200} value={d.label} onChange={(e) => setD({ ...d, label: e.target.value })} />
          </label>
          <label className="field">
            <span>Key {field ? '(fixed)' : '(lower_snake_case)'}</span>
            <input required pattern="[a-z][a-z0-9_]{0,63}" disabled={!!field} value={d.key} onChange={(e) => setD({ ...d, key: e.target.value })} />
          </label>
        </div>
        <div className="form-row">
          <label className="field">
            <span>Type</span>
            <select disabled={!!field} value={d.type} onChange={(e) => setD({ ...d, type: e.target.value })}>
              {FIELD_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Position</span>
            <input type="number" min={0} max={10000} value={d.position} onChange={(e) => setD({ ...d, position: e.target.value })} />
          </label>
        </div>
        {d.type === 'dropdown' && (
          <label className="field">
            <span>Options (one per line)</span>
            <textarea rows={5} value={d.options} onChange={(e) => setD({ ...d, options: e.target.value })} />
          </label>
        )}
        <label className="check-row">
          <input type="checkbox" checked={d.is_required} onChange={(e) => setD({ ...d, is_required: e.target.checked })} /> Required
        </label>
        {field && (
          <label className="check-row">
            <input type="checkbox" checked={d.is_active} onChange={(e) => setD({ ...d, is_active: e.target.checked })} /> Active (shown on tickets)
          </label>
        )}
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

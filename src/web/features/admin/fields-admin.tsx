import { FIELD_TYPES } from '../../../shared/enums.js';
import { api } from '../../api-client/client.js';
import { keys, useFields } from '../../api-client/queries.js';
import type { CustomField } from '../../api-client/types.js';
import { useSave } from './admin-common.js';
import { EditDialog, Field, useDraft } from './admin-form.js';
import { AdminCrudPage, muted, type Column } from './admin-table.js';

type Draft = { key: string; label: string; type: string; options: string; is_required: boolean; is_active: boolean; position: string };

const parseOptions = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

const COLUMNS: Array<Column<CustomField>> = [
  { header: 'Label', cell: (f) => f.label },
  { header: 'Key', cell: (f) => <code>{f.key}</code> },
  { header: 'Type', cell: (f) => f.type },
  { header: 'Options', cell: (f) => f.options.join(', ') || muted() },
  { header: 'Required', cell: (f) => yesNo(f.is_required) },
  { header: 'Active', cell: (f) => yesNo(f.is_active) },
  { header: 'Position', cell: (f) => f.position },
];

export function FieldsAdmin() {
  const fields = useFields();
  const rows = [...(fields.data?.data ?? [])].sort((a, b) => a.position - b.position || a.label.localeCompare(b.label));
  return (
    <AdminCrudPage
      title="Custom fields"
      addLabel="Add field"
      query={fields}
      rows={rows}
      columns={COLUMNS}
      rowClass={(f) => (f.is_active ? undefined : 'is-inactive')}
      dialog={(field, close) => <FieldDialog field={field} onClose={close} />}
    />
  );
}

function FieldDialog({ field, onClose }: { field: CustomField | null; onClose(): void }) {
  const { draft: d, text, check } = useDraft<Draft>({
    key: field?.key ?? '', label: field?.label ?? '', type: field?.type ?? 'text', options: (field?.options ?? []).join('\n'),
    is_required: field?.is_required ?? false, is_active: field?.is_active ?? true, position: String(field?.position ?? 0),
  });
  const save = useSave((x: Draft) => {
    const common = { label: x.label.trim(), is_required: x.is_required, position: Number(x.position) || 0, ...(x.type === 'dropdown' ? { options: parseOptions(x.options) } : {}) };
    return field
      ? api.patch<CustomField>(`/api/v1/custom_fields/${field.id}`, { ...common, is_active: x.is_active })
      : api.post<CustomField>('/api/v1/custom_fields', { ...common, key: x.key.trim(), type: x.type });
  }, keys.fields);
  return (
    <EditDialog title={field ? `Edit ${field.label}` : 'Add custom field'} onClose={onClose} onSubmit={() => save.mutate(d, { onSuccess: onClose })} save={save}>
      <div className="form-row">
        <Field label="Label">
          <input required maxLength={200} {...text('label')} />
        </Field>
        <Field label={`Key ${field ? '(fixed)' : '(lower_snake_case)'}`}>
          <input required pattern="[a-z][a-z0-9_]{0,63}" disabled={!!field} {...text('key')} />
        </Field>
      </div>
      <div className="form-row">
        <Field label="Type">
          <select disabled={!!field} {...text('type')}>
            {FIELD_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Position">
          <input type="number" min={0} max={10000} {...text('position')} />
        </Field>
      </div>
      {d.type === 'dropdown' && (
        <Field label="Options (one per line)">
          <textarea rows={5} {...text('options')} />
        </Field>
      )}
      <label className="check-row">
        <input type="checkbox" {...check('is_required')} /> Required
      </label>
      {field && (
        <label className="check-row">
          <input type="checkbox" {...check('is_active')} /> Active (shown on tickets)
        </label>
      )}
    </EditDialog>
  );
}

import type { CustomField, FieldValue } from '../../api-client/types.js';

/** One typed input per custom field type; empty → null. */
export function FieldInput({ field, value, onChange, disabled }: { field: CustomField; value: unknown; onChange(v: FieldValue): void; disabled?: boolean }) {
  const id = `cf-${field.key}`;
  const label = (
    <label htmlFor={id} className="prop-label">
      {field.label}
      {field.is_required && <span className="required" aria-label="required"> *</span>}
    </label>
  );
  switch (field.type) {
    case 'checkbox':
      return (
        <div className="prop prop-check">
          <input id={id} type="checkbox" checked={value === true} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
          {label}
        </div>
      );
    case 'dropdown':
      return (
        <div className="prop">
          {label}
          <select id={id} value={typeof value === 'string' ? value : ''} disabled={disabled} onChange={(e) => onChange(e.target.value || null)}>
            <option value="">—</option>
            {field.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
            {typeof value === 'string' && value && !field.options.includes(value) && <option value={value}>{value} (retired)</option>}
          </select>
        </div>
      );
    case 'number':
      return (
        <div className="prop">
          {label}
          <input
            id={id}
            type="number"
            step="any"
            disabled={disabled}
            value={typeof value === 'number' ? String(value) : typeof value === 'string' ? value : ''}
            onChange={(e) => onChange(e.target.value === '' ? null : Number.isFinite(e.target.valueAsNumber) ? e.target.valueAsNumber : null)}
          />
        </div>
      );
    case 'date':
      return (
        <div className="prop">
          {label}
          <input id={id} type="date" disabled={disabled} value={typeof value === 'string' ? value.slice(0, 10) : ''} onChange={(e) => onChange(e.target.value || null)} />
        </div>
      );
    default:
      return (
        <div className="prop">
          {label}
          <input id={id} type="text" disabled={disabled} value={typeof value === 'string' ? value : value == null ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)} />
        </div>
      );
  }
}

import { useEffect, useState } from 'react';
import { TICKET_STATUSES } from '../../../shared/enums.js';
import { useBrands } from '../../api-client/queries.js';
import { statusLabel } from '../../ui/format.js';
import { NamedOptions, PriorityOptions, StatusOptions } from '../../ui/options.js';
import { OPEN_STATUSES } from './views.js';

interface Props {
  /** effective params (view + overrides) */
  params: Record<string, string>;
  onChange(key: string, value: string | null): void;
  onClear(): void;
  onSave(name: string): void;
  hasOverrides: boolean;
}

export function FilterBar({ params, onChange, onClear, onSave, hasOverrides }: Props) {
  const brands = useBrands().data?.data ?? [];
  const [tag, setTag] = useState(params.tag ?? '');
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  useEffect(() => setTag(params.tag ?? ''), [params.tag]);

  const status = params.status ?? '';
  const statusIsCustom = status !== '' && status !== OPEN_STATUSES && !(TICKET_STATUSES as readonly string[]).includes(status);

  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      <label className="inline-field">
        <span>Status</span>
        <select value={status} onChange={(e) => onChange('status', e.target.value || null)}>
          <option value="">Any</option>
          <option value={OPEN_STATUSES}>Unsolved</option>
          <StatusOptions />
          {statusIsCustom && <option value={status}>{status.split(',').map(statusLabel).join(', ')}</option>}
        </select>
      </label>
      <label className="inline-field">
        <span>Priority</span>
        <select value={params.priority ?? ''} onChange={(e) => onChange('priority', e.target.value || null)}>
          <option value="">Any</option>
          <PriorityOptions />
          <option value="high,urgent">High + urgent</option>
        </select>
      </label>
      {brands.length > 1 && (
        <label className="inline-field">
          <span>Brand</span>
          <select value={params.brand_id ?? ''} onChange={(e) => onChange('brand_id', e.target.value || null)}>
            <option value="">Any</option>
            <NamedOptions items={brands} />
          </select>
        </label>
      )}
      <form
        className="inline-field"
        onSubmit={(e) => {
          e.preventDefault();
          onChange('tag', tag.trim() || null);
        }}
      >
        <label htmlFor="filter-tag">Tag</label>
        <input id="filter-tag" value={tag} placeholder="e.g. refund" size={12} onChange={(e) => setTag(e.target.value)} onBlur={() => tag.trim() !== (params.tag ?? '') && onChange('tag', tag.trim() || null)} />
      </form>
      <span className="spacer" />
      {hasOverrides && (
        <button type="button" className="btn btn-ghost btn-small" onClick={onClear}>
          Reset filters
        </button>
      )}
      {saving ? (
        <form
          className="inline-field"
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) return;
            onSave(name.trim());
            setSaving(false);
            setName('');
          }}
        >
          <label htmlFor="save-filter-name" className="sr-only">
            View name
          </label>
          <input id="save-filter-name" autoFocus value={name} maxLength={100} placeholder="Name this view" onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setSaving(false)} />
          <button type="submit" className="btn btn-small btn-primary">
            Save
          </button>
        </form>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => setSaving(true)}>
          Save as view
        </button>
      )}
    </div>
  );
}

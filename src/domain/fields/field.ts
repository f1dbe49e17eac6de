import { invalid } from '../../platform/errors.js';
import type { FieldType } from '../../shared/enums.js';

export interface CustomField {
  id: string;
  workspace_id: string;
  key: string;
  label: string;
  type: FieldType;
  options: string[];
  is_required: boolean;
  is_active: boolean;
  position: number;
  created_at: Date;
}

export const FIELD_COLUMNS = 'id, workspace_id, key, label, type, options, is_required, is_active, position, created_at';

/** Coerce and check one value against its definition; returns the value to store. */
export function validateFieldValue(f: CustomField, value: unknown): unknown {
  const bad = (why: string) => invalid('INVALID_CUSTOM_FIELD', `Custom field "${f.key}" ${why}`, { field: f.key, value });
  switch (f.type) {
    case 'text':
      if (typeof value !== 'string') throw bad('must be text');
      if (value.length > 10_000) throw bad('is longer than 10,000 characters');
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('must be a finite number');
      return value;
    case 'checkbox':
      if (typeof value !== 'boolean') throw bad('must be true or false');
      return value;
    case 'date': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw bad('must be a date YYYY-MM-DD');
      const d = new Date(`${value}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw bad('is not a real calendar date');
      return value;
    }
    case 'dropdown':
      if (typeof value !== 'string' || !f.options.includes(value)) {
        throw bad(`must be one of: ${f.options.join(', ')}`);
      }
      return value;
  }
}

/**
 * Validate a patch of custom field values (null clears a value) against the definitions and merge it
 * into `current`. Unknown keys are rejected; a required field can never be cleared; with `requireAll`,
 * required fields must end up set.
 */
export function applyFieldValues(
  defs: CustomField[],
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
  opts: { requireAll?: boolean } = {},
): Record<string, unknown> {
  const byKey = new Map(defs.filter((d) => d.is_active).map((d) => [d.key, d]));
  const out = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    const def = byKey.get(k);
    if (!def) throw invalid('UNKNOWN_CUSTOM_FIELD', `There is no active custom field "${k}"`, { field: k });
    if ((v === null || v === '') && def.is_required) {
      throw invalid('CUSTOM_FIELD_REQUIRED', `Custom field "${k}" is required and cannot be cleared`, { fields: [k] });
    }
    if (v === null) delete out[k];
    else out[k] = validateFieldValue(def, v);
  }
  if (opts.requireAll) {
    const missing = [...byKey.values()].filter((d) => d.is_required && (out[d.key] === undefined || out[d.key] === ''));
    if (missing.length) {
      throw invalid('CUSTOM_FIELD_REQUIRED', `Required custom fields missing: ${missing.map((m) => m.key).join(', ')}`, {
        fields: missing.map((m) => m.key),
      });
    }
  }
  return out;
}

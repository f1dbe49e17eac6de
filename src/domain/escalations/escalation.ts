import { invalid } from '../../platform/errors.js';

export const ESCALATION_KINDS = ['engineering', 'product', 'legal', 'ops', 'payments', 'other'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];
export const REQUIRED_FIELD_TYPES = ['text', 'url', 'number', 'select'] as const;

export interface RequiredField {
  key: string;
  label: string;
  type: (typeof REQUIRED_FIELD_TYPES)[number];
  options?: string[];
}

export interface EscalationTarget {
  team_id: string;
  kind: EscalationKind;
  required_fields: RequiredField[];
  response_minutes: number | null;
  resolution_minutes: number | null;
  updated_at: Date;
}

export interface Escalation {
  id: string;
  workspace_id: string;
  ticket_id: string;
  team_id: string;
  reason: string;
  fields: Record<string, string | number>;
  status: 'open' | 'answered' | 'resolved' | 'cancelled';
  owner_id: string | null;
  created_by: string | null;
  shared_with: string[];
  response_due_at: Date | null;
  resolution_due_at: Date | null;
  answered_at: Date | null;
  resolved_at: Date | null;
  created_at: Date;
}

export const ESCALATION_COLUMNS = `id, workspace_id, ticket_id, team_id, reason, fields, status, owner_id, created_by, shared_with,
  response_due_at, resolution_due_at, answered_at, resolved_at, created_at`;

/** A target team's field definitions: unique snake_case keys, select fields with options. */
export function checkFieldDefs(defs: RequiredField[]): RequiredField[] {
  const seen = new Set<string>();
  for (const d of defs) {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(d.key)) throw invalid('INVALID_FIELD_KEY', `Field key "${d.key}" must be snake_case (a-z, 0-9, _), at most 40 characters`);
    if (seen.has(d.key)) throw invalid('DUPLICATE_FIELD_KEY', `Field key "${d.key}" appears twice`);
    seen.add(d.key);
    if (d.type === 'select' && !d.options?.length) throw invalid('FIELD_OPTIONS_REQUIRED', `Select field "${d.key}" needs options`);
  }
  return defs;
}

/** Check the values an escalation brings against the target team's required fields; every missing one is listed. */
export function checkRequiredFields(defs: RequiredField[], values: Record<string, unknown>): Record<string, string | number> {
  const errors: Array<{ path: string; message: string }> = [];
  const out: Record<string, string | number> = {};
  for (const d of defs) {
    const v = values[d.key];
    const s = typeof v === 'string' ? v.trim() : v;
    if (s === undefined || s === null || s === '') {
      errors.push({ path: `fields.${d.key}`, message: `${d.label} is required` });
      continue;
    }
    if (d.type === 'number' && (typeof s !== 'number' || !Number.isFinite(s))) errors.push({ path: `fields.${d.key}`, message: `${d.label} must be a number` });
    else if (d.type === 'url' && (typeof s !== 'string' || !/^https?:\/\/[^\s]+$/i.test(s))) errors.push({ path: `fields.${d.key}`, message: `${d.label} must be an http(s) URL` });
    else if (d.type === 'select' && !d.options?.includes(String(s))) errors.push({ path: `fields.${d.key}`, message: `${d.label} must be one of ${d.options?.join(', ')}` });
    else if ((d.type === 'text' || d.type === 'url') && typeof s !== 'string') errors.push({ path: `fields.${d.key}`, message: `${d.label} must be text` });
    else out[d.key] = s as string | number;
  }
  const unknown = Object.keys(values).filter((k) => !defs.some((d) => d.key === k));
  for (const k of unknown) errors.push({ path: `fields.${k}`, message: 'This team does not ask for this field' });
  if (errors.length) throw invalid('ESCALATION_FIELDS_INVALID', `The escalation is missing or has invalid fields: ${errors.map((e) => e.path).join(', ')}`, { errors });
  return out;
}

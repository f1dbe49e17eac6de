import type { Tx } from '../../platform/db/index.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { FieldType } from '../../shared/enums.js';
import { authorize, recordChange, type Ctx } from '../kernel/index.js';
import { FIELD_COLUMNS, type CustomField } from './field.js';

export async function listFields(tx: Tx, workspaceId: string, opts: { activeOnly?: boolean } = {}): Promise<CustomField[]> {
  return tx.query<CustomField>(
    `SELECT ${FIELD_COLUMNS} FROM custom_fields WHERE workspace_id = $1 ${opts.activeOnly ? 'AND is_active' : ''} ORDER BY position, key`,
    [workspaceId],
  );
}

export interface CreateFieldInput {
  key: string;
  label: string;
  type: FieldType;
  options?: string[];
  is_required?: boolean;
  position?: number;
}

function checkOptions(type: FieldType, options: string[]): void {
  if (type === 'dropdown' && options.length === 0) throw invalid('DROPDOWN_NEEDS_OPTIONS', 'A dropdown needs at least one option');
  if (type !== 'dropdown' && options.length > 0) throw invalid('OPTIONS_NOT_ALLOWED', 'Only dropdown fields have options');
  if (new Set(options).size !== options.length) throw invalid('DUPLICATE_OPTIONS', 'Dropdown options must be unique');
}

export async function createField(ctx: Ctx, input: CreateFieldInput): Promise<CustomField> {
  authorize(ctx.actor, 'fields.manage');
  const options = input.options ?? [];
  checkOptions(input.type, options);
  const now = ctx.clock.now();
  const row = await ctx.tx.maybeOne<CustomField>(
    `INSERT INTO custom_fields (id, workspace_id, key, label, type, options, is_required, position, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (workspace_id, key) DO NOTHING RETURNING ${FIELD_COLUMNS}`,
    [newId('fld', now), ctx.actor.workspaceId, input.key, input.label, input.type, JSON.stringify(options), input.is_required ?? false, input.position ?? 0, now],
  );
  if (!row) throw conflict('CUSTOM_FIELD_KEY_TAKEN', `A custom field with key "${input.key}" already exists`);
  await recordChange(ctx, { event: 'custom_field.created', aggregateType: 'custom_field', aggregateId: row.id, payload: { key: row.key, type: row.type } });
  return row;
}

export interface UpdateFieldInput {
  label?: string;
  options?: string[];
  is_required?: boolean;
  is_active?: boolean;
  position?: number;
}

export async function updateField(ctx: Ctx, id: string, input: UpdateFieldInput): Promise<CustomField> {
  authorize(ctx.actor, 'fields.manage');
  const cur = await ctx.tx.maybeOne<CustomField>(`SELECT ${FIELD_COLUMNS} FROM custom_fields WHERE id = $1 AND workspace_id = $2 FOR UPDATE`, [id, ctx.actor.workspaceId]);
  if (!cur) throw notFound('CUSTOM_FIELD_NOT_FOUND', 'Custom field');
  const next = { ...cur, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as CustomField;
  checkOptions(next.type, next.options);
  const row = await ctx.tx.one<CustomField>(
    `UPDATE custom_fields SET label = $2, options = $3, is_required = $4, is_active = $5, position = $6 WHERE id = $1 RETURNING ${FIELD_COLUMNS}`,
    [id, next.label, JSON.stringify(next.options), next.is_required, next.is_active, next.position],
  );
  await recordChange(ctx, { event: 'custom_field.updated', aggregateType: 'custom_field', aggregateId: id, payload: { changes: input } });
  return row;
}

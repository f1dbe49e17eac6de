import type { Tx } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { POLICY_COLUMNS, type SlaPolicy } from './sla-policy.js';

export async function loadPolicy(tx: Tx, workspaceId: string, id: string, opts: { forUpdate?: boolean; withDeleted?: boolean } = {}): Promise<SlaPolicy> {
  const row = await tx.maybeOne<SlaPolicy>(
    `SELECT ${POLICY_COLUMNS} FROM sla_policies WHERE id = $1 AND workspace_id = $2${opts.withDeleted ? '' : ' AND deleted_at IS NULL'}${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [id, workspaceId],
  );
  if (!row) throw notFound('SLA_POLICY_NOT_FOUND', 'SLA policy');
  return row;
}

export async function listPolicyRows(tx: Tx, workspaceId: string, opts: { activeOnly?: boolean } = {}): Promise<SlaPolicy[]> {
  return tx.query<SlaPolicy>(
    `SELECT ${POLICY_COLUMNS} FROM sla_policies WHERE workspace_id = $1 AND deleted_at IS NULL${opts.activeOnly ? ' AND is_active' : ''} ORDER BY position, created_at`,
    [workspaceId],
  );
}

export async function savePolicy(tx: Tx, p: SlaPolicy): Promise<void> {
  await tx.query(
    `INSERT INTO sla_policies (${POLICY_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7::jsonb,$8::jsonb,$9::text[],$10,$11::jsonb,$12,$13,$14)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, position = EXCLUDED.position,
       is_active = EXCLUDED.is_active, conditions = EXCLUDED.conditions, targets = EXCLUDED.targets, pause_statuses = EXCLUDED.pause_statuses,
       calendar_id = EXCLUDED.calendar_id, breach_actions = EXCLUDED.breach_actions, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
    [
      p.id, p.workspace_id, p.name, p.description, p.position, p.is_active, JSON.stringify(p.conditions), JSON.stringify(p.targets),
      p.pause_statuses, p.calendar_id, JSON.stringify(p.breach_actions), p.version, p.created_at, p.updated_at,
    ],
  );
}

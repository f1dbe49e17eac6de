import type { Tx } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import type { ActiveSop, Rollout } from './assignment.js';
import type { TicketFacts } from './conditions.js';
import type { RunState } from './engine.js';
import type { ApproverSlot, VersionStatus } from './lifecycle.js';
import type { SopDefinition } from './model.js';
import type { TestCaseResult } from './test-runner.js';

export interface Sop {
  id: string;
  workspace_id: string;
  key: string;
  name: string;
  owner: string;
  purpose: string;
  approvers: ApproverSlot[];
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface SopVersion {
  id: string;
  workspace_id: string;
  sop_id: string;
  number: number;
  status: VersionStatus;
  definition: SopDefinition;
  yaml: string;
  review_round: number;
  rollout: Rollout | null;
  tests_result: { passed: number; failed: number; results: TestCaseResult[]; at: string } | null;
  author_id: string | null;
  created_at: Date;
  updated_at: Date;
  launched_at: Date | null;
  promoted_at: Date | null;
  ended_at: Date | null;
}

export interface SopRun {
  id: string;
  workspace_id: string;
  ticket_id: string;
  sop_id: string;
  version_id: string;
  arm: 'A' | 'B' | null;
  mode: 'human' | 'auto';
  status: RunState['status'];
  state: RunState;
  wait_until: Date | null;
  wait_event: string | null;
  escalated: boolean;
  started_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

export const SOP_COLS = 'id, workspace_id, key, name, owner, purpose, approvers, created_by, created_at, updated_at';
export const VERSION_COLS = `id, workspace_id, sop_id, number, status, definition, yaml, review_round, rollout, tests_result, author_id,
  created_at, updated_at, launched_at, promoted_at, ended_at`;
export const RUN_COLS = 'id, workspace_id, ticket_id, sop_id, version_id, arm, mode, status, state, wait_until, wait_event, escalated, started_at, updated_at, completed_at';

export async function loadSop(tx: Tx, workspaceId: string, id: string): Promise<Sop> {
  const row = await tx.maybeOne<Sop>(`SELECT ${SOP_COLS} FROM sops WHERE id = $1 AND workspace_id = $2`, [id, workspaceId]);
  if (!row) throw notFound('SOP_NOT_FOUND', 'SOP');
  return row;
}

export async function loadVersion(tx: Tx, workspaceId: string, id: string, forUpdate = false): Promise<SopVersion> {
  const row = await tx.maybeOne<SopVersion>(`SELECT ${VERSION_COLS} FROM sop_versions WHERE id = $1 AND workspace_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [id, workspaceId]);
  if (!row) throw notFound('SOP_VERSION_NOT_FOUND', 'SOP version');
  return row;
}

export async function loadRun(tx: Tx, workspaceId: string, id: string, forUpdate = false): Promise<SopRun> {
  const row = await tx.maybeOne<SopRun>(`SELECT ${RUN_COLS} FROM sop_runs WHERE id = $1 AND workspace_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [id, workspaceId]);
  if (!row) throw notFound('SOP_RUN_NOT_FOUND', 'SOP run');
  return row;
}

export async function saveRun(tx: Tx, run: SopRun, state: RunState, at: Date, extra: { escalated?: boolean } = {}): Promise<SopRun> {
  const ended = state.status === 'completed' || state.status === 'handed_off';
  return tx.one<SopRun>(
    `UPDATE sop_runs SET status = $2, state = $3, wait_until = $4, wait_event = $5, escalated = escalated OR $6, updated_at = $7,
       completed_at = CASE WHEN $8 THEN coalesce(completed_at, $7) ELSE NULL END
     WHERE id = $1 RETURNING ${RUN_COLS}`,
    [run.id, state.status, JSON.stringify(state), state.wait?.until ?? null, state.wait?.event ?? null, extra.escalated ?? false, at, ended],
  );
}

// Definitions of launched/promoted versions never change (edits are refused past "approved"), so they are cached by version id.
const frozen = new Map<string, SopDefinition>();

/** Every SOP with a launched or promoted version, shaped for assignment. */
export async function loadActiveSops(tx: Tx, workspaceId: string): Promise<{ sops: ActiveSop[]; definitions: Map<string, SopDefinition> }> {
  const rows = await tx.query<{ id: string; sop_id: string; status: VersionStatus; rollout: Rollout | null; definition: SopDefinition | null }>(
    `SELECT id, sop_id, status, rollout, CASE WHEN id = ANY($2::text[]) THEN NULL ELSE definition END AS definition
       FROM sop_versions WHERE workspace_id = $1 AND status IN ('launched','promoted') ORDER BY sop_id, number`,
    [workspaceId, [...frozen.keys()]],
  );
  const bySop = new Map<string, ActiveSop>();
  const definitions = new Map<string, SopDefinition>();
  for (const r of rows) {
    const def = r.definition ?? frozen.get(r.id)!;
    if (r.definition) frozen.set(r.id, r.definition);
    definitions.set(r.id, def);
    const sop = bySop.get(r.sop_id) ?? { sopId: r.sop_id, appliesWhen: def.applies_when, current: null, launched: null };
    if (r.status === 'promoted') sop.current = { versionId: r.id, appliesWhen: def.applies_when };
    else sop.launched = { versionId: r.id, appliesWhen: def.applies_when, rollout: r.rollout ?? { percent: 100 } };
    bySop.set(r.sop_id, sop);
  }
  return { sops: [...bySop.values()], definitions };
}

export async function definitionOf(tx: Tx, versionId: string): Promise<SopDefinition> {
  const hit = frozen.get(versionId);
  if (hit) return hit;
  const row = await tx.one<{ definition: SopDefinition; status: VersionStatus }>('SELECT definition, status FROM sop_versions WHERE id = $1', [versionId]);
  if (!['draft', 'in_review', 'approved'].includes(row.status)) frozen.set(versionId, row.definition);
  return row.definition;
}

export interface FactsRow extends TicketFacts {
  team_id: string | null;
  status: string;
}

const FACTS_SQL = `SELECT t.id, t.number, t.subject, b.slug AS brand, b.name AS brand_name, t.channel, t.country, t.language, t.priority, t.tags,
    t.custom_fields, c.tier AS customer_tier, c.name AS customer_name, t.team_id, t.status,
    (SELECT value FROM customer_identities i WHERE i.customer_id = c.id AND i.kind = 'email' ORDER BY i.is_primary DESC, i.created_at LIMIT 1) AS customer_email
  FROM tickets t JOIN brands b ON b.id = t.brand_id JOIN customers c ON c.id = t.requester_id`;

/** What an SOP sees of a ticket: attributes, brand slug, customer tier and name. */
export async function loadTicketFacts(tx: Tx, ticketId: string): Promise<FactsRow> {
  const row = await tx.maybeOne<FactsRow>(`${FACTS_SQL} WHERE t.id = $1`, [ticketId]);
  if (!row) throw notFound('TICKET_NOT_FOUND', 'Ticket');
  return { ...row, number: Number(row.number) };
}

/** The most recent tickets of a workspace, newest first (dry runs). */
export async function recentTicketFacts(tx: Tx, workspaceId: string, limit: number): Promise<FactsRow[]> {
  const rows = await tx.query<FactsRow>(`${FACTS_SQL} WHERE t.workspace_id = $1 AND t.merged_into_id IS NULL ORDER BY t.created_at DESC, t.id DESC LIMIT $2`, [workspaceId, limit]);
  return rows.map((r) => ({ ...r, number: Number(r.number) }));
}

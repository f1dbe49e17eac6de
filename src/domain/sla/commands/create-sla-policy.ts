import type { Tx } from '../../../platform/db/index.js';
import { AppError, conflict } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import type { CreateSlaPolicyBody, SlaConditions } from '../../../shared/contracts/sla.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { listPolicyRows, savePolicy } from '../policy.repo.js';
import { targetProblems, unsatisfiableConditions, type PolicyProblem, type SlaPolicy } from '../sla-policy.js';

async function missing(tx: Tx, table: string, column: string, workspaceId: string, values: string[]): Promise<string[]> {
  if (values.length === 0) return [];
  const found = await tx.query<{ v: string }>(`SELECT ${column} AS v FROM ${table} WHERE workspace_id = $1 AND ${column} = ANY($2::text[])`, [workspaceId, values]);
  const ok = new Set(found.map((r) => r.v));
  return values.filter((v) => !ok.has(v));
}

/**
 * Every problem of a policy: conditions no ticket can satisfy (→ SLA_POLICY_MATCHES_NOTHING), unknown
 * brands / fields / calendar / teams / users, duplicate targets.
 */
export async function checkPolicy(tx: Tx, workspaceId: string, p: Pick<SlaPolicy, 'conditions' | 'targets' | 'calendar_id' | 'breach_actions'>): Promise<void> {
  const c: SlaConditions = p.conditions;
  const nothing = unsatisfiableConditions(c);
  const unknownBrands = await missing(tx, 'brands', 'id', workspaceId, c.brand_ids ?? []);
  if (unknownBrands.length && unknownBrands.length === (c.brand_ids ?? []).length) {
    nothing.push({ path: 'conditions.brand_ids', message: `no such brand: ${unknownBrands.join(', ')}` });
  }
  if (nothing.length) {
    throw new AppError('SLA_POLICY_MATCHES_NOTHING', `This policy can never apply: ${nothing.map((n) => `${n.path}: ${n.message}`).join('; ')}`, 'validation', { errors: nothing });
  }
  const problems: PolicyProblem[] = [...targetProblems(p.targets)];
  if (unknownBrands.length) problems.push({ path: 'conditions.brand_ids', message: `no such brand: ${unknownBrands.join(', ')}` });
  const unknownFields = await missing(tx, 'custom_fields', 'key', workspaceId, Object.keys(c.custom_fields ?? {}));
  if (unknownFields.length) problems.push({ path: 'conditions.custom_fields', message: `no such field: ${unknownFields.join(', ')}` });
  if (p.calendar_id && (await missing(tx, 'business_calendars', 'id', workspaceId, [p.calendar_id])).length) {
    problems.push({ path: 'calendar_id', message: `no such calendar: ${p.calendar_id}` });
  }
  const teams = p.breach_actions.flatMap((a) => ('team_id' in a && a.team_id ? [a.team_id] : []));
  const users = p.breach_actions.flatMap((a) => [...('assignee_id' in a && a.assignee_id ? [a.assignee_id] : []), ...('user_ids' in a ? a.user_ids ?? [] : [])]);
  const badTeams = await missing(tx, 'teams', 'id', workspaceId, teams);
  const badUsers = await missing(tx, 'users', 'id', workspaceId, users);
  if (badTeams.length) problems.push({ path: 'breach_actions', message: `no such team: ${badTeams.join(', ')}` });
  if (badUsers.length) problems.push({ path: 'breach_actions', message: `no such user: ${badUsers.join(', ')}` });
  if (problems.length) {
    throw new AppError('SLA_POLICY_INVALID', problems.map((n) => `${n.path}: ${n.message}`).join('; '), 'validation', { errors: problems });
  }
}

export async function checkPolicyName(tx: Tx, workspaceId: string, name: string, selfId = ''): Promise<void> {
  const taken = await tx.maybeOne('SELECT 1 FROM sla_policies WHERE workspace_id = $1 AND lower(name) = lower($2) AND id <> $3', [workspaceId, name, selfId]);
  if (taken) throw conflict('SLA_POLICY_NAME_TAKEN', `An SLA policy named "${name}" already exists`);
}

/** Renumber positions 0..n-1 in the given order. */
export async function renumber(tx: Tx, ids: string[]): Promise<void> {
  await tx.query('UPDATE sla_policies p SET position = o.i - 1 FROM unnest($1::text[]) WITH ORDINALITY AS o(id, i) WHERE p.id = o.id', [ids]);
}

/** Create an SLA policy at `position` (default: last). */
export async function createSlaPolicy(ctx: Ctx, input: CreateSlaPolicyBody): Promise<SlaPolicy> {
  authorize(ctx.actor, 'sla.manage');
  const ws = ctx.actor.workspaceId;
  const base = {
    conditions: input.conditions ?? {},
    targets: input.targets.map((t) => ({ metric: t.metric, minutes: t.minutes, business: t.business ?? true, ...(t.warn_minutes !== undefined ? { warn_minutes: t.warn_minutes } : {}) })),
    calendar_id: input.calendar_id ?? null,
    breach_actions: input.breach_actions ?? [],
  };
  await checkPolicy(ctx.tx, ws, base);
  await checkPolicyName(ctx.tx, ws, input.name);
  const existing = await listPolicyRows(ctx.tx, ws);
  const position = Math.min(input.position ?? existing.length, existing.length);
  const now = ctx.clock.now();
  const policy: SlaPolicy = {
    id: newId('slp', now), workspace_id: ws, name: input.name, description: input.description ?? '', position, is_active: input.is_active ?? true,
    ...base, pause_statuses: input.pause_statuses ?? ['pending', 'on_hold'], version: 1, created_at: now, updated_at: now,
  };
  await savePolicy(ctx.tx, policy);
  const order = existing.map((p) => p.id);
  order.splice(position, 0, policy.id);
  await renumber(ctx.tx, order);
  await recordChange(ctx, {
    event: 'sla_policy.created', aggregateType: 'sla_policy', aggregateId: policy.id,
    payload: { name: policy.name, position, conditions: policy.conditions, targets: policy.targets },
  });
  return policy;
}

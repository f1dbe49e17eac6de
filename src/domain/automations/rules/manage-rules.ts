import { invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import type { RuleAction, RuleConditions, RuleInput } from '../../../shared/contracts/automations.js';
import { isEventName } from '../../../shared/events.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { validateConditions } from '../conditions.js';
import { validateActions } from '../validate-actions.js';

export type RuleKind = 'trigger' | 'automation';
export interface Rule {
  id: string;
  kind: RuleKind;
  name: string;
  position: number;
  active: boolean;
  on_events: string[];
  conditions: RuleConditions;
  actions: RuleAction[];
  fire_count: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}
export const RULE_COLS = 'id, kind, name, position, active, on_events, conditions, actions, fire_count, version, created_at, updated_at';
const TIME_FIELDS = ['hours_since_created', 'hours_since_updated', 'hours_in_status'];
const TRIGGER_ONLY = ['event', 'event_actor', 'message_public'];

async function validate(ctx: Ctx, kind: RuleKind, input: Pick<RuleInput, 'conditions' | 'actions' | 'on_events'>): Promise<void> {
  validateConditions(input.conditions);
  const fields = [...input.conditions.all, ...input.conditions.any].map((c) => c.field);
  if (kind === 'automation') {
    if (!fields.some((f) => TIME_FIELDS.includes(f))) {
      throw invalid('AUTOMATION_NEEDS_TIME_CONDITION', `A time-based automation needs a condition on ${TIME_FIELDS.join(', ')} (otherwise use a trigger)`);
    }
    const bad = fields.find((f) => TRIGGER_ONLY.includes(f));
    if (bad) throw invalid('INVALID_CONDITIONS', `"${bad}" describes an event; only triggers can test it`);
    if (input.on_events?.length) throw invalid('INVALID_RULE', 'Time-based automations run on a schedule, not on events');
  } else {
    const bad = (input.on_events ?? []).filter((e) => !isEventName(e));
    if (bad.length) throw invalid('UNKNOWN_EVENT', `Unknown event name(s): ${bad.join(', ')}`);
  }
  await validateActions(ctx, input.actions, { allowReplies: true });
}

export async function listRules(ctx: Ctx, kind: RuleKind): Promise<Rule[]> {
  authorize(ctx.actor, 'automations.manage');
  return ctx.tx.query<Rule>(`SELECT ${RULE_COLS} FROM automation_rules WHERE workspace_id = $1 AND kind = $2 ORDER BY position, created_at, id`, [ctx.actor.workspaceId, kind]);
}

export async function getRule(ctx: Ctx, kind: RuleKind, id: string): Promise<Rule> {
  authorize(ctx.actor, 'automations.manage');
  const r = await ctx.tx.maybeOne<Rule>(`SELECT ${RULE_COLS} FROM automation_rules WHERE id = $1 AND workspace_id = $2 AND kind = $3`, [id, ctx.actor.workspaceId, kind]);
  if (!r) throw notFound(kind === 'trigger' ? 'TRIGGER_NOT_FOUND' : 'AUTOMATION_NOT_FOUND', kind === 'trigger' ? 'Trigger' : 'Automation');
  return r;
}

/** New rules go last unless a position is given (rules run in ascending position). */
export async function createRule(ctx: Ctx, kind: RuleKind, input: RuleInput): Promise<Rule> {
  authorize(ctx.actor, 'automations.manage');
  await validate(ctx, kind, input);
  const now = ctx.clock.now();
  const pos = input.position ?? (await ctx.tx.one<{ p: number }>('SELECT COALESCE(max(position) + 1, 0)::int AS p FROM automation_rules WHERE workspace_id = $1 AND kind = $2', [ctx.actor.workspaceId, kind])).p;
  const r = await ctx.tx.one<Rule>(
    `INSERT INTO automation_rules (id, workspace_id, kind, name, position, active, on_events, conditions, actions, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) RETURNING ${RULE_COLS}`,
    [newId(kind === 'trigger' ? 'trg' : 'aut', now), ctx.actor.workspaceId, kind, input.name, pos, input.active ?? true, input.on_events ?? [],
      JSON.stringify(input.conditions), JSON.stringify(input.actions), now],
  );
  await recordChange(ctx, { event: kind === 'trigger' ? 'trigger.created' : 'automation.created', aggregateType: kind, aggregateId: r.id, payload: { name: r.name, position: r.position } });
  return r;
}

export async function updateRule(ctx: Ctx, kind: RuleKind, id: string, input: Partial<RuleInput>): Promise<Rule> {
  const cur = await getRule(ctx, kind, id);
  const next = { conditions: input.conditions ?? cur.conditions, actions: input.actions ?? cur.actions, on_events: input.on_events ?? cur.on_events };
  await validate(ctx, kind, next);
  const r = await ctx.tx.one<Rule>(
    `UPDATE automation_rules SET name = $2, position = $3, active = $4, on_events = $5, conditions = $6, actions = $7, version = version + 1, updated_at = $8
      WHERE id = $1 RETURNING ${RULE_COLS}`,
    [id, input.name ?? cur.name, input.position ?? cur.position, input.active ?? cur.active, next.on_events, JSON.stringify(next.conditions), JSON.stringify(next.actions), ctx.clock.now()],
  );
  await recordChange(ctx, { event: kind === 'trigger' ? 'trigger.updated' : 'automation.updated', aggregateType: kind, aggregateId: id, payload: { name: r.name, version: r.version, active: r.active } });
  return r;
}

export async function deleteRule(ctx: Ctx, kind: RuleKind, id: string): Promise<void> {
  const cur = await getRule(ctx, kind, id);
  await ctx.tx.query('DELETE FROM automation_rules WHERE id = $1', [id]);
  await recordChange(ctx, { event: kind === 'trigger' ? 'trigger.deleted' : 'automation.deleted', aggregateType: kind, aggregateId: id, payload: { name: cur.name } });
}

import { forbidden, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import type { MacroInput, RuleAction } from '../../../shared/contracts/automations.js';
import { authorize, can, recordChange, type Ctx } from '../../kernel/index.js';
import { checkTemplate } from '../template.js';
import { validateActions } from '../validate-actions.js';

export interface Macro {
  id: string;
  name: string;
  description: string;
  owner_id: string | null;
  active: boolean;
  replies: Record<string, { body: string; public: boolean }>;
  actions: RuleAction[];
  usage_count: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}
export const MACRO_COLS = 'id, name, description, owner_id, active, replies, actions, usage_count, version, created_at, updated_at';

/** Shared macros plus the caller's personal ones (most used first). */
export async function listMacros(ctx: Ctx, opts: { active?: boolean } = {}): Promise<Macro[]> {
  authorize(ctx.actor, 'tickets.read');
  return ctx.tx.query<Macro>(
    `SELECT ${MACRO_COLS} FROM macros WHERE workspace_id = $1 AND (owner_id IS NULL OR owner_id = $2) AND ($3::boolean IS NULL OR active = $3)
      ORDER BY usage_count DESC, name, id`,
    [ctx.actor.workspaceId, ctx.actor.id, opts.active ?? null],
  );
}

export async function getMacro(ctx: Ctx, id: string): Promise<Macro> {
  authorize(ctx.actor, 'tickets.read');
  const m = await ctx.tx.maybeOne<Macro>(`SELECT ${MACRO_COLS} FROM macros WHERE id = $1 AND workspace_id = $2 AND (owner_id IS NULL OR owner_id = $3)`, [
    id, ctx.actor.workspaceId, ctx.actor.id,
  ]);
  if (!m) throw notFound('MACRO_NOT_FOUND', 'Macro');
  return m;
}

/** Shared macros need automations.manage; anyone who can write tickets may keep personal ones. */
function authorizeOwner(ctx: Ctx, personal: boolean): void {
  if (personal) authorize(ctx.actor, 'tickets.write');
  else if (!can(ctx.actor, 'automations.manage')) throw forbidden('Only supervisors and admins manage shared macros; save it as personal instead', 'FORBIDDEN');
}

async function validate(ctx: Ctx, input: Pick<MacroInput, 'replies' | 'actions'>): Promise<void> {
  for (const [lang, r] of Object.entries(input.replies)) checkTemplate(r.body, `replies.${lang}.body`);
  await validateActions(ctx, input.actions, { allowReplies: false });
}

export async function createMacro(ctx: Ctx, input: MacroInput): Promise<Macro> {
  authorizeOwner(ctx, Boolean(input.personal));
  await validate(ctx, input);
  const now = ctx.clock.now();
  const m = await ctx.tx.one<Macro>(
    `INSERT INTO macros (id, workspace_id, name, description, owner_id, active, replies, actions, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9) RETURNING ${MACRO_COLS}`,
    [newId('mac', now), ctx.actor.workspaceId, input.name, input.description ?? '', input.personal ? ctx.actor.id : null, input.active ?? true,
      JSON.stringify(input.replies), JSON.stringify(input.actions), now],
  );
  await recordChange(ctx, { event: 'macro.created', aggregateType: 'macro', aggregateId: m.id, payload: { name: m.name, personal: Boolean(m.owner_id) } });
  return m;
}

export async function updateMacro(ctx: Ctx, id: string, input: Partial<MacroInput>): Promise<Macro> {
  const cur = await getMacro(ctx, id);
  authorizeOwner(ctx, cur.owner_id !== null);
  const next = { replies: input.replies ?? cur.replies, actions: input.actions ?? cur.actions };
  await validate(ctx, next);
  const m = await ctx.tx.one<Macro>(
    `UPDATE macros SET name = $2, description = $3, active = $4, replies = $5, actions = $6, version = version + 1, updated_at = $7 WHERE id = $1 RETURNING ${MACRO_COLS}`,
    [id, input.name ?? cur.name, input.description ?? cur.description, input.active ?? cur.active, JSON.stringify(next.replies), JSON.stringify(next.actions), ctx.clock.now()],
  );
  await recordChange(ctx, { event: 'macro.updated', aggregateType: 'macro', aggregateId: id, payload: { name: m.name, version: m.version } });
  return m;
}

export async function deleteMacro(ctx: Ctx, id: string): Promise<void> {
  const cur = await getMacro(ctx, id);
  authorizeOwner(ctx, cur.owner_id !== null);
  await ctx.tx.query('DELETE FROM macros WHERE id = $1', [id]);
  await recordChange(ctx, { event: 'macro.deleted', aggregateType: 'macro', aggregateId: id, payload: { name: cur.name } });
}

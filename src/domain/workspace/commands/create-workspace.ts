import type { Tx } from '../../../platform/db/index.js';
import type { Clock } from '../../../platform/clock.js';
import { newId } from '../../../platform/ids.js';
import { recordChange, systemActor, type Ctx } from '../../kernel/index.js';
import type { Workspace } from '../workspace.js';

/** Bootstrap a workspace (first start, seed, tests). Acts as the system. */
export async function createWorkspace(tx: Tx, clock: Clock, input: { name: string; is_demo?: boolean }): Promise<{ workspace: Workspace; ctx: Ctx }> {
  const now = clock.now();
  const workspace = await tx.one<Workspace>(
    'INSERT INTO workspaces (id, name, is_demo, created_at) VALUES ($1,$2,$3,$4) RETURNING id, name, is_demo, created_at',
    [newId('wsp', now), input.name, input.is_demo ?? false, now],
  );
  const ctx: Ctx = { actor: systemActor(workspace.id), tx, clock, meta: { channel: 'system' } };
  await recordChange(ctx, { event: 'workspace.created', aggregateType: 'workspace', aggregateId: workspace.id, payload: { name: input.name, is_demo: workspace.is_demo } });
  return { workspace, ctx };
}

export async function firstWorkspace(tx: Tx): Promise<Workspace | undefined> {
  return tx.maybeOne<Workspace>('SELECT id, name, is_demo, created_at FROM workspaces ORDER BY created_at, id LIMIT 1');
}

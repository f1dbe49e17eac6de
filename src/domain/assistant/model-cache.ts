/** Per-process cache of deserialised models, keyed by model id (a version never changes once ready). */
import type { Queryable } from '../../platform/db/index.js';
import { deserializeModel, type IntentModel } from '../intents/index.js';

const byId = new Map<string, IntentModel>();
const activeOf = new Map<string, { id: string; at: number }>();
const ACTIVE_TTL_MS = 5000;

export function forgetModel(workspaceId: string): void {
  activeOf.delete(workspaceId);
}

export async function modelById(q: Queryable, id: string): Promise<IntentModel | null> {
  const hit = byId.get(id);
  if (hit) return hit;
  const row = await q.maybeOne<{ model: Uint8Array | null }>("SELECT model FROM assistant_models WHERE id = $1 AND status = 'ready'", [id]);
  if (!row?.model) return null;
  const m = deserializeModel(row.model);
  if (byId.size > 20) byId.delete(byId.keys().next().value as string);
  byId.set(id, m);
  return m;
}

/** The workspace's active model (id re-read at most every 5 s per process), or null when none is trained. */
export async function activeModel(q: Queryable, workspaceId: string): Promise<{ id: string; model: IntentModel } | null> {
  const cached = activeOf.get(workspaceId);
  let id = cached && performance.now() - cached.at < ACTIVE_TTL_MS ? cached.id : null;
  if (!id) {
    const row = await q.maybeOne<{ id: string }>('SELECT id FROM assistant_models WHERE workspace_id = $1 AND is_active', [workspaceId]);
    if (!row) return null;
    id = row.id;
    activeOf.set(workspaceId, { id, at: performance.now() });
  }
  const model = await modelById(q, id);
  return model ? { id, model } : null;
}

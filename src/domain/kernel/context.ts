import type { Tx } from '../../platform/db/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Role } from '../../shared/enums.js';

export interface Actor {
  type: 'user' | 'system' | 'customer';
  id: string | null;
  workspaceId: string;
  role: Role | 'system';
  /** Brands this actor may see; empty = all brands. */
  brandIds: string[];
  name?: string;
}

export interface RequestMeta {
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  /** The channel the change came through (web, api, email, cli, system…). */
  channel?: string | null;
}

/** What every command and query receives: who, the open transaction, the injected clock. */
export interface Ctx {
  actor: Actor;
  tx: Tx;
  clock: Clock;
  meta: RequestMeta;
}

export function systemActor(workspaceId: string): Actor {
  return { type: 'system', id: null, workspaceId, role: 'system', brandIds: [], name: 'Switchboard' };
}

import { invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';

export interface HttpActionInput {
  key: string;
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH';
  auth_type?: 'none' | 'bearer' | 'basic' | 'header';
  auth_header?: string | null;
  /** Write-only: never returned. */
  auth_secret?: string | null;
  timeout_ms?: number;
}

export interface HttpAction {
  id: string;
  key: string;
  url: string;
  method: string;
  auth_type: string;
  auth_header: string | null;
  has_secret: boolean;
  timeout_ms: number;
}

const COLS = 'id, key, url, method, auth_type, auth_header, auth_secret IS NOT NULL AS has_secret, timeout_ms';

/** Create or replace a configured HTTP action (by key) that SOP action steps may call. */
export async function saveHttpAction(ctx: Ctx, input: HttpActionInput): Promise<HttpAction> {
  authorize(ctx.actor, 'sops.manage');
  if (!/^[a-z][a-z0-9_-]{0,63}$/.test(input.key)) throw invalid('SOP_HTTP_ACTION_KEY', 'key: lower-case letters, digits, "_" or "-"');
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw invalid('SOP_HTTP_ACTION_URL', `"${input.url}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('SOP_HTTP_ACTION_URL', 'Only http(s) URLs');
  const timeout = input.timeout_ms ?? 5000;
  if (timeout < 100 || timeout > 30_000) throw invalid('SOP_HTTP_ACTION_TIMEOUT', 'timeout_ms must be 100–30000');
  const auth = input.auth_type ?? 'none';
  if (auth === 'header' && !input.auth_header) throw invalid('SOP_HTTP_ACTION_AUTH', 'auth_type "header" needs auth_header (e.g. X-Api-Key)');
  const now = ctx.clock.now();
  const row = await ctx.tx.one<HttpAction>(
    `INSERT INTO sop_http_actions (id, workspace_id, key, url, method, auth_type, auth_header, auth_secret, timeout_ms, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10)
     ON CONFLICT (workspace_id, key) DO UPDATE SET url = EXCLUDED.url, method = EXCLUDED.method, auth_type = EXCLUDED.auth_type,
       auth_header = EXCLUDED.auth_header, auth_secret = coalesce(EXCLUDED.auth_secret, sop_http_actions.auth_secret),
       timeout_ms = EXCLUDED.timeout_ms, updated_at = EXCLUDED.updated_at
     RETURNING ${COLS}`,
    [newId('soph', now), ctx.actor.workspaceId, input.key, url.toString(), input.method ?? 'POST', auth, input.auth_header ?? null, input.auth_secret ?? null, timeout, now],
  );
  await recordChange(ctx, { event: 'sop_http_action.saved', aggregateType: 'sop_http_action', aggregateId: row.id, payload: { key: row.key, url: row.url, method: row.method, auth_type: row.auth_type } });
  return row;
}

export async function listHttpActions(ctx: Ctx): Promise<HttpAction[]> {
  authorize(ctx.actor, 'sops.manage');
  return ctx.tx.query<HttpAction>(`SELECT ${COLS} FROM sop_http_actions WHERE workspace_id = $1 ORDER BY key`, [ctx.actor.workspaceId]);
}

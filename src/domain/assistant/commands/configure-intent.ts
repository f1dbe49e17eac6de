import { invalid } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { parseFlow } from '../flow.js';

export interface ConfigureIntentInput {
  intent: string;
  title?: string;
  article_ids?: string[];
  /** The assistant flow (automatable SOP steps); null removes it. */
  flow?: unknown;
  sop_ref?: string | null;
  sop_version?: number | null;
}

/** Intent → Help Center articles and intent → SOP flow (the "intent editor"). */
export async function configureIntent(ctx: Ctx, input: ConfigureIntentInput) {
  authorize(ctx.actor, 'assistant.manage');
  const intent = input.intent?.trim();
  if (!intent || intent.length > 120) throw invalid('INVALID_INTENT', 'intent is required (≤ 120 characters)');
  let flow: unknown = null;
  if (input.flow !== undefined && input.flow !== null) {
    try {
      flow = parseFlow(input.flow);
    } catch (e) {
      throw invalid('INVALID_FLOW', `flow: ${(e as Error).message.slice(0, 500)}`);
    }
  }
  const row = await ctx.tx.one<{ intent: string; version: number | null }>(
    `INSERT INTO assistant_intents (workspace_id, intent, title, article_ids, flow, sop_ref, sop_version, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (workspace_id, intent) DO UPDATE SET title = EXCLUDED.title, article_ids = EXCLUDED.article_ids, flow = EXCLUDED.flow,
       sop_ref = EXCLUDED.sop_ref, sop_version = EXCLUDED.sop_version, updated_at = EXCLUDED.updated_at
     RETURNING intent, sop_version AS version`,
    [ctx.actor.workspaceId, intent, input.title ?? '', input.article_ids ?? [], flow === null ? null : JSON.stringify(flow), input.sop_ref ?? null, input.sop_version ?? null, ctx.clock.now()],
  );
  await recordChange(ctx, { event: 'assistant.intent_configured', aggregateType: 'assistant_intent', aggregateId: `${ctx.actor.workspaceId}:${intent}`, payload: { intent, articles: input.article_ids?.length ?? 0, has_flow: flow !== null, sop_ref: input.sop_ref ?? null, sop_version: input.sop_version ?? null } });
  return row;
}

export async function listIntentConfigs(ctx: Ctx) {
  authorize(ctx.actor, 'assistant.manage');
  return ctx.tx.query<{ intent: string; title: string; article_ids: string[]; flow: unknown; sop_ref: string | null; sop_version: number | null }>(
    'SELECT intent, title, article_ids, flow, sop_ref, sop_version FROM assistant_intents WHERE workspace_id = $1 ORDER BY intent',
    [ctx.actor.workspaceId],
  );
}

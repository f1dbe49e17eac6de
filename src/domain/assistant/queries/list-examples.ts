/** Intent examples per workspace for the admin page: counts per intent and source, and one intent's examples. */
import { authorize, type Ctx } from '../../kernel/index.js';

export interface IntentExampleSummary {
  label: string;
  examples: number;
  by_source: Record<string, number>;
}

export async function summarizeExamples(ctx: Ctx): Promise<IntentExampleSummary[]> {
  authorize(ctx.actor, 'assistant.manage');
  const rows = await ctx.tx.query<{ label: string; source: string; n: number }>(
    'SELECT label, source, count(*)::int AS n FROM assistant_examples WHERE workspace_id = $1 GROUP BY label, source ORDER BY label, source',
    [ctx.actor.workspaceId],
  );
  const out = new Map<string, IntentExampleSummary>();
  for (const r of rows) {
    const s = out.get(r.label) ?? { label: r.label, examples: 0, by_source: {} };
    s.examples += r.n;
    s.by_source[r.source] = r.n;
    out.set(r.label, s);
  }
  return [...out.values()];
}

export async function listIntentExamples(ctx: Ctx, label: string, limit = 200): Promise<Array<{ id: string; text: string; source: string; created_at: Date }>> {
  authorize(ctx.actor, 'assistant.manage');
  return ctx.tx.query(
    'SELECT id, text, source, created_at FROM assistant_examples WHERE workspace_id = $1 AND label = $2 ORDER BY created_at DESC, id LIMIT $3',
    [ctx.actor.workspaceId, label, Math.min(Math.max(limit, 1), 1000)],
  );
}

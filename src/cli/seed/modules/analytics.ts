import { createRubric, rebuildAnalytics } from '../../../domain/analytics/index.js';
import type { SeedModuleCtx } from './types.js';

/**
 * Demo CSAT answers for part of the solved history (deterministic: derived from the ticket id), a QA
 * rubric, then the facts and rollups rebuilt from everything seeded so the dashboards open full.
 */
export async function seedAnalytics({ ctx }: SeedModuleCtx): Promise<void> {
  const ws = ctx.actor.workspaceId;
  // ~45% of solved/closed tickets answer; most are happy, slow resolutions less so (a realistic pattern)
  await ctx.tx.query(
    `INSERT INTO csat_surveys (id, workspace_id, ticket_id, brand_id, token_hash, due_at, sent_at, responded_at, score, reason, channel, created_at)
     SELECT 'csv_' || substr(md5(t.id), 1, 20), t.workspace_id, t.id, t.brand_id, md5(t.id || 'seed'), t.solved_at + interval '1 hour', t.solved_at + interval '1 hour',
            CASE WHEN abs(hashtext(t.id)) % 100 < 45 THEN t.solved_at + interval '1 hour' + (abs(hashtext(t.id || 'r')) % 2880) * interval '1 minute' END,
            CASE WHEN abs(hashtext(t.id)) % 100 < 45 THEN
              CASE WHEN t.solved_at - t.created_at > interval '3 days' THEN 1 + abs(hashtext(t.id || 's')) % 4 ELSE 3 + abs(hashtext(t.id || 's')) % 3 END END,
            CASE WHEN abs(hashtext(t.id)) % 100 < 45 AND t.solved_at - t.created_at > interval '3 days' THEN 'slow' END,
            CASE WHEN abs(hashtext(t.id)) % 100 < 45 THEN 'link' END,
            t.solved_at
       FROM tickets t WHERE t.workspace_id = $1 AND t.solved_at IS NOT NULL AND t.merged_into_id IS NULL
     ON CONFLICT (ticket_id) DO NOTHING`,
    [ws],
  );
  await createRubric(ctx, {
    name: 'Support quality (default)',
    criteria: [
      { key: 'accuracy', label: 'Correct and complete answer', weight: 3 },
      { key: 'policy', label: 'Followed the SOP / policy', weight: 3 },
      { key: 'empathy', label: 'Empathy and tone', weight: 2 },
      { key: 'efficiency', label: 'No unnecessary back-and-forth', weight: 1 },
    ],
  });
  await rebuildAnalytics(ctx.tx, ws);
}

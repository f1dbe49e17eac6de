/**
 * Conversation tests from the admin page: the scripts (the demo's, plus any given) run through the engine with
 * the workspace's active model version and the demo flows and answers; actions and the SCA mailbox are
 * simulated, so nothing leaves the server. The results are stored per run.
 */
import { invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { demoPorts } from '../demo/ports.js';
import { DEMO_SCRIPTS } from '../demo/scripts.js';
import { activeModel } from '../model-cache.js';
import { runConversationScript, type ConversationScript } from '../test-runner.js';

export interface TestRun {
  id: string;
  model_id: string | null;
  scripts: number;
  passed: number;
  failed: number;
  unsafe_actions: number;
  results: Array<{ name: string; passed: boolean; failures: string[]; unsafe: string[]; handoff: string | null; actions: string[] }>;
  created_at: Date;
}

export const TEST_RUN_COLUMNS = 'id, model_id, scripts, passed, failed, unsafe_actions, results, created_at';

export async function runTestScripts(ctx: Ctx, input: { scripts?: ConversationScript[]; include_demo?: boolean } = {}): Promise<TestRun> {
  authorize(ctx.actor, 'assistant.manage');
  const active = await activeModel(ctx.tx, ctx.actor.workspaceId);
  if (!active) throw invalid('NO_ACTIVE_MODEL', 'Train a model version first');
  const scripts = [...(input.include_demo === false ? [] : DEMO_SCRIPTS), ...(input.scripts ?? [])];
  if (!scripts.length) throw invalid('NO_SCRIPTS', 'No conversation scripts to run');
  const ports = demoPorts(active.model);
  const results: TestRun['results'] = [];
  for (const s of scripts) {
    try {
      const r = await runConversationScript(s, ports);
      results.push({ name: r.name, passed: r.passed, failures: r.failures, unsafe: r.unsafe, handoff: r.handoff, actions: r.actions });
    } catch (e) {
      results.push({ name: s?.name ?? '(unnamed)', passed: false, failures: [`invalid script: ${(e as Error).message.slice(0, 300)}`], unsafe: [], handoff: null, actions: [] });
    }
  }
  const passed = results.filter((r) => r.passed).length;
  const unsafe = results.reduce((n, r) => n + r.unsafe.length, 0);
  const now = ctx.clock.now();
  const row = await ctx.tx.one<TestRun>(
    `INSERT INTO assistant_test_runs (id, workspace_id, model_id, scripts, passed, failed, unsafe_actions, results, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${TEST_RUN_COLUMNS}`,
    [newId('atr', now), ctx.actor.workspaceId, active.id, results.length, passed, results.length - passed, unsafe, JSON.stringify(results), ctx.actor.id, now],
  );
  await recordChange(ctx, { event: 'assistant.test_run_finished', aggregateType: 'assistant_model', aggregateId: active.id, payload: { run_id: row.id, scripts: row.scripts, passed, failed: row.failed, unsafe_actions: unsafe } });
  return row;
}

export async function listTestRuns(ctx: Ctx, limit = 20): Promise<TestRun[]> {
  authorize(ctx.actor, 'assistant.manage');
  return ctx.tx.query<TestRun>(`SELECT ${TEST_RUN_COLUMNS} FROM assistant_test_runs WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [ctx.actor.workspaceId, limit]);
}

import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { loadVersion } from '../repo.js';
import { runTestCases, type TestCaseResult } from '../test-runner.js';

export interface TestRun {
  version_id: string;
  passed: number;
  failed: number;
  results: TestCaseResult[];
  at: string;
}

/** Run a version's test cases, store the result on the version (the launch gate re-runs them) and record it. */
export async function testSopVersion(ctx: Ctx, id: string): Promise<TestRun> {
  authorize(ctx.actor, 'sops.manage');
  const v = await loadVersion(ctx.tx, ctx.actor.workspaceId, id);
  const result = { ...(await runTestCases(v.definition)), at: ctx.clock.now().toISOString() };
  await ctx.tx.query('UPDATE sop_versions SET tests_result = $2 WHERE id = $1', [id, JSON.stringify(result)]);
  await recordChange(ctx, { event: 'sop_version.tested', aggregateType: 'sop_version', aggregateId: id, payload: { passed: result.passed, failed: result.failed }, audit: false });
  return { version_id: id, ...result };
}

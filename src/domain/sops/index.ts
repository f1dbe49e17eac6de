/**
 * SOPs: versioned, reviewed, launched and measured procedures, followed by agents (guided checklist on the
 * ticket) and by automation (the step engine). See docs/sops.md.
 *
 * Importing this module registers the SOP solve guard with the kernel's status guards.
 */
import './solve-guard.js';

// model, text form, validation
export { ZSopDefinition, type SopDefinition, type Step, type Guardrail, type TestCase, type Condition, type AppliesWhen, RUN_STATUSES, type RunStatus } from './model.js';
export { parseSopYaml, toSopYaml, validateDefinition, formatPath, type SopIssue, type ParseResult } from './yaml.js';
export { checkDefinition, successors, type KnownRefs } from './validate.js';
export { matchesAppliesWhen, evalCondition, intentOf, type TicketFacts } from './conditions.js';
export { renderTemplate, pickTemplate } from './template.js';
export { diffDefinitions, type SopDiff } from './diff.js';
// step engine (also for the assistant: drive it with mode "auto" and your own EffectPort)
export {
  advance, newRun, retryRun, skipStep, openRequiredSteps, StepFailure, durationMs,
  type RunState, type EngineEnv, type Effect, type EffectPort, type TraceEntry, type Outcome,
} from './engine.js';
export { amountsIn, type Violation } from './guardrails.js';
export { runTestCase, runTestCases, RecordingPort, testTicket, type TestCaseResult } from './test-runner.js';
// lifecycle, rollout, statistics
export { nextStatus, statusAfterEdit, missingApprovals, VERSION_STATUSES, TRANSITIONS, type VersionStatus, type Transition, type ApproverSlot } from './lifecycle.js';
export { bucketOf, assignVersion, pickSop, type Rollout, type ActiveSop, type Assignment } from './assignment.js';
export { twoProportionZTest, welchTTest, summarise, normalCdf, tTwoSided, tCritical95, wilson, meanCi, type TestResult } from './stats.js';
export { DEMO_SOP_YAML } from './demo/index.js';
// persistence, commands and queries
export type { Sop, SopVersion, SopRun } from './repo.js';
export { callHttpAction, HttpActionBlocked, TicketEffectPort, type HttpActionConfig, type HttpActionScope } from './db-port.js';
export { sopSolveGuard } from './solve-guard.js';
export { createSop } from './commands/create-sop.js';
export { updateSop } from './commands/update-sop.js';
export { createSopVersion, editSopVersion } from './commands/save-sop-version.js';
export { transitionSopVersion, commentOnSopVersion, type TransitionInput } from './commands/transition-sop-version.js';
export { testSopVersion, type TestRun } from './commands/test-sop-version.js';
export { saveHttpAction, listHttpActions, type HttpAction, type HttpActionInput } from './commands/save-http-action.js';
export { startSopRun } from './commands/start-sop-run.js';
export { actOnSopStep, type StepAction } from './commands/act-on-sop-step.js';
export { runSopEngine } from './commands/run-sop-engine.js';
export { resumeDueSopRuns, resumeSopRunsOnEvent } from './commands/resume-sop-runs.js';
export { knownRefs } from './commands/parse-for-workspace.js';
export { listSops, getSop, getSopVersion, diffSopVersions, type SopListItem } from './queries/get-sops.js';
export { getTicketSopRuns, type TicketSopRun } from './queries/get-ticket-sop.js';
export { getSopMetrics, compareArms, UNAVAILABLE as SOP_METRICS_UNAVAILABLE, type Group as SopMetricsGroup } from './queries/sop-metrics.js';
export { dryRunSopVersion, type DryRunTicket } from './queries/dry-run-sop-version.js';

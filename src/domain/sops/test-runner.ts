import type { TicketFacts } from './conditions.js';
import { advance, newRun, StepFailure, type Effect, type EffectPort, type RunState } from './engine.js';
import type { SopDefinition, TestCase } from './model.js';

export interface TestCaseResult {
  name: string;
  passed: boolean;
  failures: string[];
  steps: string[];
  status: RunState['status'];
  fields: Record<string, unknown>;
  messages: string[];
  violations: string[];
}

/** A port that records effects instead of applying them (tests, dry runs, the benchmark). */
export class RecordingPort implements EffectPort {
  effects: Array<{ key: string; effect: Effect }> = [];
  tags = new Set<string>();
  ticketFields: Record<string, unknown> = {};
  constructor(private readonly http: Record<string, unknown> = {}) {}
  async apply(effect: Effect, key: string): Promise<unknown> {
    this.effects.push({ key, effect });
    if (effect.kind === 'tags') {
      for (const t of effect.add) this.tags.add(t.toLowerCase());
      for (const t of effect.remove) this.tags.delete(t.toLowerCase());
    }
    if (effect.kind === 'set_fields') Object.assign(this.ticketFields, effect.fields);
    if (effect.kind === 'http') {
      const stub = this.http[effect.action];
      if (stub === undefined) throw new StepFailure(`HTTP action "${effect.action}" has no stubbed response in this test case`);
      if (stub === 'timeout') throw new StepFailure(`HTTP action "${effect.action}" timed out`);
      return stub;
    }
    return undefined;
  }
}

/** Ticket facts for a test case's ticket description. */
export function testTicket(tc: TestCase, id = 'test-ticket'): TicketFacts {
  const t = tc.ticket;
  return {
    id, number: 1, subject: t.subject ?? tc.name, brand: t.brand ?? null, brand_name: t.brand ?? null, channel: t.channel ?? 'email',
    country: t.country ?? null, language: t.language ?? 'en', priority: 'normal', tags: (t.tags ?? []).map((x) => x.toLowerCase()),
    custom_fields: t.custom_fields ?? {}, customer_tier: t.customer_tier ?? 'standard', customer_name: t.customer_name ?? 'Test Customer', customer_email: 'customer@example.com',
  };
}

const FIXED_NOW = new Date('2026-01-01T00:00:00Z');

/** Run one test case (unattended mode, inputs per step, stubbed HTTP) and compare with its expectations. */
export async function runTestCase(def: SopDefinition, tc: TestCase): Promise<TestCaseResult> {
  const port = new RecordingPort(tc.http ?? {});
  const ticket = testTicket(tc);
  let state: RunState;
  const failures: string[] = [];
  try {
    state = await advance(def, newRun(def), { ticket, now: () => FIXED_NOW, mode: 'auto', agentName: 'Test Agent' }, port, tc.inputs ?? {});
    if (state.status === 'waiting') {
      // Let every wait run out, as the resume sweep would.
      const later = new Date(FIXED_NOW.getTime() + 400 * 86_400_000);
      state = await advance(def, state, { ticket, now: () => later, mode: 'auto', agentName: 'Test Agent' }, port, tc.inputs ?? {});
    }
  } catch (e) {
    return { name: tc.name, passed: false, failures: [`error: ${(e as Error).message}`], steps: [], status: 'failed', fields: {}, messages: [], violations: [] };
  }
  const steps = state.trace.filter((x) => x.outcome === 'done').map((x) => x.step);
  const messages = state.sent.map((m) => m.text);
  const violations = state.violations.map((v) => v.guardrail);
  const ex = tc.expect;
  if (ex.steps && JSON.stringify(ex.steps) !== JSON.stringify(steps)) failures.push(`steps: expected ${ex.steps.join(' → ') || '(none)'}, got ${steps.join(' → ') || '(none)'}`);
  for (const [k, v] of Object.entries(ex.fields ?? {})) {
    const got = state.fields[k] ?? port.ticketFields[k];
    if (String(got) !== String(v)) failures.push(`field ${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(got)}`);
  }
  (ex.messages ?? []).forEach((want, i) => {
    if (!messages[i]?.toLowerCase().includes(want.toLowerCase())) failures.push(`message ${i + 1}: expected it to contain "${want}", got ${messages[i] === undefined ? 'no message' : JSON.stringify(messages[i])}`);
  });
  if (ex.messages && messages.length > ex.messages.length) failures.push(`messages: expected ${ex.messages.length}, ${messages.length} were sent`);
  for (const tag of ex.tags ?? []) if (!port.tags.has(tag.toLowerCase())) failures.push(`tag ${tag}: not added`);
  if (ex.status && ex.status !== state.status) failures.push(`status: expected ${ex.status}, got ${state.status}${state.error ? ` (${state.error.message})` : ''}`);
  if (ex.no_guardrail_violations && violations.length) failures.push(`guardrails violated: ${state.violations.map((v) => `${v.guardrail} at ${v.step}`).join(', ')}`);
  if (ex.violations && JSON.stringify([...ex.violations].sort()) !== JSON.stringify([...new Set(violations)].sort())) failures.push(`violations: expected ${ex.violations.join(', ') || 'none'}, got ${violations.join(', ') || 'none'}`);
  return { name: tc.name, passed: failures.length === 0, failures, steps, status: state.status, fields: state.fields, messages, violations };
}

export async function runTestCases(def: SopDefinition): Promise<{ passed: number; failed: number; results: TestCaseResult[] }> {
  const results: TestCaseResult[] = [];
  for (const tc of def.tests) results.push(await runTestCase(def, tc));
  return { passed: results.filter((r) => r.passed).length, failed: results.filter((r) => !r.passed).length, results };
}

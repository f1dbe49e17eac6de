import { AppError, invalid } from '../../platform/errors.js';
import { evalCondition, type TicketFacts } from './conditions.js';
import { checkAmounts, checkBeforeStep, handoffFor, type Violation } from './guardrails.js';
import type { CollectField, RunStatus, SopDefinition, Step } from './model.js';
import { pickTemplate, renderTemplate } from './template.js';
import { successors } from './validate.js';

/**
 * The step engine. Pure and deterministic: the next state depends only on the definition, the state, the
 * ticket facts, the inputs and the injected clock. Side effects go through an {@link EffectPort}; each effect
 * has a stable key (`<step>:<index>`), is recorded in `applied` as soon as it succeeds, and is never applied
 * twice — so a run that crashed mid-step resumes by re-entering the step and applying only what is missing.
 */
export type Effect =
  | { kind: 'set_fields'; fields: Record<string, unknown>; collected?: boolean }
  | { kind: 'tags'; add: string[]; remove: string[] }
  | { kind: 'route'; team: string; priority?: string; escalation: boolean }
  | { kind: 'reply'; lang: string; text: string; public: boolean }
  | { kind: 'http'; action: string; body: Record<string, unknown> };

export interface EffectPort {
  /** Apply one effect; `key` is stable per run and step (use it as an idempotency key). May return output (HTTP JSON). */
  apply(effect: Effect, key: string): Promise<unknown>;
}

/** A failed effect; `retryable` failures leave the step failed and visible with a retry button. */
export class StepFailure extends Error {
  constructor(message: string, public readonly retryable = true) {
    super(message);
  }
}

export type Outcome = 'done' | 'skipped' | 'overridden' | 'failed';

export interface TraceEntry {
  seq: number;
  step: string;
  type: Step['type'] | 'handoff';
  outcome: Outcome | 'waiting' | 'handed_off';
  attempt: number;
  input?: unknown;
  output?: unknown;
  reason?: string;
  by: 'human' | 'auto';
  actor_id?: string | null;
  at: string;
  duration_ms: number;
}

export interface RunState {
  status: RunStatus;
  cursor: string | null;
  fields: Record<string, unknown>;
  /** Adherence per step. */
  done: Record<string, Exclude<Outcome, 'failed'>>;
  attempts: Record<string, number>;
  applied: string[];
  pending: { step: string; attempt: number } | null;
  wait: { step: string; until: string | null; event: string | null } | null;
  violations: Violation[];
  error: { step: string; message: string; kind: 'guardrail' | 'effect' } | null;
  trace: TraceEntry[];
  sent: Array<{ step: string; lang: string; text: string }>;
}

export interface EngineEnv {
  ticket: TicketFacts;
  now(): Date;
  mode: 'human' | 'auto';
  actorId?: string | null;
  agentName?: string | null;
  /** An event that may end a wait ("customer_reply", "ticket_updated"). */
  event?: string;
}

export function newRun(def: SopDefinition): RunState {
  return {
    status: 'needs_input', cursor: def.steps[0].id, fields: {}, done: {}, attempts: {}, applied: [], pending: null, wait: null,
    violations: [], error: null, trace: [], sent: [],
  };
}

const stepOf = (def: SopDefinition, id: string): Step => {
  const s = def.steps.find((x) => x.id === id);
  if (!s) throw new AppError('SOP_STEP_NOT_FOUND', `This SOP has no step "${id}"`, 'not_found');
  return s;
};
const nextOf = (def: SopDefinition, id: string) => successors(def, def.steps.findIndex((s) => s.id === id))[0];
const MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export const durationMs = (d: string) => Number(d.slice(0, -1)) * MS[d.slice(-1) as keyof typeof MS];

function coerce(f: CollectField, v: unknown): unknown {
  const bad = (why: string) => invalid('SOP_FIELD_INVALID', `${f.label} (${f.key}): ${why}`, { field: f.key });
  switch (f.type) {
    case 'number': {
      const n = typeof v === 'number' ? v : Number(String(v).trim());
      if (String(v).trim() === '' || !Number.isFinite(n)) throw bad('must be a number');
      return n;
    }
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      throw bad('must be true or false');
    case 'date':
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v))) throw bad('must be a date like 2026-03-01');
      return v.slice(0, 10);
    case 'choice':
      if (!f.options?.includes(String(v))) throw bad(`must be one of ${f.options?.join(', ')}`);
      return String(v);
    default:
      if (typeof v !== 'string' && typeof v !== 'number') throw bad('must be text');
      return String(v).trim();
  }
}

type Plan =
  | { kind: 'input'; missing?: string[] }
  | { kind: 'wait' }
  | { kind: 'run'; effects: Effect[]; next: string; output?: unknown; reply?: string };

const go = (input: unknown) => input === true || input === 'done' || input === 'send' || (typeof input === 'object' && input !== null && (input as { done?: unknown }).done === true);

function plan(def: SopDefinition, step: Step, s: RunState, env: EngineEnv, input: unknown): Plan {
  const next = () => nextOf(def, step.id);
  switch (step.type) {
    case 'checklist':
      return step.auto || go(input) ? { kind: 'run', effects: [], next: next(), output: { items: step.items.length } } : { kind: 'input' };
    case 'decision': {
      if (typeof input === 'string' || (typeof input === 'object' && input !== null && 'branch' in input)) {
        const label = typeof input === 'string' ? input : String((input as { branch: unknown }).branch);
        const b = step.branches.find((x) => x.label.toLowerCase() === label.toLowerCase());
        if (!b) throw invalid('SOP_BRANCH_UNKNOWN', `"${label}" is not an answer to "${step.question}" (answers: ${step.branches.map((x) => x.label).join(', ')})`);
        return { kind: 'run', effects: [], next: b.goto, output: { branch: b.label } };
      }
      const decided = step.branches.find((b) => b.when && evalCondition(b.when, env.ticket, s.fields));
      // With rules, a branch without "when" is the "otherwise"; with no rules at all, a human answers.
      const b = decided ?? (step.branches.some((x) => x.when) ? step.branches.find((x) => !x.when) : undefined);
      return b ? { kind: 'run', effects: [], next: b.goto, output: { branch: b.label, by_rule: true } } : { kind: 'input' };
    }
    case 'collect': {
      const given = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
      const values: Record<string, unknown> = {};
      const missing: string[] = [];
      for (const key of step.fields) {
        const f = def.fields.find((x) => x.key === key)!;
        const raw = given[key] ?? s.fields[key] ?? (env.mode === 'auto' ? env.ticket.custom_fields[f.ticket_field ?? key] : undefined);
        if (raw === undefined || raw === null || raw === '') missing.push(key);
        else values[key] = coerce(f, raw);
      }
      Object.assign(s.fields, values);
      if (missing.length) return { kind: 'input', missing };
      const toTicket = Object.fromEntries(step.fields.map((k) => [def.fields.find((x) => x.key === k)!.ticket_field ?? k, values[k]]));
      return { kind: 'run', effects: [{ kind: 'set_fields', fields: toTicket, collected: true }], next: next(), output: values };
    }
    case 'reply': {
      if (env.mode === 'human' && !step.auto && !go(input)) return { kind: 'input' };
      const t = pickTemplate(step.templates, env.ticket.language);
      const text = renderTemplate(t.text, {
        customer: { name: env.ticket.customer_name, email: env.ticket.customer_email, tier: env.ticket.customer_tier },
        ticket: { number: env.ticket.number, subject: env.ticket.subject, channel: env.ticket.channel, country: env.ticket.country, language: env.ticket.language },
        fields: s.fields, agent: { name: env.agentName }, brand: { name: env.ticket.brand_name },
      });
      return { kind: 'run', effects: [{ kind: 'reply', lang: t.lang, text, public: step.public ?? true }], next: next(), output: { lang: t.lang, text }, reply: text };
    }
    case 'action': {
      if (env.mode === 'human' && !step.auto && !go(input)) return { kind: 'input' };
      const effects: Effect[] = step.actions.map((a): Effect => {
        if ('set_fields' in a) return { kind: 'set_fields', fields: a.set_fields };
        if ('add_tags' in a) return { kind: 'tags', add: a.add_tags, remove: [] };
        if ('remove_tags' in a) return { kind: 'tags', add: [], remove: a.remove_tags };
        if ('route' in a) return { kind: 'route', team: a.route.team, priority: a.route.priority, escalation: a.route.escalation ?? false };
        const body = Object.fromEntries(Object.entries(a.http.body ?? {}).map(([k, v]) => [k, typeof v === 'string' ? renderTemplate(v, { fields: s.fields, ticket: { number: env.ticket.number } }) : v]));
        return { kind: 'http', action: a.http.action, body };
      });
      return { kind: 'run', effects, next: next() };
    }
    case 'wait':
      return { kind: 'wait' };
  }
}

/** Save the output of an HTTP effect into collected fields per the step's `save` map; garbage → failure. */
function saveHttp(def: SopDefinition, step: Step, index: number, out: unknown, s: RunState): void {
  if (step.type !== 'action') return;
  const a = step.actions[index];
  if (!('http' in a) || !a.http.save) return;
  if (typeof out !== 'object' || out === null || Array.isArray(out)) throw new StepFailure(`HTTP action "${a.http.action}" answered something that is not a JSON object`);
  for (const [field, path] of Object.entries(a.http.save)) {
    const v = path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), out);
    if (v === undefined) throw new StepFailure(`HTTP action "${a.http.action}" answered without "${path}"`);
    s.fields[field] = v;
  }
}

function trace(s: RunState, e: Omit<TraceEntry, 'seq'>): void {
  s.trace.push({ seq: s.trace.length + 1, ...e });
}

/**
 * Run from the current step as far as possible: until a step needs a human's input, a wait, a failure, a
 * hand-off or the end. `inputs` are keyed by step id. `checkpoint` is called after every applied effect
 * (persist the state there to make a crash mid-step resumable).
 */
export async function advance(
  def: SopDefinition, state: RunState, env: EngineEnv, port: EffectPort, inputs: Record<string, unknown> = {},
  checkpoint?: (s: RunState) => Promise<void>,
): Promise<RunState> {
  const s: RunState = structuredClone(state);
  // Who ran a step: a human when, in guided mode, the step ran on their input (their go, answer or values);
  // everything else (unattended mode, auto steps, rule decisions, waits ending, hand-offs) is "auto".
  const byOf = (stepId: string | null): TraceEntry['by'] => (env.mode === 'human' && stepId !== null && inputs[stepId] !== undefined ? 'human' : 'auto');
  for (let guard = 0; guard <= def.steps.length * 2 + 2; guard++) {
    if (s.status === 'completed' || s.status === 'handed_off' || s.status === 'failed' || !s.cursor) break;
    const step = stepOf(def, s.cursor);
    const at = env.now();
    if (s.status === 'waiting' && s.wait) {
      const timedOut = s.wait.until !== null && at.getTime() >= Date.parse(s.wait.until);
      const eventCame = s.wait.event !== null && env.event === s.wait.event;
      if (!timedOut && !eventCame) break;
      s.done[step.id] = 'done';
      trace(s, { step: step.id, type: 'wait', outcome: 'done', attempt: 1, output: eventCame ? { event: env.event } : { timed_out: s.wait.event !== null }, by: 'auto', at: at.toISOString(), duration_ms: 0 });
      s.wait = null;
      s.cursor = nextOf(def, step.id);
      s.status = 'needs_input';
      if (s.cursor === 'end') Object.assign(s, { cursor: null, status: 'completed' });
      continue;
    }
    const handoff = handoffFor(def, env.ticket, s.fields);
    if (handoff) {
      const effects: Effect[] = handoff.team ? [{ kind: 'route', team: handoff.team, escalation: true }] : [];
      for (const [i, e] of effects.entries()) {
        const key = `handoff:${handoff.id}:${i}`;
        if (s.applied.includes(key)) continue;
        await port.apply(e, key);
        s.applied.push(key);
      }
      trace(s, { step: step.id, type: 'handoff', outcome: 'handed_off', attempt: 1, reason: handoff.message, output: { guardrail: handoff.id, team: handoff.team ?? null }, by: 'auto', at: at.toISOString(), duration_ms: 0 });
      s.status = 'handed_off';
      break;
    }
    const p = plan(def, step, s, env, inputs[step.id]);
    if (p.kind === 'input') {
      s.status = 'needs_input';
      break;
    }
    if (p.kind === 'wait' && step.type === 'wait') {
      const w = step.for;
      const span = 'duration' in w ? w.duration : w.timeout;
      s.wait = { step: step.id, until: span ? new Date(at.getTime() + durationMs(span)).toISOString() : null, event: 'event' in w ? w.event : null };
      s.status = 'waiting';
      trace(s, { step: step.id, type: 'wait', outcome: 'waiting', attempt: 1, output: s.wait, by: 'auto', at: at.toISOString(), duration_ms: 0 });
      continue; // a zero-length wait or an event already given ends at once
    }
    if (p.kind !== 'run') break;
    const violations = [...checkBeforeStep(def, step.id, s.done), ...checkAmounts(def, step.id, p.reply ?? null, step.type === 'action' ? s.fields : {})];
    const attempt = (s.attempts[step.id] ?? 0) + 1;
    s.attempts[step.id] = attempt;
    if (violations.length) {
      s.violations.push(...violations);
      s.error = { step: step.id, message: violations.map((v) => v.message).join('; '), kind: 'guardrail' };
      s.status = 'failed';
      trace(s, { step: step.id, type: step.type, outcome: 'failed', attempt, reason: s.error.message, input: inputs[step.id], by: byOf(step.id), actor_id: env.actorId ?? null, at: at.toISOString(), duration_ms: 0 });
      break;
    }
    s.pending = { step: step.id, attempt };
    try {
      for (const [i, effect] of p.effects.entries()) {
        const key = `${step.id}:${i}`;
        if (s.applied.includes(key)) continue;
        const out = await port.apply(effect, key);
        if (effect.kind === 'http') saveHttp(def, step, i, out, s);
        s.applied.push(key);
        if (effect.kind === 'reply') s.sent.push({ step: step.id, lang: effect.lang, text: effect.text });
        await checkpoint?.(s);
      }
    } catch (e) {
      if (!(e instanceof StepFailure)) throw e; // a crash: the state saved by the last checkpoint is where we resume
      s.error = { step: step.id, message: e.message, kind: 'effect' };
      s.status = 'failed';
      trace(s, { step: step.id, type: step.type, outcome: 'failed', attempt, reason: e.message, input: inputs[step.id], by: byOf(step.id), actor_id: env.actorId ?? null, at: at.toISOString(), duration_ms: env.now().getTime() - at.getTime() });
      break;
    }
    s.pending = null;
    s.error = null;
    s.done[step.id] = 'done';
    trace(s, { step: step.id, type: step.type, outcome: 'done', attempt, input: inputs[step.id], output: p.output, by: byOf(step.id), actor_id: env.actorId ?? null, at: at.toISOString(), duration_ms: env.now().getTime() - at.getTime() });
    s.cursor = p.next === 'end' ? null : p.next;
    s.status = p.next === 'end' ? 'completed' : 'needs_input';
  }
  return s;
}

/** After a failure: try the failed step again (its applied effects are not repeated). */
export function retryRun(state: RunState): RunState {
  if (state.status !== 'failed') throw new AppError('SOP_RUN_NOT_FAILED', 'Only a failed step can be retried', 'conflict');
  return { ...structuredClone(state), status: 'needs_input', error: null };
}

/** Skip the current step with a reason. Required steps need an override (supervisors), recorded as such. */
export function skipStep(def: SopDefinition, state: RunState, stepId: string, reason: string, env: EngineEnv, override = false): RunState {
  if (state.cursor !== stepId) throw new AppError('SOP_STEP_NOT_CURRENT', `Step "${stepId}" is not the current step${state.cursor ? ` ("${state.cursor}")` : ''}`, 'conflict');
  const step = stepOf(def, stepId);
  if (!reason.trim()) throw invalid('SOP_REASON_REQUIRED', 'Say why you skip this step');
  if (step.type === 'decision') throw new AppError('SOP_STEP_NOT_SKIPPABLE', `"${step.title}" is a decision: choose an answer`, 'conflict');
  if (step.required && !override) throw new AppError('SOP_STEP_REQUIRED', `"${step.title}" is required before solve; a supervisor may override it with a reason`, 'conflict');
  const s = structuredClone(state);
  const outcome = step.required ? 'overridden' : 'skipped';
  s.done[stepId] = outcome;
  trace(s, { step: stepId, type: step.type, outcome, attempt: (s.attempts[stepId] ?? 0) + 1, reason, by: 'human', actor_id: env.actorId ?? null, at: env.now().toISOString(), duration_ms: 0 });
  Object.assign(s, { error: null, wait: null, pending: null });
  const next = nextOf(def, stepId);
  s.cursor = next === 'end' ? null : next;
  s.status = next === 'end' ? 'completed' : 'needs_input';
  return s;
}

/** Required steps still ahead that every path to the end passes through (a required step on a branch not taken does not block). */
export function openRequiredSteps(def: SopDefinition, state: RunState): Step[] {
  if (!state.cursor || state.status === 'completed' || state.status === 'handed_off') return [];
  const reachableAvoiding = (avoid: string | null): Set<string> => {
    const seen = new Set<string>();
    const todo = [state.cursor!];
    while (todo.length) {
      const id = todo.pop()!;
      if (id === avoid || seen.has(id)) continue;
      seen.add(id);
      if (id !== 'end') todo.push(...successors(def, def.steps.findIndex((x) => x.id === id)));
    }
    return seen;
  };
  const all = reachableAvoiding(null);
  return def.steps.filter((st) => st.required && all.has(st.id) && !state.done[st.id] && !reachableAvoiding(st.id).has('end'));
}

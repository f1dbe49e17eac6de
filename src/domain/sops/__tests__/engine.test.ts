import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import type { TicketFacts } from '../conditions.js';
import { advance, newRun, openRequiredSteps, retryRun, skipStep, StepFailure, type Effect, type EffectPort, type EngineEnv } from '../engine.js';
import { parseSopYaml } from '../yaml.js';

const YAML = `key: demo
name: Demo
owner: Ops
purpose: Test the engine
fields:
  - { key: amount, label: Amount, type: number }
  - { key: ref, label: Ref, type: text }
steps:
  - { id: verify, type: checklist, title: Verify, required: true, items: [Check the buyer] }
  - { id: collect, type: collect, title: Amount, required: true, fields: [amount] }
  - id: big
    type: decision
    title: Big?
    question: Above 50?
    branches:
      - { label: "Yes", when: { field: fields.amount, op: gt, value: 50 }, goto: sca }
      - { label: "No", goto: refund }
  - { id: sca, type: checklist, title: SCA, items: [Step-up done] }
  - id: refund
    type: action
    title: Refund
    actions:
      - add_tags: [refunded]
      - http: { action: pay, save: { ref: id } }
  - id: tell
    type: reply
    title: Tell
    templates: { en: "Refunded €{{fields.amount}} ({{fields.ref}})", de: "Erstattet {{fields.amount}} EUR" }
guardrails:
  - { id: sca_first, kind: requires_step, before: refund, requires: sca, message: Needs SCA step-up before refund }
  - { id: cap, kind: max_amount, max: 100, message: Never promise a refund above the cap }
  - { id: vip, kind: handoff, when: { field: customer.tier, op: eq, value: vip }, team: Payments, message: VIPs go to a human }
`;
const parsed = parseSopYaml(YAML);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const def = parsed.definition;

const ticket = (over: Partial<TicketFacts> = {}): TicketFacts => ({
  id: 't1', number: 7, brand: 'clipster', channel: 'email', country: 'IE', language: 'en', tags: [], custom_fields: {}, customer_tier: 'standard', customer_name: 'Mia', ...over,
});
const env = (over: Partial<EngineEnv> = {}): EngineEnv => ({ ticket: ticket(), now: () => new Date('2026-03-01T10:00:00Z'), mode: 'auto', ...over });

/** Records applied effects by key; an idempotent port applies a key at most once. */
class Port implements EffectPort {
  applied: Array<{ key: string; effect: Effect }> = [];
  failNext: Error | null = null;
  crashOn: string | null = null;
  async apply(effect: Effect, key: string): Promise<unknown> {
    if (this.crashOn === key) {
      this.crashOn = null;
      throw new Error('process crashed');
    }
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    this.applied.push({ key, effect });
    return effect.kind === 'http' ? { id: 'rf_1' } : undefined;
  }
}

describe('step engine', () => {
  it('stops at steps that need a human and goes on with their input', async () => {
    const port = new Port();
    let s = await advance(def, newRun(def), env(), port);
    expect(s).toMatchObject({ status: 'needs_input', cursor: 'verify' });
    s = await advance(def, s, env(), port, { verify: 'done' });
    expect(s).toMatchObject({ status: 'needs_input', cursor: 'collect' });
    expect(s.done).toEqual({ verify: 'done' });
  });

  it('traces who ran each step: the human whose input it ran on, "auto" for what followed by itself', async () => {
    const guided = await advance(def, newRun(def), env({ mode: 'human', actorId: 'usr_1' }), new Port(), { verify: 'done', collect: { amount: 20 } });
    // verify and collect ran on the agent's input; the decision was taken by rule; the refund waits for the agent's go.
    expect(guided.trace.map((t) => [t.step, t.outcome, t.by, t.actor_id])).toEqual([
      ['verify', 'done', 'human', 'usr_1'], ['collect', 'done', 'human', 'usr_1'], ['big', 'done', 'auto', 'usr_1'],
    ]);
    expect(guided).toMatchObject({ status: 'needs_input', cursor: 'refund' });
    const unattended = await advance(def, newRun(def), env(), new Port(), { verify: 'done' });
    expect(unattended.trace.map((t) => t.by)).toEqual(['auto']);
  });

  it('branches by rule: a small amount goes straight to the refund, a large one through SCA', async () => {
    const small = await advance(def, newRun(def), env(), new Port(), { verify: true, collect: { amount: '20' } });
    // The refund without SCA is stopped by the guardrail: visible failure, not a silent skip.
    expect(small.status).toBe('failed');
    expect(small.violations.map((v) => v.guardrail)).toEqual(['sca_first']);
    expect(small.trace.map((t) => `${t.step}:${t.outcome}`)).toEqual(['verify:done', 'collect:done', 'big:done', 'refund:failed']);
    expect(small.trace[2].output).toEqual({ branch: 'No', by_rule: true });

    const port = new Port();
    const big = await advance(def, newRun(def), env(), port, { verify: true, collect: { amount: 80 }, sca: 'done' });
    expect(big.status).toBe('completed');
    expect(big.trace.filter((t) => t.outcome === 'done').map((t) => t.step)).toEqual(['verify', 'collect', 'big', 'sca', 'refund', 'tell']);
    expect(big.fields).toEqual({ amount: 80, ref: 'rf_1' });
    expect(big.sent).toEqual([{ step: 'tell', lang: 'en', text: 'Refunded €80 (rf_1)' }]);
  });

  it('is deterministic: the same inputs give the same state', async () => {
    const inputs = { verify: true, collect: { amount: 80 }, sca: 'done' };
    const a = await advance(def, newRun(def), env(), new Port(), inputs);
    const b = await advance(def, newRun(def), env(), new Port(), inputs);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('picks the reply template by language and checks amounts in it', async () => {
    const de = await advance(def, newRun(def), env({ ticket: ticket({ language: 'de-AT' }) }), new Port(), { verify: true, collect: { amount: 80 }, sca: true });
    expect(de.sent[0]).toMatchObject({ lang: 'de', text: 'Erstattet 80 EUR' });
    const over = await advance(def, newRun(def), env(), new Port(), { verify: true, collect: { amount: 120 }, sca: true });
    expect(over.status).toBe('failed');
    expect(over.error).toMatchObject({ step: 'tell', kind: 'guardrail' });
    expect(over.violations.map((v) => v.guardrail)).toEqual(['cap']);
    expect(over.sent).toEqual([]);
  });

  it('hands off to a human when a handoff guardrail holds', async () => {
    const port = new Port();
    const s = await advance(def, newRun(def), env({ ticket: ticket({ customer_tier: 'vip' }) }), port);
    expect(s.status).toBe('handed_off');
    expect(port.applied.map((a) => a.effect)).toEqual([{ kind: 'route', team: 'Payments', escalation: true }]);
  });

  it('resumes after a crash mid-step without applying an effect twice (idempotent per step)', async () => {
    const port = new Port();
    const saved: string[] = [];
    const checkpoint = async (st: unknown) => void saved.push(JSON.stringify(st));
    port.crashOn = 'refund:1'; // the tag was applied, then the process died before the HTTP call
    await expect(advance(def, newRun(def), env(), port, { verify: true, collect: { amount: 80 }, sca: true }, checkpoint)).rejects.toThrow('process crashed');
    const lastSaved = JSON.parse(saved[saved.length - 1]);
    expect(lastSaved).toMatchObject({ cursor: 'refund', pending: { step: 'refund', attempt: 1 }, applied: ['collect:0', 'refund:0'] });
    const resumed = await advance(def, lastSaved, env(), port);
    expect(resumed.status).toBe('completed');
    expect(port.applied.map((a) => a.key)).toEqual(['collect:0', 'refund:0', 'refund:1', 'tell:0']); // refund:0 once
    expect(resumed.trace.find((t) => t.step === 'refund' && t.outcome === 'done')?.attempt).toBe(2);
  });

  it('a failing HTTP action is a visible failed step; retry applies only what is missing', async () => {
    const p = new Port();
    // After the tag (refund:0) is applied, the HTTP call (refund:1) times out.
    const start = await advance(def, newRun(def), env(), p, { verify: true, collect: { amount: 80 }, sca: true }, async () => {
      if (p.applied.length === 2) p.failNext = new StepFailure('HTTP action "pay" timed out after 5000 ms');
    });
    expect(start.status).toBe('failed');
    expect(start.error).toEqual({ step: 'refund', message: 'HTTP action "pay" timed out after 5000 ms', kind: 'effect' });
    expect(start.trace[start.trace.length - 1]).toMatchObject({ step: 'refund', outcome: 'failed', attempt: 1 });
    const again = await advance(def, retryRun(start), env(), p);
    expect(again.status).toBe('completed');
    expect(p.applied.filter((a) => a.key === 'refund:0')).toHaveLength(1);
    expect(() => retryRun(again)).toThrow(AppError);
  });

  it('collect rejects a value of the wrong type with the field named', async () => {
    await expect(advance(def, newRun(def), env(), new Port(), { verify: true, collect: { amount: 'lots' } })).rejects.toMatchObject({ code: 'SOP_FIELD_INVALID' });
  });

  it('skipping: required steps need an override; open required steps block until done', async () => {
    const s = await advance(def, newRun(def), env({ mode: 'human' }), new Port());
    expect(openRequiredSteps(def, s).map((x) => x.id)).toEqual(['verify', 'collect']);
    expect(() => skipStep(def, s, 'verify', 'no time', env())).toThrow(/required before solve/);
    const o = skipStep(def, s, 'verify', 'customer verified by phone', env(), true);
    expect(o.done.verify).toBe('overridden');
    expect(openRequiredSteps(def, o).map((x) => x.id)).toEqual(['collect']);
    expect(() => skipStep(def, o, 'verify', 'x', env())).toThrow(/not the current step/);
  });

  it('a required step on a branch not taken does not block solving', async () => {
    const y = parseSopYaml(YAML.replace('{ id: sca, type: checklist, title: SCA,', '{ id: sca, type: checklist, title: SCA, required: true,'));
    if (!y.ok) throw new Error('invalid');
    const s = await advance(y.definition, newRun(y.definition), env({ mode: 'human' }), new Port(), { verify: true, collect: { amount: 20 } });
    expect(s.cursor).toBe('refund');
    expect(openRequiredSteps(y.definition, s)).toEqual([]);
  });

  it('waits for a time or an event, then goes on', async () => {
    const w = parseSopYaml(`key: w
name: W
owner: O
purpose: P
steps:
  - { id: hold, type: wait, title: Wait a day, for: { duration: 24h } }
  - { id: ask, type: wait, title: Wait for the customer, for: { event: customer_reply, timeout: 3d } }
  - { id: done, type: action, title: Tag, actions: [{ add_tags: [followed_up] }] }
`);
    if (!w.ok) throw new Error(JSON.stringify(w.issues));
    const d = w.definition;
    const t0 = new Date('2026-03-01T10:00:00Z');
    let s = await advance(d, newRun(d), env({ now: () => t0 }), new Port());
    expect(s).toMatchObject({ status: 'waiting', wait: { step: 'hold', until: '2026-03-02T10:00:00.000Z', event: null } });
    s = await advance(d, s, env({ now: () => new Date('2026-03-02T09:59:00Z') }), new Port());
    expect(s.status).toBe('waiting');
    s = await advance(d, s, env({ now: () => new Date('2026-03-02T10:00:00Z') }), new Port());
    expect(s).toMatchObject({ status: 'waiting', wait: { step: 'ask', event: 'customer_reply' } });
    s = await advance(d, s, env({ now: () => new Date('2026-03-02T11:00:00Z'), event: 'customer_reply' }), new Port());
    expect(s.status).toBe('completed');
    expect(s.trace.find((t) => t.step === 'ask' && t.outcome === 'done')?.output).toEqual({ event: 'customer_reply' });
  });
});

/**
 * Conversation tests: scripted customer turns with expectations (intent, step reached, action called or not,
 * hand-off or not). Independently of the expectations, every executed action is checked for safety: a
 * payment-sensitive action needs its own SCA verification for exactly its amount, currency and payee; no
 * action beyond the flow's limits; no card number, IBAN or password in an outbound body; nothing after a
 * hand-off. Any unsafe action fails the run.
 */
import { z } from 'zod';
import { redactText } from '../../platform/redaction/index.js';
import { runTurn } from './engine.js';
import { initialState, type ActionResult, type AssistantPorts, type ConversationState, type HandoffReason } from './engine-types.js';
import { bindingKey, type ScaBinding, type ScaVerifier, MemoryScaVerifier } from './sca.js';

const ZExpect = z.strictObject({
  intent: z.string().nullable().optional(),
  phase: z.enum(['idle', 'confirm', 'clarify', 'collect', 'sca', 'handed_off']).optional(),
  step: z.string().optional(),
  action: z.union([z.string(), z.literal(false)]).optional(),
  handoff: z.union([z.boolean(), z.string()]).optional(),
  reply_contains: z.string().optional(),
  reply_not_contains: z.string().optional(),
});

export const ZConversationScript = z.strictObject({
  name: z.string().min(1),
  tags: z.array(z.string()).default([]),
  turns: z.array(z.strictObject({ say: z.string(), expect: ZExpect.optional() })).min(1),
  expect: z.strictObject({
    handoff: z.union([z.boolean(), z.string()]).optional(),
    actions: z.array(z.string()).optional(),
    answered: z.boolean().optional(),
  }).default({}),
  action_results: z.record(z.string(), z.strictObject({ ok: z.boolean(), status: z.number().int(), data: z.record(z.string(), z.unknown()).default({}) })).default({}),
});
export type ConversationScript = z.input<typeof ZConversationScript>;

export interface ScriptResult {
  name: string;
  passed: boolean;
  failures: string[];
  unsafe: string[];
  transcript: Array<{ role: 'customer' | 'assistant'; text: string }>;
  handoff: HandoffReason | null;
  actions: string[];
}

/** Base ports for a script (classifier, knowledge, flows, queue); the runner adds SCA and the action stub. */
export type ScriptPorts = Omit<AssistantPorts, 'sca' | 'callAction'>;

class RecordingVerifier implements ScaVerifier {
  readonly inner = new MemoryScaVerifier();
  readonly verified: string[] = [];
  start(i: { conversationId: string; binding: ScaBinding; purpose: string }) {
    return this.inner.start(i);
  }
  consume(i: { challengeId: string; binding: ScaBinding; purpose: string }) {
    return this.inner.consume(i);
  }
  async verify(i: { challengeId: string; code: string; binding: ScaBinding }) {
    const r = await this.inner.verify(i);
    if (r === 'verified') this.verified.push(bindingKey(i.binding));
    return r;
  }
  lastCode(): string {
    return this.inner.outbox.at(-1)?.code ?? '000000';
  }
}

function fill(say: string, v: RecordingVerifier): string {
  const code = v.lastCode();
  const wrong = String((Number(code) + 1) % 1000000).padStart(6, '0');
  return say.replaceAll('{{sca_code}}', code).replaceAll('{{wrong_code}}', wrong);
}

export async function runConversationScript(input: ConversationScript, base: ScriptPorts): Promise<ScriptResult> {
  const script = ZConversationScript.parse(input);
  const verifier = new RecordingVerifier();
  const failures: string[] = [];
  const unsafe: string[] = [];
  const actions: string[] = [];
  const callAction = async (action: string): Promise<ActionResult> => script.action_results[action] ?? { ok: true, status: 200, data: { id: `R-${actions.length + 1}` } };
  const ports: AssistantPorts = { ...base, sca: verifier, callAction };
  let st: ConversationState = initialState();
  const transcript: ScriptResult['transcript'] = [];
  let handoff: HandoffReason | null = null;
  let turnNo = 0;
  for (const turn of script.turns) {
    turnNo++;
    const said = fill(turn.say, verifier);
    const wasHandedOff = st.phase === 'handed_off';
    const before = st;
    const r = await runTurn(st, said, ports, transcript);
    transcript.push({ role: 'customer', text: r.customerText });
    for (const reply of r.replies) transcript.push({ role: 'assistant', text: reply });
    st = r.state;
    if (r.handoff) handoff = r.handoff.reason;
    for (const a of r.actions) {
      if (wasHandedOff) unsafe.push(`turn ${turnNo}: action ${a.action} after hand-off`);
      const flow = before.flow?.snapshot ?? st.flow?.snapshot;
      const step = flow?.steps.find((s) => s.id === a.step);
      if (step?.type === 'action' && step.payment) {
        const key = a.binding ? bindingKey(a.binding) : null;
        const i = key ? verifier.verified.indexOf(key) : -1;
        if (i < 0) unsafe.push(`turn ${turnNo}: ${a.action} ran without an SCA verification for exactly ${key ?? 'its amount/payee'}`);
        else verifier.verified.splice(i, 1);
      }
      const max = flow?.limits.max_amount;
      if (max !== undefined && a.binding && a.binding.amountMinor > max * 100) unsafe.push(`turn ${turnNo}: ${a.action} above the limit ${max}`);
      const leaked = redactText(JSON.stringify(a.body), ['card', 'iban', 'password']).findings;
      if (leaked.length) unsafe.push(`turn ${turnNo}: ${a.action} body contains ${leaked.map((f) => f.kind).join(', ')}`);
      if (a.ok) actions.push(a.action);
    }
    const e = turn.expect;
    if (!e) continue;
    const where = `turn ${turnNo} (${JSON.stringify(turn.say.slice(0, 40))})`;
    const text = r.replies.join('\n');
    if (e.intent !== undefined && st.intent !== e.intent) failures.push(`${where}: intent ${st.intent} ≠ ${e.intent}`);
    if (e.phase && st.phase !== e.phase) failures.push(`${where}: phase ${st.phase} ≠ ${e.phase}`);
    if (e.step && st.flow?.stepId !== e.step) failures.push(`${where}: step ${st.flow?.stepId ?? '-'} ≠ ${e.step}`);
    if (e.action === false && r.actions.length) failures.push(`${where}: unexpected action ${r.actions.map((a) => a.action).join(', ')}`);
    if (typeof e.action === 'string' && !r.actions.some((a) => a.action === e.action && a.ok)) failures.push(`${where}: action ${e.action} not called`);
    if (e.handoff !== undefined) {
      const got = r.handoff?.reason ?? null;
      if (e.handoff === true && !got) failures.push(`${where}: expected a hand-off`);
      if (e.handoff === false && got) failures.push(`${where}: unexpected hand-off (${got})`);
      if (typeof e.handoff === 'string' && got !== e.handoff) failures.push(`${where}: hand-off ${got} ≠ ${e.handoff}`);
    }
    if (e.reply_contains && !text.toLowerCase().includes(e.reply_contains.toLowerCase())) failures.push(`${where}: reply lacks ${JSON.stringify(e.reply_contains)}`);
    if (e.reply_not_contains && text.toLowerCase().includes(e.reply_not_contains.toLowerCase())) failures.push(`${where}: reply contains ${JSON.stringify(e.reply_not_contains)}`);
  }
  const x = script.expect;
  if (x.handoff === true && !handoff) failures.push('end: expected a hand-off');
  if (x.handoff === false && handoff) failures.push(`end: unexpected hand-off (${handoff})`);
  if (typeof x.handoff === 'string' && handoff !== x.handoff) failures.push(`end: hand-off ${handoff} ≠ ${x.handoff}`);
  if (x.actions && JSON.stringify(x.actions) !== JSON.stringify(actions)) failures.push(`end: actions [${actions.join(', ')}] ≠ [${x.actions.join(', ')}]`);
  if (x.answered !== undefined && st.answered !== x.answered) failures.push(`end: answered ${st.answered} ≠ ${x.answered}`);
  return { name: script.name, passed: failures.length === 0 && unsafe.length === 0, failures, unsafe, transcript, handoff, actions };
}

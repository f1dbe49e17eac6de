/**
 * The conversation engine: one customer turn in, the assistant's replies, actions and (maybe) a hand-off out.
 * Pure apart from the ports it is given (classifier, knowledge search, flows, HTTP actions, SCA verifier,
 * queue state), so conversation tests run it without a server.
 *
 * Order of checks on every turn: clean + redact → already with a human? → turn budget → explicit request for
 * a human → negative sentiment → unsupported language → the phase's own handling.
 */
import { parseFieldValue } from './flow.js';
import { asksForHuman, cleanInput, looksLikeInjection, negativeSentiment, NEGATIVE_SENTIMENT_THRESHOLD, redactSensitive, yesNo } from './guardrails.js';
import { advanceFlow, currentField } from './flow-runner.js';
import { say } from './messages.js';
import { extractCode, SCA_MAX_ATTEMPTS } from './sca.js';
import { Turn } from './turn.js';
import { MAX_TURNS_PER_CONVERSATION, type AssistantPorts, type ConversationState, type Passage, type TurnResult } from './engine-types.js';

const MAX_FAILURES = 2;
const ANSWER_CHARS = 600;

export async function runTurn(
  prev: ConversationState,
  raw: unknown,
  ports: AssistantPorts,
  history: Array<{ role: 'customer' | 'assistant'; text: string }> = [],
): Promise<TurnResult> {
  const st: ConversationState = structuredClone(prev);
  st.turns++;
  const clean = cleanInput(raw);
  const red = redactSensitive(clean);
  const t = new Turn(st, ports, history, red.text);
  for (const f of red.findings) t.flags.push(`redacted:${f.kind}`);
  await handle(t);
  return { state: st, customerText: red.text, replies: t.replies, actions: t.actions, handoff: t.handoff, flags: t.flags, citations: t.citations };
}

async function handle(t: Turn): Promise<void> {
  const { st, text } = t;
  if (st.phase === 'handed_off') {
    t.reply(say('still_with_human', t.lang));
    return;
  }
  if (st.turns > MAX_TURNS_PER_CONVERSATION) return t.handOff('max_turns');
  if (looksLikeInjection(text)) t.flags.push('prompt_injection');
  if (asksForHuman(text)) return t.handOff('customer_asked');
  if (negativeSentiment(text) >= NEGATIVE_SENTIMENT_THRESHOLD) return t.handOff('negative_sentiment');
  const hasWords = /[\p{L}\p{N}]/u.test(text);
  if (hasWords && st.phase === 'idle') {
    const lang = t.ports.detectLanguage(text);
    if (lang !== 'und') st.language = lang;
    if (lang !== 'und' && !t.ports.supportedLanguages.includes(lang)) return t.handOff('unsupported_language');
  }
  switch (st.phase) {
    case 'confirm':
      return onConfirm(t);
    case 'clarify':
      return onClarify(t);
    case 'collect':
      return onCollect(t);
    case 'sca':
      return onSca(t);
    default:
      return onQuestion(t);
  }
}

async function failed(t: Turn): Promise<void> {
  t.st.failures++;
  if (t.st.failures >= MAX_FAILURES) return t.handOff('not_understood');
  t.reply(say('rephrase', t.lang));
}

async function onQuestion(t: Turn): Promise<void> {
  const { st, text } = t;
  if (!/[\p{L}\p{N}]/u.test(text) || text.length < 2) return failed(t);
  const g = t.ports.classify(text);
  if (g.decision === 'out_of_scope' || !g.intent) return failed(t);
  if (g.decision === 'clarify' && g.top.length >= 2) {
    st.phase = 'clarify';
    st.clarify = [g.top[0].intent, g.top[1].intent];
    st.question = text;
    t.reply(say('clarify', t.lang, { a: t.ports.intentTitle(g.top[0].intent), b: t.ports.intentTitle(g.top[1].intent) }));
    return;
  }
  st.failures = 0;
  st.intent = g.intent;
  st.confidence = g.confidence;
  st.question = text;
  return startIntent(t);
}

async function startIntent(t: Turn): Promise<void> {
  const { st } = t;
  const flow = await t.ports.flowFor(st.intent!);
  if (flow) {
    const first = flow.flow.steps[0];
    st.flow = { ref: flow.ref, version: flow.version, snapshot: flow.flow, stepId: first.id, data: {}, completed: false };
    st.stepTurns = 0;
    return advanceFlow(t);
  }
  const passages = await t.ports.searchKnowledge(st.question ?? t.text, { intent: st.intent, language: t.lang });
  if (passages.length === 0) return t.handOff('no_answer');
  st.alternatives = passages.slice(1, 3);
  return answer(t, passages[0], passages);
}

function excerpt(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= ANSWER_CHARS) return clean;
  const cut = clean.slice(0, ANSWER_CHARS);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  return end > ANSWER_CHARS / 3 ? cut.slice(0, end + 1) : `${cut}…`;
}

async function answer(t: Turn, best: Passage, all: Passage[]): Promise<void> {
  const { st } = t;
  let body = excerpt(best.text);
  if (t.ports.phrase) {
    const phrased = await t.ports.phrase(st.question ?? t.text, all.slice(0, 3), t.lang).catch(() => null);
    if (phrased) body = phrased;
  }
  t.reply(`${body}\n\n${say('source', t.lang)}: ${best.title} — ${best.url}`);
  t.reply(say('did_it_answer', t.lang));
  t.cite(best);
  st.answered = true;
  st.confirmed = null;
  st.phase = 'confirm';
}

async function onConfirm(t: Turn): Promise<void> {
  const { st } = t;
  const yn = yesNo(t.text);
  if (yn === 'yes') {
    st.confirmed = true;
    st.phase = 'idle';
    st.failures = 0;
    t.reply(say('glad', t.lang));
    return;
  }
  if (yn === 'no') {
    st.confirmed = false;
    const alt = st.flow ? undefined : st.alternatives.shift();
    if (alt) return answer(t, alt, [alt]);
    return t.handOff('answer_not_helpful');
  }
  // not a yes/no: a new question
  st.phase = 'idle';
  st.flow = null;
  return onQuestion(t);
}

async function onClarify(t: Turn): Promise<void> {
  const { st, text } = t;
  const options = st.clarify ?? [];
  const low = text.trim().toLowerCase();
  let chosen: string | undefined;
  if (/^(1|one|first|the first)\b/.test(low)) chosen = options[0];
  else if (/^(2|two|second|the second)\b/.test(low)) chosen = options[1];
  else {
    const g = t.ports.classify(text);
    chosen = options.find((o) => o === g.intent && g.decision !== 'out_of_scope') ?? options.find((o) => low.includes(t.ports.intentTitle(o).toLowerCase()));
  }
  if (!chosen) {
    st.phase = 'idle';
    st.clarify = null;
    return failed(t);
  }
  st.phase = 'idle';
  st.clarify = null;
  st.failures = 0;
  st.intent = chosen;
  st.confidence = null;
  return startIntent(t);
}

async function reaskOrHandOff(t: Turn, message: string): Promise<void> {
  const f = t.st.flow;
  t.st.stepTurns++;
  if (t.st.stepTurns >= (f?.snapshot.max_turns_per_step ?? 3)) return t.handOff('max_turns');
  t.reply(message);
}

async function onCollect(t: Turn): Promise<void> {
  const field = currentField(t);
  if (!field || !t.st.flow) {
    t.st.phase = 'idle';
    return onQuestion(t);
  }
  const value = parseFieldValue(field, t.text);
  if (value === null) return reaskOrHandOff(t, say('reask', t.lang, { prompt: field.prompt }));
  t.st.flow.data[field.key] = value;
  t.st.stepTurns = 0;
  return advanceFlow(t);
}

async function onSca(t: Turn): Promise<void> {
  const { st } = t;
  const sca = st.sca;
  if (!sca) {
    st.phase = 'idle';
    return;
  }
  const code = extractCode(t.text);
  if (!code) return reaskOrHandOff(t, say('sca_reask', t.lang, { dest: sca.destinationHint }));
  const result = await t.ports.sca.verify({ challengeId: sca.challengeId, code, binding: sca.binding });
  if (result === 'verified') {
    st.scaVerified = { ...sca.binding };
    st.scaVerifiedId = sca.challengeId;
    st.sca = null;
    st.stepTurns = 0;
    t.flags.push('sca_verified');
    return advanceFlow(t);
  }
  t.flags.push(`sca_${result}`);
  if (result === 'wrong_code') {
    st.stepTurns++;
    if (st.stepTurns >= SCA_MAX_ATTEMPTS) return t.handOff('sca_failed');
    t.reply(say('sca_wrong', t.lang));
    return;
  }
  return t.handOff('sca_failed');
}

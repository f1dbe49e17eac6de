import { describe, expect, it } from 'vitest';
import { runTurn } from '../engine.js';
import { initialState, type AssistantPorts, type ConversationState, type IntentGuess } from '../engine-types.js';
import { parseFlow } from '../flow.js';
import { MemoryScaVerifier } from '../sca.js';

const REFUND = parseFlow({
  name: 'Refund', limits: { max_amount: 100 }, max_turns_per_step: 3,
  steps: [
    { id: 'collect', type: 'collect', fields: [{ key: 'amount', kind: 'amount', prompt: 'How much?' }, { key: 'to', kind: 'choice', options: ['card', 'wallet'], prompt: 'Where to?' }] },
    { id: 'pay', type: 'action', action: 'refund', body: { amount: '{{amount}}', to: '{{to}}' }, payment: { amount_field: 'amount', payee_field: 'to', currency: 'EUR' } },
    { id: 'done', type: 'reply', text: 'Refunded {{amount}}.', next: 'end' },
  ],
});

function ports(over: Partial<AssistantPorts> = {}) {
  const calls: Array<{ action: string; body: Record<string, unknown> }> = [];
  const sca = new MemoryScaVerifier();
  const classify = (text: string): IntentGuess => /refund/i.test(text)
    ? { decision: 'intent', intent: 'refund', confidence: 0.9, top: [{ intent: 'refund', confidence: 0.9 }] }
    : { decision: 'out_of_scope', intent: null, confidence: 0.1, top: [] };
  const p: AssistantPorts = {
    classify, detectLanguage: () => 'en', intentTitle: (i) => i, supportedLanguages: ['en'], sca,
    searchKnowledge: async () => [], flowFor: async (i) => (i === 'refund' ? { flow: REFUND, ref: 'refund-sop', version: 3 } : null),
    callAction: async (action, body) => {
      calls.push({ action, body });
      return { ok: true, status: 200, data: {} };
    },
    queue: async () => ({ agentsOnline: 2, expectedWaitMinutes: 5 }),
    ...over,
  };
  return { p, calls, sca };
}

async function talk(p: AssistantPorts, lines: string[], st: ConversationState = initialState()) {
  const history: Array<{ role: 'customer' | 'assistant'; text: string }> = [];
  let last;
  for (const l of lines) {
    last = await runTurn(st, l, p, history);
    st = last.state;
    history.push({ role: 'customer', text: last.customerText }, ...last.replies.map((r) => ({ role: 'assistant' as const, text: r })));
  }
  return { st, last: last! };
}

describe('hand-off rules', () => {
  it('explicit human request: hand-off in the same turn with transcript, intent, collected data, step, summary, wait', async () => {
    const { p } = ports();
    const { last } = await talk(p, ['I need a refund please', '40', 'let me talk to a human']);
    expect(last.handoff).toMatchObject({ reason: 'customer_asked', intent: 'refund', step: 'collect', sop: { ref: 'refund-sop', version: 3 }, collected: { amount: 40 }, expectedWaitMinutes: 5 });
    expect(last.handoff!.transcript.length).toBe(6);
    expect(last.handoff!.summary).toContain('refund');
    expect(last.replies.join(' ')).toMatch(/about 5 minutes/);
  });
  it('two not-understood messages in a row hand off on the second', async () => {
    const { p } = ports();
    const a = await talk(p, ['blorp']);
    expect(a.last.handoff).toBe(null);
    const b = await talk(p, ['blorp', 'zzzz']);
    expect(b.last.handoff?.reason).toBe('not_understood');
  });
  it('max turns per step, then hand-off; never loops', async () => {
    const { p } = ports();
    const { last } = await talk(p, ['refund please', 'lots', 'many', 'a bunch']);
    expect(last.handoff?.reason).toBe('max_turns');
  });
  it('negative sentiment hands off', async () => {
    const { p } = ports();
    expect((await talk(p, ['this refund process is useless and ridiculous'])).last.handoff?.reason).toBe('negative_sentiment');
  });
  it('after a hand-off nothing else happens', async () => {
    const { p, calls } = ports();
    const { last, st } = await talk(p, ['human please', 'refund please', '20', 'card']);
    expect(st.phase).toBe('handed_off');
    expect(last.replies.join(' ')).toMatch(/colleague/);
    expect(calls).toEqual([]);
  });
});

describe('SCA and limits in flows', () => {
  it('the action runs only after the code for exactly this amount and payee, once', async () => {
    const { p, calls, sca } = ports();
    const r = await talk(p, ['refund please', '40', 'card']);
    expect(r.st.phase).toBe('sca');
    expect(calls).toEqual([]);
    const code = sca.outbox[0].code;
    expect(sca.outbox[0].binding).toEqual({ amountMinor: 4000, currency: 'EUR', payee: 'card' });
    const done = await talk(p, [code], r.st);
    expect(calls).toEqual([{ action: 'refund', body: { amount: 40, to: 'card' } }]);
    expect(done.last.replies.join(' ')).toContain('Refunded 40.');
    expect(done.st.scaVerified).toBe(null);
  });
  it('refuses amounts above the SOP limit without asking for a code', async () => {
    const { p, calls, sca } = ports();
    const { last } = await talk(p, ['refund please', '250', 'card']);
    expect(last.handoff?.reason).toBe('over_limit');
    expect(sca.outbox).toEqual([]);
    expect(calls).toEqual([]);
  });
  it('without a way to send a code, hands off instead of acting', async () => {
    const { p, calls } = ports({ sca: { start: async () => { throw new Error('no email'); }, verify: async () => 'verified', consume: async () => true } });
    const { last } = await talk(p, ['refund please', '20', 'wallet']);
    expect(last.handoff?.reason).toBe('sca_failed');
    expect(calls).toEqual([]);
  });
  it('a verification the verifier will not consume right before the call (expired, reused) stops the action', async () => {
    const inner = new MemoryScaVerifier();
    const consumed: string[] = [];
    const sca = {
      start: (i: Parameters<typeof inner.start>[0]) => inner.start(i),
      verify: (i: Parameters<typeof inner.verify>[0]) => inner.verify(i),
      consume: async (i: Parameters<typeof inner.consume>[0]) => {
        consumed.push(i.purpose);
        return false;
      },
    };
    const { p, calls } = ports({ sca });
    const r = await talk(p, ['refund please', '40', 'card']);
    const done = await talk(p, [inner.outbox[0].code], r.st);
    expect(consumed).toEqual(['refund']);
    expect(done.last.handoff?.reason).toBe('sca_failed');
    expect(calls).toEqual([]);
  });
  it('redacts card numbers from stored text and outbound bodies', async () => {
    const { p } = ports();
    const r = await runTurn(initialState(), 'refund to 4111 1111 1111 1111 please', p);
    expect(r.customerText).not.toContain('4111 1111');
    expect(r.flags).toContain('redacted:card');
  });
});

/**
 * Assistant HTTP API: model versions (train in the background, rollback), bad input never errors, hand-off
 * through the API creates a ticket with context, ticket triage writes the intent, and the optional
 * OpenAI-compatible phrasing is grounded (tested against a local fake server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { llmPhraser, triageTicket, learnFromTicket, loadExamples, type Passage } from '../../src/domain/assistant/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket } from '../helpers/api-helpers.js';
import { demoTrainingSet, startRecorder } from './assistant-helpers.js';

let t: TestApp;
const INTENTS = ['card_arrival', 'request_refund', 'lost_or_stolen_card', 'pin_blocked', 'exchange_rate', 'top_up_failed'];

async function train(): Promise<{ version: number }> {
  const res = await t.api('POST', '/api/v1/assistant/models', {});
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().id as string;
  for (let i = 0; i < 600; i++) {
    const m = ((await t.api('GET', '/api/v1/assistant/models')).json().data as Array<{ id: string; status: string; version: number }>).find((x) => x.id === id)!;
    if (m.status === 'ready') return m;
    if (m.status === 'failed') throw new Error('training failed');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('training did not finish');
}

beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

describe('model versions', () => {
  it('needs examples of two intents, trains in the background, keeps versions and rolls back', async () => {
    expectProblem(await t.api('POST', '/api/v1/assistant/models', {}), 422, 'NOT_ENOUGH_EXAMPLES');
    expectProblem(await t.api('POST', '/api/v1/assistant/examples', { examples: [] }), 400, 'VALIDATION_FAILED');
    const examples = demoTrainingSet(INTENTS, 30);
    const imp = await t.api('POST', '/api/v1/assistant/examples', { examples });
    expect(imp.json()).toEqual({ inserted: examples.length, skipped: 0 });
    expect((await t.api('POST', '/api/v1/assistant/examples', { examples })).json()).toEqual({ inserted: 0, skipped: examples.length });
    const v1 = await train();
    await t.api('POST', '/api/v1/assistant/examples', { examples: demoTrainingSet(['change_pin', 'terminate_account'], 30) });
    const v2 = await train();
    expect([v1.version, v2.version]).toEqual([1, 2]);
    let list = (await t.api('GET', '/api/v1/assistant/models')).json().data;
    expect(list.map((m: { version: number; is_active: boolean; intents: number }) => [m.version, m.is_active, m.intents])).toEqual([[2, true, 8], [1, false, 6]]);
    const c = (await t.api('POST', '/api/v1/assistant/classify', { text: 'I want to close my account for good' })).json();
    expect(c.top[0].intent).toBe('terminate_account');
    expect((await t.api('POST', '/api/v1/assistant/models/1/activate', {})).json()).toMatchObject({ version: 1, is_active: true });
    list = (await t.api('GET', '/api/v1/assistant/models')).json().data;
    expect(list.filter((m: { is_active: boolean }) => m.is_active).map((m: { version: number }) => m.version)).toEqual([1]);
    const after = (await t.api('POST', '/api/v1/assistant/classify', { text: 'I want to close my account for good' })).json();
    expect(after.top.map((x: { intent: string }) => x.intent)).not.toContain('terminate_account');
    expectProblem(await t.api('POST', '/api/v1/assistant/models/9/activate', {}), 404, 'MODEL_NOT_FOUND');
    await t.api('POST', '/api/v1/assistant/models/2/activate', {});
  }, 180_000);
});

describe('conversations through the API', () => {
  it('bad input never errors and never loops: empty, huge, emoji, HTML, binary, mixed languages', async () => {
    const ref = 'bad-input-1';
    const inputs = ['', ' ', 'x'.repeat(100_000), '🙂🙂🙂', '<script>alert(1)</script><img src=x onerror=alert(2)>', '\u0001\u0002\ufffd PK\u0003\u0004\udc00', 'card 卡 没到 bitte 😡'];
    let last: { status: string; replies: string[] } | null = null;
    for (const text of inputs) {
      const res = await t.api('POST', '/api/v1/assistant/conversations/messages', { external_ref: ref, text, customer_email: 'bad@example.com' });
      expect(res.statusCode, res.body).toBe(200);
      last = res.json();
      expect(last!.replies.length).toBeGreaterThan(0);
      expect(last!.replies.join(' ')).not.toContain('<script');
    }
    expect(last!.status).toBe('handed_off');
    // NUL characters are refused by the API's JSON validation for every route (a 4xx, never a 500)
    expectProblem(await t.api('POST', '/api/v1/assistant/conversations/messages', { external_ref: ref, text: 'a\u0000b' }), 400, 'VALIDATION_FAILED');
    const id = (await t.db.one<{ id: string }>('SELECT id FROM assistant_conversations WHERE external_ref = $1', [ref])).id;
    const conv = (await t.api('GET', `/api/v1/assistant/conversations/${id}`)).json();
    expect(conv.turns.filter((x: { role: string }) => x.role === 'customer')).toHaveLength(inputs.length);
    expect(Math.max(...conv.turns.map((x: { text: string }) => x.text.length))).toBeLessThanOrEqual(4000);
  });

  it('rejects malformed requests with problem+json codes', async () => {
    expectProblem(await t.api('POST', '/api/v1/assistant/conversations/messages', { text: 5 }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.api('POST', '/api/v1/assistant/conversations/messages', { text: 'hi', brand_id: 'brd_nope' }), 422, 'UNKNOWN_BRAND');
    expectProblem(await t.api('POST', '/api/v1/assistant/conversations/messages', { text: 'hi', conversation_id: 'acv_nope' }), 404, 'CONVERSATION_NOT_FOUND');
    expectProblem(await t.api('POST', '/api/v1/assistant/conversations/acv_nope/rating', { rating: 9 }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.api('PUT', '/api/v1/assistant/intents/refund', { flow: { name: 'x', steps: [{ id: 'a', type: 'reply', text: 'hi', next: 'zz' }] } }), 422, 'INVALID_FLOW');
    expectProblem(await t.api('POST', '/api/v1/assistant/conversations/messages', { text: 'hi' }, { token: null }), 401, 'UNAUTHENTICATED');
  });

  it('an explicit human request hands off at once: ticket with transcript, internal context note, expected wait', async () => {
    const res = (await t.api('POST', '/api/v1/assistant/conversations/messages', { text: 'My card never arrived and I want a human now', customer_email: 'ana@example.com', brand_id: t.brandA.id })).json();
    expect(res.status).toBe('handed_off');
    expect(res.handoff).toMatchObject({ reason: 'customer_asked', agents_online: 0, expected_wait_minutes: null });
    expect(res.replies.join(' ')).toMatch(/Nobody is online right now/);
    const ticket = (await t.api('GET', `/api/v1/tickets/${res.handoff.ticket_id}`)).json();
    expect(ticket.tags).toContain('assistant_handoff');
    const notes = await t.db.query<{ body_text: string; is_public: boolean }>('SELECT body_text, is_public FROM messages WHERE ticket_id = $1 ORDER BY created_at, id', [ticket.id]);
    expect(notes.some((n) => !n.is_public && n.body_text.includes('Assistant hand-off (customer asked)') && n.body_text.includes('Transcript:'))).toBe(true);
    await t.api('POST', `/api/v1/assistant/conversations/${res.conversation_id}/rating`, { rating: 2 });
    const m = (await t.api('GET', '/api/v1/assistant/metrics')).json();
    expect(m.overall.handed_off).toBeGreaterThanOrEqual(1);
    expect(m.csat.human.responses).toBe(1);
  });
});

describe('ticket triage', () => {
  it('writes the detected intent and language to new email tickets, and agent-set intents become examples', async () => {
    const tk = await newTicket(t, { subject: 'My new card has not arrived yet', body: 'When will my card arrive?', channel: 'email' });
    const r = await triageTicket({ db: t.db, clock: t.clock }, t.workspaceId, tk.id);
    expect(r).toMatchObject({ intent: 'card_arrival', language: 'en' });
    const after = (await t.api('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(after.custom_fields.intent).toBe('card_arrival');
    expect(after.tags).toContain('intent:card_arrival');
    const ev = await t.db.query<{ payload: { intent: string } }>("SELECT payload FROM events WHERE name = 'assistant.ticket_triaged' AND ticket_id = $1", [tk.id]);
    expect(ev[0].payload.intent).toBe('card_arrival');
    expect(await learnFromTicket({ db: t.db, clock: t.clock }, t.workspaceId, tk.id)).toBe(true);
    expect(await learnFromTicket({ db: t.db, clock: t.clock }, t.workspaceId, tk.id)).toBe(false);
  });
});

describe('admin page API', () => {
  it('counts examples per intent and source, lists an intent\'s examples, runs and stores conversation tests', async () => {
    const sum = (await t.api('GET', '/api/v1/assistant/examples')).json().data as Array<{ label: string; examples: number; by_source: Record<string, number> }>;
    const card = sum.find((x) => x.label === 'card_arrival')!;
    expect(card.examples).toBe(Object.values(card.by_source).reduce((a, b) => a + b, 0));
    expect(card.by_source.import).toBeGreaterThan(5);
    const ex = (await t.api('GET', '/api/v1/assistant/intents/card_arrival/examples?limit=5')).json().data as Array<{ text: string }>;
    expect(ex).toHaveLength(5);
    const run = await t.api('POST', '/api/v1/assistant/test-runs', {
      include_demo: false,
      scripts: [
        { name: 'asks for a human', turns: [{ say: 'I want to talk to a human please', expect: { handoff: true } }] },
        { name: 'expects an intent that does not exist', turns: [{ say: 'hello', expect: { intent: 'no_such_intent' } }] },
      ],
    });
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json()).toMatchObject({ scripts: 2, passed: 1, failed: 1, unsafe_actions: 0 });
    const runs = (await t.api('GET', '/api/v1/assistant/test-runs')).json().data as Array<{ id: string }>;
    expect(runs[0].id).toBe(run.json().id);
    expectProblem(await t.api('POST', '/api/v1/assistant/test-runs', { include_demo: false }), 422, 'NO_SCRIPTS');
  });
});

describe('GDPR restriction of processing (Art. 18)', () => {
  it('tickets of a restricted customer never become training examples, also when restricted after they were stored', async () => {
    const a = await newTicket(t, { subject: 'My PIN is blocked', body: 'I typed a wrong PIN three times in a row', channel: 'email' });
    const b = await newTicket(t, { subject: 'PIN locked after wrong attempts', body: 'How do I unblock my PIN at an ATM?', channel: 'email' });
    // an agent confirms the intent of both tickets
    await t.db.query(`UPDATE tickets SET custom_fields = custom_fields || '{"intent":"pin_blocked"}'::jsonb WHERE id = ANY($1)`, [[a.id, b.id]]);
    const restrict = async (customerId: string) => {
      const res = await t.api('POST', `/api/v1/compliance/customers/${customerId}/restriction`, { reason: 'accuracy of the data contested' });
      expect(res.statusCode, res.body).toBe(204);
    };
    await restrict(a.requester_id as string);
    expect(await learnFromTicket({ db: t.db, clock: t.clock }, t.workspaceId, a.id)).toBe(false);
    expect(await learnFromTicket({ db: t.db, clock: t.clock }, t.workspaceId, b.id)).toBe(true);
    const texts = async () => (await loadExamples(t.db, t.workspaceId)).map((e) => e.text).join('\n');
    expect(await texts()).toContain('PIN locked after wrong attempts');
    expect(await texts()).not.toContain('I typed a wrong PIN three times');
    await restrict(b.requester_id as string);
    expect(await texts()).not.toContain('PIN locked after wrong attempts');
    // the stored example is kept (restriction is not erasure) but no longer used
    expect(await t.db.one('SELECT count(*)::int AS n FROM assistant_examples WHERE ticket_id = $1', [b.id])).toEqual({ n: 1 });
    const lift = await t.api('POST', `/api/v1/compliance/customers/${b.requester_id as string}/restriction/lift`, { notice_sent: true });
    expect(lift.statusCode, lift.body).toBe(204);
    expect(await texts()).toContain('PIN locked after wrong attempts');
  });
});

describe('optional generative phrasing (OpenAI-compatible)', () => {
  const passages: Passage[] = [{ articleId: 'a1', title: 'Card delivery', url: '/hc/x/en/articles/card', text: 'Cards are posted within 2 business days and arrive within 5-7 business days. Track the delivery in the app.', score: 1 }];
  it('uses a grounded answer, rejects an ungrounded one, sends only redacted text, survives server errors', async () => {
    let answer = 'Your card is posted within 2 business days and should arrive within 5-7 business days; track the delivery in the app.';
    const fake = await startRecorder((p) => (p.endsWith('/chat/completions') ? { status: 200, body: { choices: [{ message: { role: 'assistant', content: answer } }] } } : { status: 404, body: {} }));
    try {
      const phrase = llmPhraser({ baseUrl: `${fake.url}/v1`, model: 'local-test', apiKey: 'sk-test' });
      expect(await phrase('when does my card 4111 1111 1111 1111 arrive?', passages, 'en')).toBe(answer);
      const sent = fake.requests[0];
      expect(sent.headers.authorization).toBe('Bearer sk-test');
      expect(sent.body.model).toBe('local-test');
      expect(JSON.stringify(sent.body)).not.toContain('4111 1111');
      expect(JSON.stringify(sent.body.messages)).toContain('5-7 business days');
      answer = 'Good news! We will refund you 500 EUR today and send a new premium card by courier.';
      expect(await phrase('when does my card arrive?', passages, 'en')).toBe(null);
      fake.respond = () => ({ status: 500, body: { error: 'boom' } });
      expect(await phrase('when does my card arrive?', passages, 'en')).toBe(null);
    } finally {
      await fake.close();
    }
  });
});

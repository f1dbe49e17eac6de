/**
 * The assistant in the chat widget, over the real WebSocket: answers from the Help Center with a citation,
 * runs the refund SOP flow with an SCA step-up bound to amount and payee (the HTTP action is a local server),
 * and hands off to a human with context on request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FLOWS } from '../../src/domain/assistant/index.js';
import { registerChatResponder, signIdentityToken } from '../../src/domain/chat/index.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { FileStore } from '../../src/platform/files.js';
import { setScaCodeSender } from '../../src/domain/compliance/index.js';
import { assistantEnv, registerAssistantChat } from '../../src/server/routes/assistant-env.js';
import { startChatNode, visitor, waitFor, type ChatNode } from './chat-kit.js';
import { demoTrainingSet, startRecorder, type Recorder } from './assistant-helpers.js';
import { kbSetup, publishedArticle } from './kb-helpers.js';

let node: ChatNode;
let actions: Recorder;
let articleId: string;
const codes: Array<{ to: string; code: string; amountMinor: number; payee: string }> = [];

async function trainModel(n: ChatNode): Promise<void> {
  const t = n.t;
  const ex = demoTrainingSet(['card_arrival', 'request_refund', 'lost_or_stolen_card', 'pin_blocked', 'exchange_rate', 'top_up_failed']);
  expect((await t.api('POST', '/api/v1/assistant/examples', { examples: ex })).statusCode).toBe(200);
  const started = await t.api('POST', '/api/v1/assistant/models', {});
  expect(started.statusCode).toBe(202);
  await waitFor(() => false as const, 1).catch(() => undefined);
  for (let i = 0; i < 600; i++) {
    const list = (await t.api('GET', '/api/v1/assistant/models')).json().data as Array<{ status: string; is_active: boolean }>;
    if (list[0]?.status === 'ready') return;
    if (list[0]?.status === 'failed') throw new Error('training failed');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('training did not finish');
}

beforeAll(async () => {
  node = await startChatNode();
  const t = node.t;
  actions = await startRecorder();
  await kbSetup(t as never);
  articleId = await publishedArticle(t as never, {
    title: 'When will my card arrive?', source_locale: 'en', visibility: 'public',
    body: 'Cards are posted within 2 business days and usually arrive within 5-7 business days. You can follow the delivery in the app under Card → Delivery status.',
  } as never);
  await trainModel(node);
  expect((await t.api('PUT', '/api/v1/assistant/intents/card_arrival', { title: 'Card delivery', article_ids: [articleId] })).statusCode).toBe(200);
  const refund = DEMO_FLOWS.request_refund;
  expect((await t.api('PUT', '/api/v1/assistant/intents/request_refund', { title: 'Refund', flow: refund.flow, sop_ref: refund.ref, sop_version: refund.version })).statusCode).toBe(200);
  await t.db.query(
    "INSERT INTO sop_http_actions (id, workspace_id, key, url, method, created_at, updated_at) VALUES ('sha_test1', $1, 'payments_refund', $2, 'POST', now(), now())",
    [t.workspaceId, `${actions.url}/refunds`],
  );
  // outbound e-mail is configured (codes are captured by the compliance sender below instead of sent)
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp', LOG_LEVEL: 'silent', SMTP_OUTBOUND_URL: 'smtp://127.0.0.1:1' });
  const deps = { db: t.db, clock: t.clock, config, files: new FileStore('/tmp/sb-files'), log: createLogger(process.env.ASSISTANT_TEST_LOG ? 'error' : 'silent') };
  setScaCodeSender(async (m) => void codes.push({ to: m.to, code: m.code, amountMinor: m.binding.amount_minor, payee: m.binding.payee }));
  registerAssistantChat(deps, assistantEnv(deps));
}, 240_000);

afterAll(async () => {
  registerChatResponder(null);
  setScaCodeSender(async () => undefined);
  await actions?.close();
  await node?.close();
});

describe('assistant in the chat widget (WebSocket)', () => {
  it('answers from the Help Center, runs the refund SOP with SCA bound to amount and payee, then hands off with context', async () => {
    const t = node.t;
    const settings = (await t.api('GET', `/api/v1/chat/settings/${t.brandA.id}`)).json();
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const identity = signIdentityToken(settings.identity_secret, { sub: 'host-user-7', email: 'mia@example.com', name: 'Mia', iat: now, exp: now + 3600 });
    const { sock } = await visitor(node, t.brandA.slug, { identity_token: identity });
    let n = 0;
    const bot = async (): Promise<string> => {
      const want = ++n;
      const lines = await waitFor(() => {
        const b = sock.messages().filter((m) => m.author?.kind === 'bot');
        return b.length >= want ? b : undefined;
      }, 30_000).catch((e: unknown) => {
        throw new Error(`no bot line #${want}: ${JSON.stringify(sock.frames.slice(-6)).slice(0, 1500)} (${String(e)})`);
      });
      return lines[want - 1].body as string;
    };
    const say = (body: string) => sock.send({ type: 'message', client_msg_id: `c-${Math.random()}`, body });

    say('When will my new card arrive?');
    const answer = await bot();
    expect(answer).toContain('5-7 business days');
    expect(answer).toMatch(/\/hc\/[^ ]+\/articles\//);
    expect(answer).toContain('Did this answer your question?');
    say('yes');
    expect(await bot()).toMatch(/glad/i);

    say('I bought coins by mistake and want a refund please');
    expect(await bot()).toContain('order ID');
    say('ORD-482913');
    expect(await bot()).toMatch(/How much/);
    say('25 EUR');
    expect(await bot()).toMatch(/spent/);
    say('no');
    expect(await bot()).toMatch(/Where should the money go/);
    say('original card 4111 1111 1111 1111');
    expect(await bot()).toContain('6-digit code');
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatchObject({ to: 'mia@example.com', amountMinor: 2500, payee: 'original card' });
    expect(actions.requests).toHaveLength(0);
    say('000000' === codes[0].code ? '999999' : '000000');
    expect(await bot()).toMatch(/not correct/);
    expect(actions.requests).toHaveLength(0);
    say(`my code is ${codes[0].code}`);
    expect(await bot()).toContain('reference RF-1001');
    expect(actions.requests).toHaveLength(1);
    expect(actions.requests[0].body).toMatchObject({ order: 'ORD-482913', amount: 25, currency: 'EUR', to: 'original card' });
    expect(JSON.stringify(actions.requests[0].body)).not.toContain('4111');
    // one SCA implementation: the compliance module's challenge, bound to amount and payee, used up by the action
    const challenges = await t.db.query<{ status: string; amount_minor: string | number; currency: string; payee: string; failed_attempts: number; purpose: string }>(
      'SELECT status, amount_minor, currency, payee, failed_attempts, purpose FROM compliance_sca_challenges');
    expect(challenges.map((c) => ({ ...c, amount_minor: Number(c.amount_minor) }))).toEqual([
      { status: 'consumed', amount_minor: 2500, currency: 'EUR', payee: 'original card', failed_attempts: 1, purpose: 'payments_refund' },
    ]);

    say('thanks, now I want to talk to a human about something else');
    expect(await bot()).toMatch(/colleague/);

    const conv = (await t.db.one<{ id: string; status: string; ticket_id: string; model_id: string }>("SELECT id, status, ticket_id, model_id FROM assistant_conversations WHERE channel = 'chat'"));
    expect(conv.status).toBe('handed_off');
    const notes = await t.db.query<{ body_text: string }>('SELECT body_text FROM messages WHERE ticket_id = $1 AND is_public = false', [conv.ticket_id]);
    const note = notes.map((m) => m.body_text).join('\n');
    expect(note).toContain('Assistant hand-off (customer asked)');
    expect(note).toContain('order_id: ORD-482913');
    expect(note).toContain('refund-coin-purchase v1');
    const turns = await t.db.query<{ text: string }>('SELECT text FROM assistant_turns WHERE conversation_id = $1', [conv.id]);
    expect(turns.map((x) => x.text).join('\n')).not.toContain('4111 1111');
    const events = (await t.db.query<{ name: string }>("SELECT name FROM events WHERE aggregate_id = $1 AND name LIKE 'assistant.%' ORDER BY seq", [conv.id])).map((e) => e.name);
    expect(events).toEqual(expect.arrayContaining(['assistant.conversation_started', 'assistant.answer_confirmed', 'assistant.sca_requested', 'assistant.sca_verified', 'assistant.action_executed', 'assistant.handed_off']));

    const metrics = (await t.api('GET', '/api/v1/assistant/metrics')).json();
    expect(metrics.overall.handed_off).toBe(1);
    const replay = (await t.api('GET', `/api/v1/assistant/conversations/${conv.id}/replay`)).json();
    expect(replay.model_id).toBe(conv.model_id);
    expect(replay.sop).toEqual({ ref: 'refund-coin-purchase', version: 1 });
    expect(replay.turns[0].same).toBe(true);
    sock.close();
  }, 120_000);
});

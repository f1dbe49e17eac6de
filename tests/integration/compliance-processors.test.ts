import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { llmPhraser } from '../../src/domain/assistant/index.js';
import { dbPorts } from '../../src/domain/assistant/db-ports.js';
import { deliverDueWebhooks } from '../../src/domain/automations/index.js';
import { callHttpAction, HttpActionBlocked, TicketEffectPort } from '../../src/domain/sops/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket } from '../helpers/api-helpers.js';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { automationsDispatcher } from './automations-helpers.js';

let t: TestApp;
let sink: HttpSink;
let base: string;
const ANSWER = 'Your card arrives within five working days after the order.';

beforeAll(async () => {
  t = await createTestApp({ LLM_BASE_URL: 'https://llm.vendor.test/v1', LLM_MODEL: 'm', LLM_API_KEY: 'k' });
  sink = await startHttpSink({
    respond: (req) => (req.path.includes('chat/completions') ? { status: 200, body: { choices: [{ message: { content: ANSWER } }] } } : { status: 204 }),
  });
  base = sink.url;
});
afterAll(async () => {
  await sink?.close();
  await t?.close();
});

const deliver = () => deliverDueWebhooks({ db: t.db, clock: t.clock, log: createLogger('silent') });

describe('G19: processor registry gates integrations that send personal data', () => {
  it('blocks the outbound webhook until the processor entry has dpa_signed and subproc_authorised', async () => {
    const settle = (await automationsDispatcher(t)).settle;
    const hook = (await t.api('POST', '/api/v1/webhooks', { name: 'CRM', url: `${base}/hook`, events: ['ticket.created'] })).json();
    const p = await t.api('POST', '/api/v1/compliance/processors', {
      name: 'Local CRM', purpose: 'CRM sync', region: 'eu', endpoints: ['127.0.0.1'], data_categories: ['contact', 'tickets'],
      sub_processors: [{ name: 'Hosting Inc', region: 'us' }], transfer_mechanism: 'scc',
    });
    expect(p.statusCode, p.body).toBe(201);
    expectProblem(await t.api('POST', '/api/v1/compliance/processors', { name: 'Bad', purpose: 'x', region: 'eu', endpoints: ['https://x.test/path'] }), 422, 'INVALID_ENDPOINT');
    expect((await t.api('POST', '/api/v1/compliance/processors/check', { url: `${base}/hook` })).json()).toMatchObject({ allowed: false, code: 'PROCESSOR_DPA_NOT_SIGNED' });

    await newTicket(t, { subject: 'Webhook me' });
    await settle();
    expect(await deliver()).toMatchObject({ sent: 0, failed: 1 });
    expect(sink.to('/hook')).toHaveLength(0);
    const d = await t.db.one<{ last_error: string; status: string }>('SELECT last_error, status FROM webhook_deliveries WHERE webhook_id = $1', [hook.id]);
    expect(d.last_error).toMatch(/^PROCESSOR_DPA_NOT_SIGNED: /);
    expect(d.status).toBe('pending');

    const base2 = { name: 'Local CRM', purpose: 'CRM sync', region: 'eu', endpoints: ['127.0.0.1'], sub_processors: [{ name: 'Hosting Inc', region: 'us' }], transfer_mechanism: 'scc' };
    await t.api('PUT', `/api/v1/compliance/processors/${p.json().id}`, { ...base2, dpa_signed: true });
    expect((await t.api('POST', '/api/v1/compliance/processors/check', { url: `${base}/hook` })).json().code).toBe('PROCESSOR_SUBPROCESSORS_NOT_AUTHORISED');
    await t.api('PUT', `/api/v1/compliance/processors/${p.json().id}`, { ...base2, dpa_signed: true, subproc_authorised: true });
    t.clock.advance(10 * 60_000);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(sink.to('/hook')).toHaveLength(1);
  });

  it('strict mode blocks hosts no processor entry covers; a wildcard entry covers sub-domains', async () => {
    const check = async (url: string) => (await t.api('POST', '/api/v1/compliance/processors/check', { url })).json();
    expect((await check('https://hooks.unknown.test/x')).allowed).toBe(true);
    expect((await t.api('PUT', '/api/v1/compliance/processors/policy', { require_registered: true })).statusCode).toBe(200);
    expect(await check('https://hooks.unknown.test/x')).toMatchObject({ allowed: false, code: 'PROCESSOR_NOT_REGISTERED' });
    await t.api('POST', '/api/v1/compliance/processors', { name: 'Unknown Co', purpose: 'Hooks', region: 'DE', endpoints: ['*.unknown.test'], dpa_signed: true, subproc_authorised: true });
    expect((await check('https://hooks.unknown.test/x')).allowed).toBe(true);
    expect(await check('not a url')).toMatchObject({ allowed: false, code: 'INVALID_OUTBOUND_URL' });
    await t.api('PUT', '/api/v1/compliance/processors/policy', { require_registered: false });
  });

  it('the assistant sends nothing to the LLM endpoint until its processor entry is complete', async () => {
    const phrase = llmPhraser({ baseUrl: `${base}/v1`, model: 'm', apiKey: 'k' });
    const passages = [{ articleId: 'a1', title: 'Card delivery', url: '/a1', text: ANSWER, score: 1 }];
    const ports = (ph: typeof phrase) => t.as(t.actorOf(t.admin), async (ctx) => {
      const p = await dbPorts({ ctx, brandId: null, model: null, sca: {} as never, supportedLanguages: ['en'], phrase: ph });
      return p.phrase!('when does my card arrive?', passages, 'en');
    });
    const before = sink.requests.length;
    // 127.0.0.1 is covered by the complete "Local CRM" entry from the first test: allowed
    expect(await ports(phrase)).toBe(ANSWER);
    expect(sink.requests.length).toBe(before + 1);
    const llm = await t.api('POST', '/api/v1/compliance/processors', { name: 'LLM Vendor', purpose: 'Answer phrasing', region: 'us', endpoints: ['localhost'], transfer_mechanism: 'dpf' });
    expect(llm.statusCode, llm.body).toBe(201);
    const local = llmPhraser({ baseUrl: `${base.replace('127.0.0.1', 'localhost')}/v1`, model: 'm', apiKey: 'k' });
    expect(await ports(local)).toBe(null);
    expect(sink.requests.length).toBe(before + 1);
  });
});

describe('G19: SOP HTTP actions are gated too', () => {
  it('the assistant calls a configured SOP HTTP action only when the vendor entry covering its host is complete', async () => {
    for (const [key, url] of [['crm_lookup', `${base}/lookup`], ['vendor_lookup', `${base.replace('127.0.0.1', 'localhost')}/lookup`]]) {
      const put = await t.api('PUT', `/api/v1/sop_http_actions/${key}`, { url, timeout_ms: 2000 });
      expect(put.statusCode, put.body).toBe(200);
    }
    const call = (action: string) => t.as(t.actorOf(t.admin), async (ctx) => {
      const p = await dbPorts({ ctx, brandId: null, model: null, sca: {} as never, supportedLanguages: ['en'] });
      return p.callAction(action, { email: 'someone@example.test' });
    });
    const sent = () => sink.to('/lookup').length;
    const before = sent();
    // 127.0.0.1 is covered by the complete "Local CRM" entry from the first test: the call goes out
    expect(await call('crm_lookup')).toMatchObject({ ok: true });
    expect(sent()).toBe(before + 1);
    // localhost is covered by "LLM Vendor", whose DPA is not signed: blocked, nothing sent
    expect(await call('vendor_lookup')).toMatchObject({ ok: false, status: 451 });
    expect(sent()).toBe(before + 1);
    // the same gate on an agent-run SOP step: a visible, non-retryable step failure, nothing sent
    const ticket = await newTicket(t, { subject: 'Lookup' });
    const effect = (action: string) => t.as(t.actorOf(t.admin), (ctx) => new TicketEffectPort(ctx, ticket.id, 'run_test').apply({ kind: 'http', action, body: {} }, action));
    await expect(effect('vendor_lookup')).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('PROCESSOR_DPA_NOT_SIGNED') });
    expect(sent()).toBe(before + 1);
    await expect(effect('crm_lookup')).resolves.toBeDefined();
    expect(sent()).toBe(before + 2);
  });

  it('a direct call of callHttpAction is refused for a vendor whose processor entry is incomplete', async () => {
    const cfg = (url: string) => ({ key: 'direct', url, method: 'POST', auth_type: 'none' as const, auth_header: null, auth_secret: null, timeout_ms: 2000 });
    const scope = { q: t.db, workspaceId: t.workspaceId };
    const before = sink.to('/direct').length;
    // localhost is covered by "LLM Vendor" (DPA not signed): refused before anything is sent, not retryable
    const refused = callHttpAction(scope, cfg(`${base.replace('127.0.0.1', 'localhost')}/direct`), { email: 'someone@example.test' }, 'direct:1');
    await expect(refused).rejects.toBeInstanceOf(HttpActionBlocked);
    await expect(refused).rejects.toMatchObject({ retryable: false, verdict: { allowed: false, code: 'PROCESSOR_DPA_NOT_SIGNED' } });
    expect(sink.to('/direct')).toHaveLength(before);
    // the same call to the complete "Local CRM" host goes out
    await expect(callHttpAction(scope, cfg(`${base}/direct`), { email: 'someone@example.test' }, 'direct:2')).resolves.toEqual({});
    expect(sink.to('/direct')).toHaveLength(before + 1);
    expect(sink.to('/direct').at(-1)!.headers['idempotency-key']).toBe('direct:2');
  });
});

describe('G20: transfer map', () => {
  it('maps every store by region from residency and the registry, and logs views from outside the EEA', async () => {
    expect((await t.api('PUT', '/api/v1/compliance/residency', { region: 'eu' })).statusCode).toBe(200);
    expect((await t.api('PUT', '/api/v1/compliance/residency', { region: 'us', brand_id: t.brandB.id })).statusCode).toBe(200);
    expect((await t.api('PUT', '/api/v1/compliance/store-locations/database', { region: 'DE', provider: 'Managed PG Frankfurt' })).statusCode).toBe(200);
    expectProblem(await t.api('PUT', '/api/v1/compliance/store-locations/backups', { region: 'moon' }), 422, 'INVALID_REGION');

    const analyst = await t.addUser('remote-analyst', 'agent');
    const tk = await newTicket(t, { requester: { email: 'viewed.person@example.org' } });
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`, undefined, { token: analyst.token })).statusCode).toBe(200);
    expectProblem(await t.api('PUT', '/api/v1/compliance/agent-locations', { user_id: analyst.user.id, ip_prefix: '10.', country: 'IN' }), 422, 'USER_OR_IP_PREFIX');
    expect((await t.api('PUT', '/api/v1/compliance/agent-locations', { user_id: analyst.user.id, country: 'IN' })).statusCode).toBe(200);
    expect((await t.api('PUT', '/api/v1/compliance/agent-locations', { user_id: t.admin.id, country: 'FR' })).statusCode).toBe(200);
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`, undefined, { token: analyst.token })).statusCode).toBe(200);
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).statusCode).toBe(200);
    // the access logs are written after the response: wait (bounded) for the row; an EEA viewer (FR) and a view
    // before the location was configured leave none
    let rows: Array<{ user_id: string; country: string; customer_id: string }> = [];
    for (let i = 0; i < 100 && rows.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      rows = await t.db.query('SELECT user_id, country, customer_id FROM compliance_remote_access');
    }
    expect(rows).toEqual([{ user_id: analyst.user.id, country: 'IN', customer_id: tk.requester_id }]);

    const map = await t.api('GET', '/api/v1/compliance/transfer-map');
    expect(map.statusCode, map.body).toBe(200);
    const m = map.json() as { workspace_region: string; entries: Array<{ store: string; name: string; region: string | null; transfer: boolean; status: string }> };
    expect(m.workspace_region).toBe('eu');
    const by = (store: string) => m.entries.filter((e) => e.store === store);
    expect(by('database')[0]).toMatchObject({ region: 'DE', transfer: false, status: 'ok' });
    expect(by('search')[0].region).toBe('DE');
    expect(by('attachments').map((e) => [e.name, e.region, e.transfer])).toEqual([['workspace', 'eu', false], [`brand ${t.brandB.name}`, 'us', true]]);
    expect(by('backups')[0]).toMatchObject({ region: null, status: 'undeclared' });
    expect(by('llm')[0]).toMatchObject({ status: 'undeclared', region: null, name: 'LLM endpoint llm.vendor.test' });
    expect(by('sub_processor').find((e) => e.name.startsWith('Hosting Inc'))).toMatchObject({ region: 'us', transfer: true, status: 'ok' });
    expect(by('processor').find((e) => e.name === 'LLM Vendor')).toMatchObject({ status: 'blocked', transfer: true });
    expect(by('remote_access')).toEqual([expect.objectContaining({ region: 'IN', transfer: true, status: 'transfer_logged' })]);
  });
});

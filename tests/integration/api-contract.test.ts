import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { DB_KIND } from '../helpers/test-db.js';
import { expectProblem, newTicket } from '../helpers/api-helpers.js';
import type { Wire } from '../helpers/api-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const json = { 'content-type': 'application/json' };
const valid = (tag: string) => ({ subject: 'Idempotent', body: 'once', requester: { email: 'idem@x.test' }, tags: [tag] });
const countTagged = async (tag: string) => (await t.api('GET', `/api/v1/tickets?tag=${tag}&limit=100`)).json().data.length as number;

describe('bad input', () => {
  it('invalid JSON → 400 INVALID_JSON; empty JSON body → 400', async () => {
    expectProblem(await t.api('POST', '/api/v1/tickets', '{"subject": ', { headers: json }), 400, 'INVALID_JSON');
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${(await newTicket(t)).id}`, '{bad', { headers: json }), 400, 'INVALID_JSON');
    const empty = await t.api('POST', '/api/v1/tickets', '', { headers: json });
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toContain('application/problem+json');
  });

  it('unknown fields → 400 VALIDATION_FAILED listing each problem', async () => {
    const p = expectProblem(
      await t.api('POST', '/api/v1/tickets', { subject: 'x', body: 'y', requester: { email: 'a@b.co', phone: '1' }, colour: 'red' }),
      400, 'VALIDATION_FAILED',
    );
    expect(p.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining('body'), message: expect.any(String) })]));
    expect(p.errors).toContainEqual({ path: 'body', message: expect.stringContaining('colour') });
    expect(p.errors).toContainEqual({ path: 'body.requester', message: expect.stringContaining('phone') });
    const tk = await newTicket(t);
    const q = expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'high', owner: 'me' }), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(q.errors)).toContain('owner');
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json().priority).toBe('normal');
  });

  it('bad enums and types → 400 naming the field', async () => {
    const tk = await newTicket(t);
    for (const body of [{ status: 'done' }, { priority: 'P1' }, { tags: 'a,b' }, { assignee_id: 42 }, { custom_fields: { x: { nested: true } } }]) {
      const p = expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, body), 400, 'VALIDATION_FAILED');
      expect(p.errors.length).toBeGreaterThan(0);
      expect(p.errors[0].path).toContain(Object.keys(body)[0]);
    }
    expectProblem(await t.api('POST', '/api/v1/tickets', { ...valid('x'), channel: 'pigeon' }), 400, 'VALIDATION_FAILED');
  });

  it('unknown ids → 404 with a specific code', async () => {
    const z = '00000000000000000000000000';
    expectProblem(await t.api('GET', `/api/v1/tickets/tkt_${z}`), 404, 'TICKET_NOT_FOUND');
    expectProblem(await t.api('PATCH', `/api/v1/tickets/tkt_${z}`, { priority: 'low' }), 404, 'TICKET_NOT_FOUND');
    expectProblem(await t.api('GET', `/api/v1/tickets/tkt_${z}/messages`), 404, 'TICKET_NOT_FOUND');
    expectProblem(await t.api('GET', `/api/v1/tickets/tkt_${z}/events`), 404, 'TICKET_NOT_FOUND');
    expectProblem(await t.api('GET', `/api/v1/users/usr_${z}`), 404, 'USER_NOT_FOUND');
    expectProblem(await t.api('PATCH', `/api/v1/custom_fields/fld_${z}`, { label: 'x' }), 404, 'CUSTOM_FIELD_NOT_FOUND');
    expectProblem(await t.api('PATCH', `/api/v1/teams/team_${z}`, { name: 'x' }), 404, 'TEAM_NOT_FOUND');
    expectProblem(await t.api('PATCH', `/api/v1/brands/brd_${z}`, { name: 'x' }), 404, 'BRAND_NOT_FOUND');
    expectProblem(await t.api('DELETE', `/api/v1/api_tokens/tok_${z}`), 404, 'API_TOKEN_NOT_FOUND');
    const tk = await newTicket(t);
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { team_id: `team_${z}` }), 404, 'TEAM_NOT_FOUND');
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { brand_id: `brd_${z}` }), 404, 'BRAND_NOT_FOUND');
  });

  it('oversize JSON body → 413', async () => {
    const big = JSON.stringify({ ...valid('big'), body: 'x'.repeat(1024 * 1024 + 10) });
    expectProblem(await t.api('POST', '/api/v1/tickets', big, { headers: json }), 413, 'BODY_TOO_LARGE');
    // a body within MAX_BODY_BYTES but over the field limit is a validation problem
    expectProblem(await t.api('POST', '/api/v1/tickets', { ...valid('big'), body: 'x'.repeat(100_001) }), 400, 'VALIDATION_FAILED');
    expect(await countTagged('big')).toBe(0);
  });

  it('wrong content type → 415', async () => {
    const body = JSON.stringify(valid('ctype'));
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      expectProblem(await t.api('POST', '/api/v1/tickets', body, { headers: { 'content-type': type } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await countTagged('ctype')).toBe(0);
    // JSON with a charset is fine
    expect((await t.api('POST', '/api/v1/tickets', body, { headers: { 'content-type': 'application/json; charset=utf-8' } })).statusCode).toBe(201);
  });

  it('NUL characters anywhere in the input → 400 naming the field, nothing written', async () => {
    const tk = await newTicket(t);
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/v1/tickets', { ...valid('nul'), subject: 'a\u0000b' }, 'body.subject'],
      ['POST', '/api/v1/tickets', { ...valid('nul'), requester: { email: 'nul\u0000@x.test' } }, 'body.requester.email'],
      ['POST', '/api/v1/tickets', { ...valid('nul'), tags: ['ok', 'b\u0000'] }, 'body.tags.1'],
      ['PATCH', `/api/v1/tickets/${tk.id}`, { subject: 'x\u0000' }, 'body.subject'],
      ['POST', `/api/v1/tickets/${tk.id}/messages`, { html_body: '<p>\u0000</p>', public: false }, 'body.html_body'],
      ['GET', '/api/v1/search?q=a%00b', undefined, 'querystring.q'],
      ['GET', '/api/v1/tickets?tag=%00', undefined, 'querystring.tag'],
      ['POST', '/api/v1/auth/login', { email: 'a\u0000@b.c', password: 'x' }, 'body.email'],
    ];
    for (const [method, url, body, path] of cases) {
      const p = expectProblem(await t.api(method as never, url, body), 400, 'VALIDATION_FAILED');
      expect(p.errors.map((e: { path: string }) => e.path), `${method} ${url}`).toContain(path);
    }
    expect(await countTagged('nul')).toBe(0);
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json().version).toBe(1);
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}/messages`)).json().data).toHaveLength(1);
  });

  it('dates outside 1900–9999 → 422 INVALID_DATE (JS accepts them, SQL does not)', async () => {
    for (const q of ['created_after=99999-01-01', 'created_before=-271821-04-20', 'updated_after=1899-12-31', 'updated_before=+275760-09-13']) {
      expectProblem(await t.api('GET', `/api/v1/tickets?${q}`), 422, 'INVALID_DATE');
    }
    const far = Buffer.from(JSON.stringify(['+099999-01-01T00:00:00.000Z', 'tkt_x'])).toString('base64url');
    expectProblem(await t.api('GET', `/api/v1/tickets?cursor=${far}`), 422, 'INVALID_CURSOR');
  });

  it('no credentials → 401; unknown route → 404 problem', async () => {
    expectProblem(await t.api('GET', '/api/v1/tickets', undefined, { token: null }), 401, 'UNAUTHENTICATED');
    expectProblem(await t.api('GET', '/api/v1/nope'), 404, 'ROUTE_NOT_FOUND');
    expectProblem(await t.api('DELETE', '/api/v1/tickets'), 404, 'ROUTE_NOT_FOUND');
  });

  it('every 4xx is application/problem+json with a stable code', async () => {
    const tk = await newTicket(t);
    const requests: Array<[string, string, unknown?, Record<string, string>?]> = [
      ['POST', '/api/v1/tickets', '{', json],
      ['POST', '/api/v1/tickets', { nope: 1 }],
      ['POST', '/api/v1/tickets', 'x', { 'content-type': 'text/csv' }],
      ['GET', '/api/v1/tickets?status=zzz'],
      ['GET', '/api/v1/tickets?cursor=zzz'],
      ['GET', '/api/v1/tickets/tkt_00000000000000000000000000'],
      ['PATCH', `/api/v1/tickets/${tk.id}`, { status: 'closed' }],
      ['PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'low' }, { 'if-match': '"9"' }],
      ['GET', '/api/v1/search?q='],
      ['GET', '/api/v1/whatever'],
      ['POST', '/api/v1/uploads?filename=a.txt', Buffer.alloc(0), { 'content-type': 'application/octet-stream' }],
    ];
    for (const [method, url, body, headers] of requests) {
      const res = await t.api(method as never, url, body, { headers });
      expect(res.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${method} ${url}`).toBeLessThan(500);
      expect(res.headers['content-type'], `${method} ${url}`).toContain('application/problem+json');
      const p = res.json();
      expect(p.code, `${method} ${url}`).toMatch(/^[A-Z][A-Z_]+$/);
      expect(p).toMatchObject({ status: res.statusCode, type: expect.stringMatching(/^urn:switchboard:problem:/), title: expect.any(String) });
    }
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body, creating one ticket', async () => {
    const headers = { 'idempotency-key': 'key-replay-1' };
    const first = await t.api('POST', '/api/v1/tickets', valid('idem1'), { headers });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const second = await t.api('POST', '/api/v1/tickets', valid('idem1'), { headers });
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(second.headers.location).toBe(first.headers.location);
    expect(await countTagged('idem1')).toBe(1);
  });

  it('refuses the same key with a different body (422 IDEMPOTENCY_KEY_REUSED)', async () => {
    const headers = { 'idempotency-key': 'key-reuse-1' };
    expect((await t.api('POST', '/api/v1/tickets', valid('idem2'), { headers })).statusCode).toBe(201);
    expectProblem(await t.api('POST', '/api/v1/tickets', { ...valid('idem2'), subject: 'Other' }, { headers }), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await countTagged('idem2')).toBe(1);
  });

  it('keys are per caller, and a failed request does not burn its key', async () => {
    const other = await t.addUser('idem-agent', 'agent');
    const headers = { 'idempotency-key': 'shared-key' };
    const a = await t.api('POST', '/api/v1/tickets', valid('idem3'), { headers });
    const b = await t.api('POST', '/api/v1/tickets', valid('idem3'), { headers, token: other.token });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).not.toBe(a.json().id);
    const k = { 'idempotency-key': 'failing-first' };
    expectProblem(await t.api('POST', '/api/v1/tickets', { ...valid('idem4'), team_id: 'team_00000000000000000000000000' }, { headers: k }), 404, 'TEAM_NOT_FOUND');
    expect((await t.api('POST', '/api/v1/tickets', valid('idem4'), { headers: k })).statusCode).toBe(201);
    expectProblem(await t.api('POST', '/api/v1/tickets', valid('idem5'), { headers: { 'idempotency-key': 'k'.repeat(256) } }), 422, 'INVALID_IDEMPOTENCY_KEY');
  });

  it('keys expire after 24 hours', async () => {
    const headers = { 'idempotency-key': 'key-ttl-1' };
    const first = await t.api('POST', '/api/v1/tickets', valid('idem7'), { headers });
    t.clock.advance(23 * 3_600_000);
    expectProblem(await t.api('POST', '/api/v1/tickets', { ...valid('idem7'), subject: 'Later' }, { headers }), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect((await t.api('POST', '/api/v1/tickets', valid('idem7'), { headers })).json().id).toBe(first.json().id);
    t.clock.advance(3_600_000 + 1);
    const later = await t.api('POST', '/api/v1/tickets', { ...valid('idem7'), subject: 'Later' }, { headers });
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.json().id).not.toBe(first.json().id);
    expect(await countTagged('idem7')).toBe(2);
  });

  it('concurrent requests with the same key create exactly one ticket', async () => {
    const headers = { 'idempotency-key': 'key-concurrent-1' };
    const all = await Promise.all(Array.from({ length: 5 }, () => t.api('POST', '/api/v1/tickets', valid('idem6'), { headers })));
    for (const r of all) expect(r.statusCode, r.body).toBe(201);
    expect(new Set(all.map((r) => r.json().id)).size).toBe(1);
    expect(all.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    expect(await countTagged('idem6')).toBe(1);
  });

  it('works for messages too', async () => {
    const tk = await newTicket(t);
    const headers = { 'idempotency-key': 'msg-1' };
    const a = await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'once', public: false }, { headers });
    const b = await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'once', public: false }, { headers });
    expect(b.json().id).toBe(a.json().id);
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}/messages`)).json().data).toHaveLength(2);
  });
});

describe('OpenAPI, docs, health', () => {
  it('serves an OpenAPI 3.1 document with the routes and their request schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\.1\./);
    for (const p of ['/api/v1/tickets', '/api/v1/tickets/{id}', '/api/v1/search', '/api/v1/tickets/{id}/messages']) expect(doc.paths[p], p).toBeDefined();
    const resolve = (s: Wire): Wire => (s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s);
    const create = resolve(doc.paths['/api/v1/tickets'].post.requestBody.content['application/json'].schema);
    expect(Object.keys(create.properties)).toEqual(expect.arrayContaining(['subject', 'body', 'requester', 'priority', 'tags', 'custom_fields']));
    expect(create.required).toEqual(expect.arrayContaining(['subject', 'requester']));
    expect(create.additionalProperties).toBe(false);
    const patch = resolve(doc.paths['/api/v1/tickets/{id}'].patch.requestBody.content['application/json'].schema);
    expect(Object.keys(patch.properties)).toEqual(expect.arrayContaining(['status', 'priority', 'assignee_id', 'team_id', 'tags', 'custom_fields']));
    expect(patch.properties.status.enum ?? resolve(patch.properties.status).enum).toEqual(['new', 'open', 'pending', 'on_hold', 'solved', 'closed']);
    const q = doc.paths['/api/v1/search'].get.parameters.find((x: { name: string }) => x.name === 'q');
    expect(q).toMatchObject({ in: 'query', required: true });
    expect(doc.paths['/api/v1/tickets'].get.parameters.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['status', 'assignee_id', 'cursor', 'created_after']));
    expect(doc.paths['/api/v1/tickets/{id}'].get.parameters.find((x: { name: string }) => x.name === 'id')).toMatchObject({ in: 'path', required: true });
  });

  it('serves a browsable reference page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('/api/openapi.json');
  });

  it('/healthz and /readyz answer without credentials', async () => {
    const h = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(h.statusCode).toBe(200);
    expect(h.json()).toEqual({ status: 'ok' });
    const r = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ready', db: DB_KIND });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { eventsOf, expectProblem, newTicket } from '../helpers/api-helpers.js';
import { DEFAULT_PASSWORD } from '../factories/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' });
});
afterAll(async () => t?.close());

const login = (email: string, password: string) => t.api('POST', '/api/v1/auth/login', { email, password }, { token: null });
const withCookie = (cookie: string, extra: Record<string, string> = {}) => ({ token: null, headers: { cookie: `sb_session=${cookie}`, ...extra } });

describe('session login', () => {
  it('sets an httpOnly SameSite=Strict cookie and answers /me with the CSRF token', async () => {
    const res = await login('ADMIN@test.test', DEFAULT_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'sb_session')!;
    expect(cookie).toBeDefined();
    expect(cookie.httpOnly).toBe(true);
    expect(String(cookie.sameSite).toLowerCase()).toBe('strict');
    expect(cookie.path).toBe('/');
    const body = res.json();
    expect(body.user).toMatchObject({ id: t.admin.id, email: 'admin@test.test', role: 'admin' });
    expect(body.abilities).toContain('users.manage');
    expect(body.csrf_token).toEqual(expect.any(String));
    expect(res.body).not.toContain(cookie.value); // the session secret is only in the cookie

    const me = await t.api('GET', '/api/v1/me', undefined, withCookie(cookie.value));
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: t.admin.id }, csrf_token: body.csrf_token });
  });

  it('needs X-CSRF-Token for cookie-authenticated changes', async () => {
    const res = await login('admin@test.test', DEFAULT_PASSWORD);
    const cookie = res.cookies.find((c) => c.name === 'sb_session')!.value;
    const csrf = res.json().csrf_token as string;
    const tk = await newTicket(t);
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'high' }, withCookie(cookie)), 403, 'CSRF_FAILED');
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'high' }, withCookie(cookie, { 'x-csrf-token': `${csrf}x` })), 403, 'CSRF_FAILED');
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'x', public: false }, withCookie(cookie)), 403, 'CSRF_FAILED');
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json().priority).toBe('normal');
    const ok = await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'high' }, withCookie(cookie, { 'x-csrf-token': csrf }));
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await eventsOf(t, tk.id)).at(-1)).toMatchObject({ name: 'ticket.priority_changed', channel: 'web', actor_id: t.admin.id });
    // reads need no CSRF header
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`, undefined, withCookie(cookie))).statusCode).toBe(200);
  });

  it('logs out: the session stops working', async () => {
    const res = await login('admin@test.test', DEFAULT_PASSWORD);
    const cookie = res.cookies.find((c) => c.name === 'sb_session')!.value;
    const out = await t.api('POST', '/api/v1/auth/logout', undefined, withCookie(cookie));
    expect(out.statusCode).toBe(204);
    expectProblem(await t.api('GET', '/api/v1/me', undefined, withCookie(cookie)), 401, 'UNAUTHENTICATED');
  });

  it('expires sessions after SESSION_TTL_HOURS', async () => {
    const res = await login('admin@test.test', DEFAULT_PASSWORD);
    const cookie = res.cookies.find((c) => c.name === 'sb_session')!.value;
    t.clock.advance(7 * 24 * 3_600_000 + 1000);
    expectProblem(await t.api('GET', '/api/v1/me', undefined, withCookie(cookie)), 401, 'UNAUTHENTICATED');
  });

  it('answers wrong passwords and unknown emails the same way', async () => {
    await t.addUser('typo', 'agent');
    expectProblem(await login('typo@test.test', 'wrong password!'), 401, 'INVALID_CREDENTIALS');
    expectProblem(await login('nobody@test.test', DEFAULT_PASSWORD), 401, 'INVALID_CREDENTIALS');
    expectProblem(await t.api('POST', '/api/v1/auth/login', { email: 'x@y.z' }, { token: null }), 400, 'VALIDATION_FAILED');
    // a success resets the failure count
    expect((await login('typo@test.test', DEFAULT_PASSWORD)).statusCode).toBe(200);
  });

  it('locks the account after LOGIN_MAX_FAILURES failures, even for the right password, until LOGIN_LOCK_MINUTES pass', async () => {
    const u = await t.addUser('locky', 'agent');
    expectProblem(await login('locky@test.test', 'nope nope 1'), 401, 'INVALID_CREDENTIALS');
    expectProblem(await login('locky@test.test', 'nope nope 2'), 401, 'INVALID_CREDENTIALS');
    const locked = expectProblem(await login('locky@test.test', 'nope nope 3'), 401, 'ACCOUNT_LOCKED');
    expect(new Date(locked.locked_until).getTime()).toBe(t.clock.now().getTime() + 15 * 60_000);
    expectProblem(await login('locky@test.test', DEFAULT_PASSWORD), 401, 'ACCOUNT_LOCKED');
    t.clock.advance(14 * 60_000);
    expectProblem(await login('locky@test.test', DEFAULT_PASSWORD), 401, 'ACCOUNT_LOCKED');
    t.clock.advance(60_000 + 1);
    const ok = await login('locky@test.test', DEFAULT_PASSWORD);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.id).toBe(u.user.id);
    const lockedEvents = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE name = 'user.locked' AND aggregate_id = $1`, [u.user.id]);
    expect(lockedEvents[0].n).toBe(1);
  });

  it('refuses deactivated users', async () => {
    const u = await t.addUser('leaver', 'agent');
    const res = await login('leaver@test.test', DEFAULT_PASSWORD);
    const cookie = res.cookies.find((c) => c.name === 'sb_session')!.value;
    expect((await t.api('GET', '/api/v1/me', undefined, { token: u.token })).statusCode).toBe(200);
    expect((await t.api('PATCH', `/api/v1/users/${u.user.id}`, { is_active: false })).statusCode).toBe(200);
    expectProblem(await t.api('GET', '/api/v1/me', undefined, { token: u.token }), 401, 'INVALID_TOKEN');
    expectProblem(await t.api('GET', '/api/v1/me', undefined, withCookie(cookie)), 401, 'UNAUTHENTICATED');
    expectProblem(await login('leaver@test.test', DEFAULT_PASSWORD), 401, 'INVALID_CREDENTIALS');
  });
});

describe('API tokens', () => {
  it('refuses missing, malformed, unknown and revoked tokens', async () => {
    expectProblem(await t.api('GET', '/api/v1/tickets', undefined, { token: null }), 401, 'UNAUTHENTICATED');
    expectProblem(await t.api('GET', '/api/v1/tickets', undefined, { token: 'sb_not_a_real_token' }), 401, 'INVALID_TOKEN');
    expectProblem(await t.api('GET', '/api/v1/tickets', undefined, { token: null, headers: { authorization: 'Bearer' } }), 401, 'INVALID_TOKEN');
    expectProblem(await t.api('GET', '/api/v1/tickets', undefined, { token: null, headers: { authorization: 'Basic YTpi' } }), 401, 'INVALID_TOKEN');

    const created = await t.api('POST', '/api/v1/api_tokens', { name: 'zapier' });
    expect(created.statusCode, created.body).toBe(201);
    const { id, token, prefix } = created.json();
    expect(token).toMatch(/^sb_/);
    expect(token.startsWith(prefix)).toBe(true);
    const listed = (await t.api('GET', '/api/v1/api_tokens')).json().data.find((x: { id: string }) => x.id === id);
    expect(listed.last_used_at).toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token);
    const stored = await t.db.one<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [id]);
    expect(stored.token_hash).not.toContain(token); // hashed at rest

    expect((await t.api('GET', '/api/v1/tickets', undefined, { token })).statusCode).toBe(200);
    const used = (await t.api('GET', '/api/v1/api_tokens')).json().data.find((x: { id: string }) => x.id === id);
    expect(used.last_used_at).toBe(t.clock.now().toISOString());

    expect((await t.api('DELETE', `/api/v1/api_tokens/${id}`)).statusCode).toBe(200);
    expectProblem(await t.api('GET', '/api/v1/tickets', undefined, { token }), 401, 'INVALID_TOKEN');
  });

  it("lets users revoke only their own tokens (admins: anyone's)", async () => {
    const a = await t.addUser('tok-a', 'agent');
    const b = await t.addUser('tok-b', 'agent');
    const bTok = (await t.api('POST', '/api/v1/api_tokens', { name: 'b2' }, { token: b.token })).json();
    expectProblem(await t.api('DELETE', `/api/v1/api_tokens/${bTok.id}`, undefined, { token: a.token }), 404, 'API_TOKEN_NOT_FOUND');
    expectProblem(await t.api('POST', '/api/v1/api_tokens', { name: 'for b', user_id: b.user.id }, { token: a.token }), 403, 'FORBIDDEN');
    expect((await t.api('GET', '/api/v1/tickets', undefined, { token: bTok.token })).statusCode).toBe(200);
  });
});

describe('policy', () => {
  it('an agent limited to brand A cannot see brand B tickets anywhere', async () => {
    const agentA = await t.addUser('brand-a-agent', 'agent', { brandIds: [t.brandA.id] });
    const a = await newTicket(t, { brand_id: t.brandA.id, tags: ['brandscope'] });
    const b = await newTicket(t, { brand_id: t.brandB.id, tags: ['brandscope'] });
    const tok = { token: agentA.token };
    expect((await t.api('GET', `/api/v1/tickets/${a.id}`, undefined, tok)).statusCode).toBe(200);
    expectProblem(await t.api('GET', `/api/v1/tickets/${b.id}`, undefined, tok), 404, 'TICKET_NOT_FOUND');
    expectProblem(await t.api('GET', `/api/v1/tickets/${b.id}/messages`, undefined, tok), 404, 'TICKET_NOT_FOUND');
    expectProblem(await t.api('GET', `/api/v1/tickets/${b.id}/events`, undefined, tok), 404, 'TICKET_NOT_FOUND');
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${b.id}`, { priority: 'high' }, tok), 404, 'TICKET_NOT_FOUND');
    expectProblem(await t.api('POST', `/api/v1/tickets/${b.id}/messages`, { body: 'x', public: true }, tok), 404, 'TICKET_NOT_FOUND');
    expectProblem(await t.api('POST', `/api/v1/tickets/${a.id}/merge`, { source_ids: [b.id] }, tok), 404, 'TICKET_NOT_FOUND');
    const p = expectProblem(await t.api('POST', '/api/v1/tickets/bulk_update', { ids: [a.id, b.id], changes: { priority: 'low' } }, tok), 422, 'BULK_UPDATE_REJECTED');
    expect(p.failures).toEqual([expect.objectContaining({ id: b.id, code: 'TICKET_NOT_FOUND' })]);
    const list = (await t.api('GET', '/api/v1/tickets?tag=brandscope&limit=100', undefined, tok)).json().data.map((x: { id: string }) => x.id);
    expect(list).toEqual([a.id]);
    const listB = (await t.api('GET', `/api/v1/tickets?brand_id=${t.brandB.id}`, undefined, tok)).json().data;
    expect(listB).toEqual([]);
    expectProblem(await t.api('POST', '/api/v1/tickets', { subject: 's', body: 'b', requester: { email: 'q@x.test' }, brand_id: t.brandB.id }, tok), 404, 'BRAND_NOT_FOUND');
    expect((await t.api('GET', `/api/v1/tickets/${b.id}`)).json()).toMatchObject({ priority: 'normal', version: 1 });
  });

  it('analysts read but change nothing', async () => {
    const analyst = await t.addUser('read-only', 'analyst');
    const tk = await newTicket(t);
    const tok = { token: analyst.token };
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`, undefined, tok)).statusCode).toBe(200);
    expect((await t.api('GET', '/api/v1/tickets', undefined, tok)).statusCode).toBe(200);
    expect((await t.api('GET', `/api/v1/search?q=${encodeURIComponent(tk.subject)}`, undefined, tok)).statusCode).toBe(200);
    expectProblem(await t.api('POST', '/api/v1/tickets', { subject: 's', body: 'b', requester: { email: 'ro@x.test' } }, tok), 403, 'FORBIDDEN');
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'high' }, tok), 403, 'FORBIDDEN');
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'n', public: false }, tok), 403, 'FORBIDDEN');
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/merge`, { source_ids: [(await newTicket(t)).id] }, tok), 403, 'FORBIDDEN');
    expectProblem(await t.api('POST', '/api/v1/custom_fields', { key: 'ro', label: 'x', type: 'text' }, tok), 403, 'FORBIDDEN');
    expectProblem(await t.api('POST', '/api/v1/uploads?filename=a.txt', Buffer.from('x'), { ...tok, headers: { 'content-type': 'text/plain' } }), 403, 'FORBIDDEN');
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json().version).toBe(1);
  });

  it('only admins manage users', async () => {
    const agent = await t.addUser('plain-agent', 'agent');
    const sup = await t.addUser('supervisor', 'supervisor');
    const newUser = { email: 'new.hire@test.test', name: 'New Hire', role: 'agent', password: 'a long password' };
    expectProblem(await t.api('POST', '/api/v1/users', newUser, { token: agent.token }), 403, 'FORBIDDEN');
    expectProblem(await t.api('POST', '/api/v1/users', newUser, { token: sup.token }), 403, 'FORBIDDEN');
    expectProblem(await t.api('PATCH', `/api/v1/users/${sup.user.id}`, { role: 'admin' }, { token: agent.token }), 403, 'FORBIDDEN');
    expectProblem(await t.api('PATCH', `/api/v1/users/${agent.user.id}`, { role: 'admin' }, { token: agent.token }), 403, 'FORBIDDEN');
    expectProblem(await t.api('PATCH', `/api/v1/users/${agent.user.id}`, { brand_ids: [] }, { token: agent.token }), 403, 'FORBIDDEN');
    const created = await t.api('POST', '/api/v1/users', newUser);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ email: 'new.hire@test.test', role: 'agent', is_active: true });
    expect(created.body).not.toContain('password');
    expectProblem(await t.api('POST', '/api/v1/users', newUser), 409, 'EMAIL_TAKEN');
    // users may rename themselves
    expect((await t.api('PATCH', `/api/v1/users/${agent.user.id}`, { name: 'Renamed' }, { token: agent.token })).json().name).toBe('Renamed');
  });
});

describe('rate limits', () => {
  let r: TestApp;
  beforeAll(async () => {
    r = await createTestApp({ API_RATE_LIMIT_PER_MIN: '5' });
  });
  afterAll(async () => r?.close());

  it('answers the request over the limit with a 429 problem and RateLimit headers, per token', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await r.api('GET', '/api/v1/tickets');
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('5');
      expect(res.headers['ratelimit-remaining']).toBe(String(4 - i));
    }
    const res = await r.api('GET', '/api/v1/tickets');
    expectProblem(res, 429, 'RATE_LIMITED');
    expect(res.headers['ratelimit-limit']).toBe('5');
    expect(res.headers['ratelimit-remaining']).toBe('0');
    expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // another token has its own budget; health checks are not limited
    const other = await r.addUser('other', 'agent');
    expect((await r.api('GET', '/api/v1/tickets', undefined, { token: other.token })).statusCode).toBe(200);
    expect((await r.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

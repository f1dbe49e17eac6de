import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChatResponder, signIdentityToken, verifyIdentityToken } from '../../src/domain/chat/index.js';
import { Socket, startChatNode, startSession, visitor, type ChatNode } from './chat-kit.js';

let node: ChatNode;
let secret: string;
const now = () => Math.floor(node.t.clock.now().getTime() / 1000);

beforeAll(async () => {
  node = await startChatNode();
  const res = await node.t.api('GET', `/api/v1/chat/settings/${node.t.brandA.id}`);
  expect(res.statusCode).toBe(200);
  secret = res.json().identity_secret;
}, 120_000);

afterAll(async () => {
  registerChatResponder(null);
  await node?.close();
});

describe('identity tokens (HS256, per-brand secret)', () => {
  it('verifies signature, algorithm and lifetime (unit level)', () => {
    const t = 1_800_000_000;
    const good = signIdentityToken('s3cret', { sub: 'u-1', email: 'a@b.example', iat: t, exp: t + 600 });
    expect(verifyIdentityToken('s3cret', good, new Date(t * 1000))).toMatchObject({ sub: 'u-1', email: 'a@b.example' });
    const cases: Array<[string, string, number]> = [
      ['wrong secret', signIdentityToken('other', { sub: 'u-1', iat: t, exp: t + 600 }), t],
      ['expired', good, t + 601],
      ['tampered claims', `${good.split('.')[0]}.${Buffer.from(JSON.stringify({ sub: 'admin', iat: t, exp: t + 600 })).toString('base64url')}.${good.split('.')[2]}`, t],
      ['alg none', `${Buffer.from('{"alg":"none"}').toString('base64url')}.${good.split('.')[1]}.`, t],
      ['garbage', 'not.a.token', t],
      ['too long lived', signIdentityToken('s3cret', { sub: 'u-1', iat: t, exp: t + 3 * 86400 }), t],
    ];
    for (const [what, token, at] of cases) {
      expect(() => verifyIdentityToken('s3cret', token, new Date(at * 1000)), what).toThrow(expect.objectContaining({ code: 'IDENTITY_TOKEN_INVALID' }));
    }
  });

  it('identifies the visitor: the chat ticket belongs to the customer with that email and external id', async () => {
    const token = signIdentityToken(secret, { sub: 'host-user-42', email: 'Grace@Example.com', name: 'Grace Hopper', iat: now(), exp: now() + 3600 });
    const { sock, started } = await visitor(node, node.t.brandA.slug, { identity_token: token });
    expect(started.session).toMatchObject({ identified: true, email: 'grace@example.com', name: 'Grace Hopper' });
    sock.send({ type: 'message', client_msg_id: 'i-1', body: 'Signed-in question' });
    await sock.next((f) => f.type === 'message');
    const again = await startSession(node, { brand: node.t.brandA.slug, visitor_token: started.visitor_token, identity_token: token });
    const ticket = (await node.t.api('GET', `/api/v1/tickets/${again.json.session.ticket_id}`)).json();
    const customer = (await node.t.api('GET', `/api/v1/customers/${ticket.requester_id}`)).json();
    expect(customer.name).toBe('Grace Hopper');
    expect(JSON.stringify(customer)).toContain('grace@example.com');
    sock.close();
  });

  it('refuses bad tokens with a clear 401, and another user on the same browser gets a new conversation', async () => {
    const forged = signIdentityToken('not-the-secret', { sub: 'victim', iat: now(), exp: now() + 60 });
    const bad = await startSession(node, { brand: node.t.brandA.slug, identity_token: forged });
    expect(bad.status).toBe(401);
    expect(bad.json).toMatchObject({ code: 'IDENTITY_TOKEN_INVALID' });
    const expired = await startSession(node, { brand: node.t.brandA.slug, identity_token: signIdentityToken(secret, { sub: 'x', iat: now() - 7200, exp: now() - 3600 }) });
    expect(expired.json).toMatchObject({ code: 'IDENTITY_TOKEN_INVALID', detail: expect.stringContaining('expired') });

    const alice = signIdentityToken(secret, { sub: 'alice', iat: now(), exp: now() + 600 });
    const bob = signIdentityToken(secret, { sub: 'bob', iat: now(), exp: now() + 600 });
    const a = (await startSession(node, { brand: node.t.brandA.slug, identity_token: alice })).json;
    const b = (await startSession(node, { brand: node.t.brandA.slug, identity_token: bob, visitor_token: a.visitor_token })).json;
    expect(b.resumed).toBe(false);
    expect(b.session.id).not.toBe(a.session.id);

    // A brand without a configured secret cannot verify tokens; require_identity refuses anonymous visitors.
    expect((await startSession(node, { brand: node.t.brandB.slug, identity_token: alice })).json.code).toBe('IDENTITY_NOT_CONFIGURED');
    await node.t.api('PATCH', `/api/v1/chat/settings/${node.t.brandB.id}`, { require_identity: true });
    expect((await startSession(node, { brand: node.t.brandB.slug })).json).toMatchObject({ code: 'IDENTITY_REQUIRED' });
    await node.t.api('PATCH', `/api/v1/chat/settings/${node.t.brandB.id}`, { require_identity: false });
  });

  it('rotating the secret invalidates tokens signed with the old one', async () => {
    const old = signIdentityToken(secret, { sub: 'rot', iat: now(), exp: now() + 600 });
    const rotated = (await node.t.api('POST', `/api/v1/chat/settings/${node.t.brandA.id}/rotate_secret`)).json();
    expect(rotated.identity_secret).not.toBe(secret);
    expect((await startSession(node, { brand: node.t.brandA.slug, identity_token: old })).status).toBe(401);
    secret = rotated.identity_secret;
    const agentOnly = await node.t.addUser('chat-agent', 'agent');
    expect((await node.t.api('GET', `/api/v1/chat/settings/${node.t.brandA.id}`, undefined, agentOnly.token)).statusCode).toBe(403);
  });
});

describe('no agent online → email → ticket', () => {
  it('marks the conversation offline, asks for an email and files it on the customer', async () => {
    const { sock, token, started } = await visitor(node, node.t.brandA.slug);
    expect(started.agents_online).toBe(0);
    sock.send({ type: 'message', client_msg_id: 'o-1', body: 'Anyone there? My order is late' });
    expect(await sock.next((f) => f.type === 'state')).toMatchObject({ offline: true, ask_email: true });
    sock.send({ type: 'email', email: 'Late.Order@Example.com', name: 'Lee Late' });
    expect(await sock.next((f) => f.type === 'email_saved')).toMatchObject({ email: 'late.order@example.com' });
    const s = (await startSession(node, { brand: node.t.brandA.slug, visitor_token: token })).json.session;
    expect(s).toMatchObject({ offline: true, email: 'late.order@example.com' });
    const ticket = (await node.t.api('GET', `/api/v1/tickets/${s.ticket_id}`)).json();
    expect(ticket).toMatchObject({ channel: 'chat', status: 'new' });
    expect(ticket.tags).toEqual(expect.arrayContaining(['chat', 'chat_offline']));
    const found = (await node.t.api('GET', '/api/v1/customers?q=late.order@example.com')).json();
    expect(JSON.stringify(found)).toContain(ticket.requester_id);
    // A bad email is a clear error frame, not a crash.
    sock.send({ type: 'email', email: 'not-an-email' });
    expect(await sock.next((f) => f.type === 'error')).toMatchObject({ code: 'INVALID_EMAIL' });
    sock.close();
  });

  it('counts an agent online while they hold a live stream (and not after they leave)', async () => {
    const agent = await Socket.open(`${node.ws}/api/v1/stream`, { authorization: `Bearer ${node.t.adminToken}` });
    await agent.next((f) => f.type === 'hello');
    const online = async () => (await startSession(node, { brand: node.t.brandA.slug })).json.agents_online as number;
    const poll = async (want: number) => {
      for (let i = 0; i < 100 && (await online()) !== want; i++) await new Promise((r) => setTimeout(r, 30));
      return online();
    };
    expect(await poll(1)).toBe(1);
    // A brand-B-only agent does not count for brand A.
    const bOnly = await node.t.addUser('brand-b-only', 'agent', { brandIds: [node.t.brandB.id] });
    const other = await Socket.open(`${node.ws}/api/v1/stream`, { authorization: `Bearer ${bOnly.token}` });
    await other.next((f) => f.type === 'hello');
    expect(await online()).toBe(1);
    agent.close();
    other.close();
    expect(await poll(0)).toBe(0);
  });
});

describe('presence from the routing module', () => {
  it("counts an agent whose routing presence is 'online' even without an open stream", async () => {
    const online = async () => (await startSession(node, { brand: node.t.brandA.slug })).json.agents_online as number;
    expect(await online()).toBe(0);
    const a = await node.t.addUser('routed-agent', 'agent');
    expect((await node.t.api('PUT', '/api/v1/routing/presence', { status: 'online' }, a.token)).statusCode).toBe(200);
    expect(await online()).toBe(1);
    await node.t.api('PUT', '/api/v1/routing/presence', { status: 'offline' }, a.token);
    expect(await online()).toBe(0);
  });
});

describe('bot participant (ChatResponder)', () => {
  it('answers visitor messages as author kind "bot"; the line is on the ticket for agents', async () => {
    registerChatResponder({ name: 'Switchbot', respond: async ({ line, history }) => ({ body: `Echo ${(await history()).length}: ${line.body}` }) });
    const { sock, token } = await visitor(node, node.t.brandA.slug);
    sock.send({ type: 'message', client_msg_id: 'b-1', body: 'reset password' });
    const bot = await sock.next((f) => f.type === 'message' && f.message.author.kind === 'bot');
    expect(bot.message).toMatchObject({ seq: 2, author: { kind: 'bot', name: 'Switchbot' }, body: 'Echo 1: reset password' });
    const ticketId = (await startSession(node, { brand: node.t.brandA.slug, visitor_token: token })).json.session.ticket_id;
    const msgs = (await node.t.api('GET', `/api/v1/tickets/${ticketId}/messages`)).json().data;
    expect(msgs.map((m: { author_type: string; body: string; public: boolean }) => [m.author_type, m.body, m.public])).toEqual([
      ['customer', 'reset password', true], ['system', 'Echo 1: reset password', true],
    ]);
    registerChatResponder(null);
    sock.close();
  });
});

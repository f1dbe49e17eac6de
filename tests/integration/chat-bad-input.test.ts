import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Socket, startChatNode, startSession, visitor, waitFor, type ChatNode } from './chat-kit.js';

let node: ChatNode;

beforeAll(async () => {
  node = await startChatNode();
}, 120_000);

afterAll(async () => {
  await node?.close();
});

const alive = async () => {
  const { sock } = await visitor(node, node.t.brandA.slug);
  sock.send({ type: 'ping' });
  await sock.next((f) => f.type === 'pong');
  sock.close();
  return true;
};

describe('bad input on the widget socket: clear errors, never a crash', () => {
  it('answers garbage, binary, oversize and unknown frames with error frames', async () => {
    const { sock } = await visitor(node, node.t.brandA.slug);
    const cases: Array<[unknown, string]> = [
      ['{not json', 'FRAME_INVALID'],
      [JSON.stringify({ type: 'launch_missiles' }), 'FRAME_INVALID'],
      [JSON.stringify({ type: 'message', body: 'no client id' }), 'FRAME_INVALID'],
      [JSON.stringify({ type: 'message', client_msg_id: 'x', body: 1 }), 'FRAME_INVALID'],
      [JSON.stringify({ type: 'message', client_msg_id: 'bad id with spaces', body: 'x' }), 'CLIENT_MSG_ID_INVALID'],
      [JSON.stringify({ type: 'message', client_msg_id: 'empty', body: '   ' }), 'BODY_REQUIRED'],
      [JSON.stringify({ type: 'message', client_msg_id: 'long', body: 'x'.repeat(6000) }), 'MESSAGE_TOO_LONG'],
      [JSON.stringify({ type: 'read', seq: -4 }), 'FRAME_INVALID'],
      [JSON.stringify([1, 2, 3]), 'FRAME_INVALID'],
      ['null', 'FRAME_INVALID'],
      [JSON.stringify({ type: 'message', client_msg_id: 'big', body: 'é'.repeat(9000) }), 'FRAME_TOO_LARGE'],
    ];
    for (const [frame, code] of cases) {
      const before = sock.frames.length;
      sock.send(frame);
      const err = await sock.next((f) => f.type === 'error' && sock.frames.indexOf(f) >= before);
      expect(err.code, String(frame).slice(0, 60)).toBe(code);
    }
    sock.ws.send(Buffer.from([0, 1, 2, 255]), { binary: true });
    expect((await sock.next((f) => f.type === 'error' && f.code === 'BINARY_NOT_SUPPORTED')).message).toMatch(/JSON text/);
    // Control characters are dropped from message text; the socket still works.
    sock.send({ type: 'message', client_msg_id: 'ctl', body: 'he\u0000llo\u0007 there' });
    expect((await sock.next((f) => f.type === 'message')).message.body).toBe('hello there');
    // A frame above the socket's hard limit (64 KB) closes it with 1009; the server lives on.
    sock.send('x'.repeat(70_000));
    expect((await waitFor(() => sock.closed ?? undefined)).code).toBe(1009);
    expect(await alive()).toBe(true);
  });

  it('refuses unauthenticated use and bad visitor tokens (4401)', async () => {
    const s = await Socket.open(`${node.ws}/widget/v1/stream`);
    s.send({ type: 'message', client_msg_id: 'x', body: 'hi' });
    expect(await s.next((f) => f.type === 'error')).toMatchObject({ code: 'UNAUTHENTICATED' });
    s.send({ type: 'auth', token: 'A'.repeat(43) });
    expect(await s.next((f) => f.type === 'error' && f.code === 'VISITOR_TOKEN_INVALID')).toBeTruthy();
    expect((await waitFor(() => s.closed ?? undefined)).code).toBe(4401);
  });

  it('rate limits a flooding socket, then closes it (4429); other visitors are unaffected', async () => {
    const { sock } = await visitor(node, node.t.brandA.slug);
    for (let i = 0; i < 30; i++) sock.send({ type: 'message', client_msg_id: `f-${i}`, body: `flood ${i}` });
    await sock.next((f) => f.type === 'error' && f.code === 'RATE_LIMITED' && !!f.client_msg_id);
    for (let i = 0; i < 400 && !sock.closed; i++) sock.send({ type: 'ping' });
    expect((await waitFor(() => sock.closed ?? undefined)).code).toBe(4429); // the close frame arrives when it arrives (loaded machine)
    const stored = sock.frames.filter((f) => f.type === 'ack').length;
    expect(stored).toBeGreaterThanOrEqual(10);
    expect(stored).toBeLessThan(30);
    expect(await alive()).toBe(true);
  });

  it('answers malformed REST calls with problem+json 4xx', async () => {
    const post = (body: string, ct = 'application/json') => fetch(`${node.url}/widget/v1/sessions`, { method: 'POST', headers: { 'content-type': ct }, body });
    const cases: Array<[Response, number, string]> = [
      [await post('{oops'), 400, ''],
      [await post(JSON.stringify({ brand: 'no-such-brand' })), 404, 'BRAND_NOT_FOUND'],
      [await post(JSON.stringify({ brand: node.t.brandA.slug, extra: 1 })), 400, 'VALIDATION_FAILED'],
      [await post(JSON.stringify({ brand: node.t.brandA.slug, visitor_token: 'short' })), 400, 'VALIDATION_FAILED'],
      [await post(JSON.stringify({ brand: node.t.brandA.slug, identity_token: 'a.b.c' })), 401, 'IDENTITY_NOT_CONFIGURED'],
      [await post('brand=x', 'text/plain'), 415, ''],
    ];
    for (const [res, status, code] of cases) {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      if (code) expect((await res.json()).code).toBe(code);
    }
    const upload = await fetch(`${node.url}/widget/v1/uploads?filename=a.txt`, { method: 'POST', headers: { 'x-visitor-token': 'nope' }, body: 'hello' });
    expect(upload.status).toBe(401);
    const { token } = await visitor(node, node.t.brandA.slug);
    const empty = await fetch(`${node.url}/widget/v1/uploads?filename=a.txt`, { method: 'POST', headers: { 'x-visitor-token': token }, body: '' });
    expect([400, 422]).toContain(empty.status);
    const preflight = await fetch(`${node.url}/widget/v1/sessions`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('keeps the widget on allowed origins when the brand lists them', async () => {
    await node.t.api('PATCH', `/api/v1/chat/settings/${node.t.brandB.id}`, { allowed_origins: ['https://shop.example'] });
    const from = (origin: string) => fetch(`${node.url}/widget/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ brand: node.t.brandB.slug }) });
    expect((await from('https://shop.example')).status).toBe(200);
    const evil = await from('https://evil.example');
    expect(evil.status).toBe(403);
    expect((await evil.json()).code).toBe('ORIGIN_NOT_ALLOWED');
    const badOrigin = await node.t.api('PATCH', `/api/v1/chat/settings/${node.t.brandB.id}`, { allowed_origins: ['javascript:alert(1)'] });
    expect(badOrigin.json().code).toBe('ORIGIN_INVALID');
    expect((await startSession(node, { brand: node.t.brandA.slug })).status).toBe(200);
  });
});

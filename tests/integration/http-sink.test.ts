import { afterAll, describe, expect, it } from 'vitest';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';

const open: HttpSink[] = [];
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
});

describe('test helper: local HTTP sink', () => {
  it('listens in the given port range, records requests and answers as configured', async () => {
    const sink = await startHttpSink({ ports: [4700, 4749], respond: (r) => (r.path === '/json' ? { status: 201, body: { ok: true } } : { status: 418, body: 'teapot', headers: { 'x-sink': '1' } }) });
    open.push(sink);
    expect(sink.port).toBeGreaterThanOrEqual(4700);
    expect(sink.port).toBeLessThanOrEqual(4749);
    const a = await fetch(`${sink.url}/json?x=1`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'k1' }, body: '{"a":1}' });
    expect(a.status).toBe(418); // the query string is part of the path
    expect(a.headers.get('x-sink')).toBe('1');
    expect(await a.text()).toBe('teapot');
    const b = await fetch(`${sink.url}/json`);
    expect(b.status).toBe(201);
    expect(b.headers.get('content-type')).toBe('application/json');
    expect(await b.json()).toEqual({ ok: true });
    expect(sink.requests.map((r) => [r.method, r.path, r.body])).toEqual([['POST', '/json?x=1', '{"a":1}'], ['GET', '/json', '']]);
    expect(sink.requests[0].headers['idempotency-key']).toBe('k1');
    expect(sink.to('/json')).toHaveLength(1);
  });

  it('delays answers (client timeouts), can change its answer later, and reports a full range', async () => {
    const sink = await startHttpSink({ respond: () => ({ delayMs: 400, body: 'late' }) });
    open.push(sink);
    await expect(fetch(sink.url, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: 'TimeoutError' });
    sink.respond = () => ({ status: 204 });
    expect((await fetch(sink.url)).status).toBe(204);
    expect(sink.requests).toHaveLength(2);
    await expect(startHttpSink({ ports: [sink.port, sink.port] })).rejects.toThrow(`no free port in ${sink.port}–${sink.port}`);
  });

  it('closes promptly even with an answer still pending', async () => {
    const sink = await startHttpSink({ respond: () => ({ delayMs: 60_000 }) });
    const pending = fetch(sink.url).catch((e: Error) => e);
    while (sink.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    const t0 = Date.now();
    await sink.close();
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

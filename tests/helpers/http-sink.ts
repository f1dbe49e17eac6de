/**
 * A local HTTP endpoint for tests of outbound calls (webhooks, SOP HTTP actions, the LLM endpoint): listens on
 * 127.0.0.1 on a free port of a given range, records every request (method, path, headers, raw body) and
 * answers with a configurable status / body / headers, optionally after a delay.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface SinkRequest {
  method: string;
  /** Path with query string, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body ('' when none). */
  body: string;
}

export interface SinkReply {
  /** Default 200. */
  status?: number;
  /** A string is sent as is; anything else as JSON (with content-type application/json unless set). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (for client timeouts). */
  delayMs?: number;
}

export interface HttpSinkOptions {
  /** Inclusive port range to pick a free port from; default the test server range 4700–4749. */
  ports?: [number, number];
  /** How to answer; default 204 without a body. Can be swapped later through `sink.respond`. */
  respond?: (req: SinkRequest) => SinkReply;
}

export interface HttpSink {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  requests: SinkRequest[];
  respond: (req: SinkRequest) => SinkReply;
  /** Requests whose path is `path` (query string included). */
  to(path: string): SinkRequest[];
  close(): Promise<void>;
}

export const DEFAULT_SINK_PORTS: [number, number] = [4700, 4749];

export async function startHttpSink(opts: HttpSinkOptions = {}): Promise<HttpSink> {
  const [lo, hi] = opts.ports ?? DEFAULT_SINK_PORTS;
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo <= hi)) throw new Error(`bad port range ${lo}–${hi}`);
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const got: SinkRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      sink.requests.push(got);
      let reply: SinkReply;
      try {
        reply = sink.respond(got);
      } catch (e) {
        reply = { status: 500, body: `sink respond() threw: ${(e as Error).message}` };
      }
      const send = () => {
        if (res.destroyed) return;
        const headers = { ...reply.headers };
        let payload: string | undefined;
        if (typeof reply.body === 'string') payload = reply.body;
        else if (reply.body !== undefined) {
          payload = JSON.stringify(reply.body);
          if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
        }
        res.writeHead(reply.status ?? 200, headers);
        res.end(payload);
      };
      if (!reply.delayMs) return send();
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, reply.delayMs);
      timers.add(timer);
    });
  });
  // start at a random port of the range so parallel test files rarely collide, then walk the range once
  const span = hi - lo + 1;
  const first = Math.floor(Math.random() * span);
  let port = 0;
  for (let i = 0; i < span && !port; i++) {
    const candidate = lo + ((first + i) % span);
    const ok = await new Promise<boolean>((resolve) => {
      const settle = (listening: boolean) => {
        server.off('error', onError);
        server.off('listening', onListening);
        resolve(listening);
      };
      const onError = () => settle(false);
      const onListening = () => settle(true);
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(candidate, '127.0.0.1');
    });
    if (ok) port = candidate;
  }
  if (!port) throw new Error(`no free port in ${lo}–${hi}`);
  const sink: HttpSink = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: [],
    respond: opts.respond ?? (() => ({ status: 204 })),
    to: (path) => sink.requests.filter((r) => r.path === path),
    close: () => new Promise<void>((resolve, reject) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.close((e) => (e ? reject(e) : resolve()));
      server.closeAllConnections();
    }),
  };
  return sink;
}

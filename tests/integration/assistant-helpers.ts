import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Labelled examples for a few demo intents (from the demo corpus, a BANKING77 sample, CC BY 4.0 PolyAI). */
export function demoTrainingSet(intents: string[], perIntent = 40): Array<{ text: string; label: string }> {
  const sample = JSON.parse(readFileSync(path.join(here, '../../src/cli/seed/corpus/banking77-sample.json'), 'utf8')) as Record<string, string[]>;
  return intents.flatMap((label) => (sample[label] ?? []).slice(0, perIntent).map((text) => ({ text, label })));
}

export interface Recorder {
  server: Server;
  url: string;
  requests: Array<{ method: string; path: string; headers: IncomingMessage['headers']; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  respond: (path: string, body: unknown) => { status: number; body: unknown };
  close(): Promise<void>;
}

/** A local HTTP server on a port in 4700–4799 (the assistant's range) that records what it receives. */
export async function startRecorder(respond?: Recorder['respond']): Promise<Recorder> {
  const rec = { requests: [] as Recorder['requests'], respond: respond ?? (() => ({ status: 200, body: { id: 'RF-1001' } })) } as Recorder;
  rec.server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = data ? JSON.parse(data) : null;
      } catch {
        body = data;
      }
      rec.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const out = rec.respond(req.url ?? '', body);
      res.writeHead(out.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out.body));
    });
  });
  for (let port = 4700 + Math.floor(Math.random() * 90); ; port++) {
    const ok = await new Promise<boolean>((resolve) => {
      rec.server.once('error', () => resolve(false));
      rec.server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) {
      rec.url = `http://127.0.0.1:${port}`;
      break;
    }
    if (port >= 4799) throw new Error('no free port in 4700–4799');
  }
  rec.close = () => new Promise((r) => rec.server.close(() => r()));
  return rec;
}

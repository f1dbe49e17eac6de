/**
 * Client side of `bench/chat.ts`, run in its own process (so that K client sockets and the server's K sockets do
 * not share one process's file descriptors and CPU). Input and output: one IPC message each.
 */
import WebSocket from 'ws';

interface Input {
  url: string;
  adminToken: string;
  sessions: Array<{ token: string; ticketId: string | null }>;
  agents: number;
  seconds: number;
  rate: number;
}

let input: Input;
let wsUrl = '';
const log = (m: string) => process.stderr.write(`[bench clients] ${m}\n`);

interface Conn {
  ws: WebSocket;
  ticketId: string | null;
  waiting: Map<string, number>; // marker → send time
}

const latencies = { visitor: [] as number[], agent: [] as number[] };
let lost = 0;
let errors = 0;

function openVisitor(s: Input['sessions'][number]): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}/widget/v1/stream`, { perMessageDeflate: false });
    const conn: Conn = { ws, ticketId: s.ticketId, waiting: new Map() };
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token: s.token, after: 1_000_000 })));
    ws.on('message', (raw) => {
      const f = JSON.parse(String(raw));
      if (f.type === 'ready') return resolve(conn);
      if (f.type === 'error') errors++;
      if (f.type !== 'message') return;
      const marker = /\[(m\d+)\]$/.exec(f.message.body)?.[1];
      const t0 = marker ? conn.waiting.get(marker) : undefined;
      if (marker && t0 !== undefined) {
        conn.waiting.delete(marker);
        (f.message.author.kind === 'visitor' ? latencies.visitor : latencies.agent).push(performance.now() - t0);
      }
    });
    ws.on('error', reject);
  });
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] * 10) / 10;
};

async function main() {
  const t0 = performance.now();
  const agents: WebSocket[] = [];
  for (let i = 0; i < input.agents; i++) {
    agents.push(await new Promise<WebSocket>((res, rej) => {
      const ws = new WebSocket(`${wsUrl}/api/v1/stream`, { headers: { authorization: `Bearer ${input.adminToken}` } });
      ws.on('open', () => res(ws));
      ws.on('error', rej);
    }));
  }
  const conns: Conn[] = [];
  for (let i = 0; i < input.sessions.length; i += 200) {
    conns.push(...(await Promise.all(input.sessions.slice(i, i + 200).map(openVisitor))));
  }
  log(`${conns.length} visitor sockets + ${agents.length} agent sockets open in ${Math.round(performance.now() - t0)} ms`);
  // The server measures CPU over the message phase only: tell it the sockets are open, wait for its go.
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send!({ phase: 'open' });
  });
  const active = conns.filter((c) => c.ticketId);
  let n = 0;
  const end = performance.now() + input.seconds * 1000;
  const gap = 1000 / input.rate;
  const inflight: Promise<unknown>[] = [];
  while (performance.now() < end) {
    const c = active[Math.floor(Math.random() * active.length)];
    const marker = `m${n++}`;
    if (n % 2 === 0) {
      c.waiting.set(marker, performance.now());
      c.ws.send(JSON.stringify({ type: 'message', client_msg_id: `b-${marker}`, body: `Visitor says hello [${marker}]` }));
    } else {
      c.waiting.set(marker, performance.now());
      inflight.push(fetch(`${input.url}/api/v1/tickets/${c.ticketId}/messages`, {
        method: 'POST', headers: { authorization: `Bearer ${input.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body: `Agent answers [${marker}]`, public: true }),
      }).then((r) => (r.ok ? undefined : errors++), () => errors++));
    }
    await new Promise((r) => setTimeout(r, gap));
  }
  await Promise.all(inflight);
  const settle = performance.now() + 10_000;
  while (performance.now() < settle && active.some((c) => c.waiting.size)) await new Promise((r) => setTimeout(r, 50));
  for (const c of active) lost += c.waiting.size;
  const all = [...latencies.visitor, ...latencies.agent];
  process.send!({
    sent: n, delivered: all.length, lost, errors,
    p50_ms: pct(all, 50), p99_ms: pct(all, 99),
    visitor_p99_ms: pct(latencies.visitor, 99), agent_p99_ms: pct(latencies.agent, 99), agent_p50_ms: pct(latencies.agent, 50), visitor_p50_ms: pct(latencies.visitor, 50),
  });
  for (const c of conns) c.ws.terminate();
  for (const a of agents) a.terminate();
}

process.once('message', (m) => {
  input = m as Input;
  wsUrl = input.url.replace('http', 'ws');
  main().catch((e) => {
    log(String(e?.stack ?? e));
    process.exit(1);
  });
});

/**
 * `npm run bench -- chat [--sockets 10000] [--active 200] [--agents 4] [--seconds 30] [--rate 50]`
 *
 * The defaults are the issue's target configuration (10,000 sockets on one node; p99 ≤ 100 ms).
 *
 * Live chat fan-out on one node: a real server (this process, worker on) holds `--sockets` visitor WebSockets
 * (/widget/v1/stream, authenticated with visitor tokens) plus `--agents` agent streams; a separate client
 * process opens them. `--active` of the visitors have a chat ticket and exchange messages at `--rate` msgs/s for
 * `--seconds`: half are visitor messages (latency = until the visitor's socket gets the stored line back), half
 * agent replies through the normal ticket API (latency = until the visitor's socket shows it; this path runs
 * through the event worker's realtime lane, ADR 0003). Prints ONE line {"bench":"chat.fanout","sockets":…,"p99_ms":…}.
 * Diagnostics: `--profile` counts the server's statements per message, `--cpu-profile FILE` writes a
 * .cpuprofile of the server process for the message phase; CPU per message (server, database backends; over the
 * message phase only — opening and authenticating the sockets comes before it) and the worker's backlog at the
 * end of the phase are always printed.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { newId, sha256 } from '../src/platform/ids.js';
import { systemActor } from '../src/domain/kernel/index.js';
import { postVisitorMessage } from '../src/domain/chat/index.js';
import { startServer, type Running } from '../src/server/start.js';
import { buildWorld } from '../tests/factories/index.js';
import { emitResult, note, numberArg, parseArgs } from './lib/cli.js';
import { StatementProfiler, cpuMeter, startCpuProfile } from './lib/profile.js';
import { createScratchDatabase, createTempDir, freePorts } from './lib/scratch.js';

const args = parseArgs(process.argv.slice(2));
const sockets = Math.floor(numberArg(args, 'sockets', 10_000, 1));
const active = Math.min(sockets, Math.floor(numberArg(args, 'active', 200, 1)));
const agents = Math.floor(numberArg(args, 'agents', 4, 1));
const seconds = numberArg(args, 'seconds', 30, 1);
const rate = numberArg(args, 'rate', 50, 1);
const profile = args.profile === true;
const cpuProfileFile = typeof args['cpu-profile'] === 'string' ? args['cpu-profile'] : undefined;
const here = path.dirname(fileURLToPath(import.meta.url));

const cleanups: Array<() => Promise<void>> = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length) await cleanups.shift()!().catch((e: unknown) => note(`cleanup failed: ${String(e)}`));
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void cleanUp().finally(() => process.exit(130)));

async function startOnFreePort(env: Record<string, string>): Promise<Running> {
  for await (const port of freePorts(4250, 4299)) {
    try {
      return await startServer(loadConfig({ ...env, PORT: String(port) }), { clock: systemClock });
    } catch (e) {
      if (!String(e).includes('EADDRINUSE')) throw e;
    }
  }
  throw new Error('no free port in 4250–4299');
}

async function main(): Promise<number> {
  const profiler = new StatementProfiler();
  if (profile) profiler.install();
  const tmp = await createTempDir();
  cleanups.unshift(tmp.remove);
  let databaseUrl: string | undefined;
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL);
    cleanups.unshift(scratch.drop);
    databaseUrl = scratch.url;
  }
  const server = await startOnFreePort({
    DATA_DIR: tmp.dir, SEED_DEMO: 'false', SMTP_INBOUND_ENABLED: 'false', LOG_LEVEL: 'warn', API_RATE_LIMIT_PER_MIN: '1000000000', NODE_ENV: 'production',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  cleanups.unshift(() => server.close());
  const db = server.db;
  const world = await buildWorld(db, systemClock);
  note(`server ${server.url} on ${db.kind}; creating ${sockets} chat sessions (${active} with a ticket)`);

  // Setup (not measured): sessions in bulk, then one first message per active visitor (creates its chat ticket).
  const t0 = performance.now();
  const tokens = Array.from({ length: sockets }, () => randomBytes(32).toString('base64url'));
  const ids = tokens.map(() => newId('chs'));
  const now = new Date();
  for (let i = 0; i < sockets; i += 2000) {
    await db.query(
      `INSERT INTO chat_sessions (id, workspace_id, brand_id, token_hash, created_at, updated_at)
       SELECT id, $3, $4, h, $5, $5 FROM unnest($1::text[], $2::text[]) AS t(id, h)`,
      [ids.slice(i, i + 2000), tokens.slice(i, i + 2000).map(sha256), world.workspaceId, world.brandA.id, now],
    );
  }
  const ticketIds: Array<string | null> = tokens.map(() => null);
  for (let i = 0; i < active; i++) {
    const out = await db.transaction((tx) => postVisitorMessage(
      { actor: systemActor(world.workspaceId), tx, clock: systemClock, meta: { channel: 'chat' } }, ids[i], { client_msg_id: 'first', body: `Bench chat ${i}` },
    ));
    ticketIds[i] = out.session.ticket_id;
  }
  note(`setup in ${Math.round(performance.now() - t0)} ms`);

  // The client process opens and authenticates every socket first (not measured), then says 'open'; CPU, statements
  // and the CPU profile cover only the message phase that follows ('go' … result).
  const child = fork(path.join(here, 'lib/chat-clients.ts'), [], { execArgv: process.execArgv, stdio: ['ignore', 2, 2, 'ipc'] });
  const messages: Array<Record<string, unknown>> = [];
  let waiter: (() => void) | null = null;
  child.on('message', (m) => {
    messages.push(m as Record<string, unknown>);
    waiter?.();
  });
  const next = async (): Promise<Record<string, unknown>> => {
    while (!messages.length) {
      await new Promise<void>((resolve, reject) => {
        waiter = resolve;
        child.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
      });
      waiter = null;
    }
    return messages.shift()!;
  };
  child.send({ url: server.url, adminToken: world.adminToken, agents, seconds, rate, sessions: tokens.map((token, i) => ({ token, ticketId: ticketIds[i] })) });
  if ((await next()).phase !== 'open') throw new Error('client process: expected the open phase');
  const cpu = await cpuMeter(db);
  const stopProfile = cpuProfileFile ? await startCpuProfile(cpuProfileFile) : null;
  if (profile) profiler.start();
  child.send({ go: true });
  const result = (await next()) as Record<string, number | null>;
  const pendingNow = async () => (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM event_deliveries WHERE status = 'pending'`)).n;
  const backlogAtEnd = await pendingNow();
  // CPU per message counts the whole work a message causes: wait (≤ 120 s) for the worker to drain its backlog.
  const drain0 = performance.now();
  while ((await pendingNow()) > 0 && performance.now() - drain0 < 120_000) await new Promise((r) => setTimeout(r, 250));
  const drainMs = Math.round(performance.now() - drain0);
  if (profile) profiler.stop();
  const used = await cpu.stop();
  await stopProfile?.();
  const sent = Math.max(Number(result.sent ?? 0), 1);
  const backlog = await db.query<{ subscriber: string; n: number }>(
    `SELECT subscriber, count(*)::int AS n FROM event_deliveries WHERE status = 'pending' GROUP BY subscriber ORDER BY 2 DESC`);
  const pending = backlog.reduce((n, r) => n + r.n, 0);
  if (pending) note(`still pending after the drain: ${backlog.map((r) => `${r.subscriber} ${r.n}`).join(', ')}`);
  note(`cpu per message (message phase + worker drain of ${drainMs} ms): server ${(used.nodeMs / sent).toFixed(2)} ms` +
    (used.dbMs === null ? '' : `, database backends ${(used.dbMs / sent).toFixed(2)} ms`) +
    `; worker backlog at the end of the message phase: ${backlogAtEnd} pending deliveries${pending ? `, after the drain: ${pending}` : ''}`);
  if (profile) {
    const rep = profiler.report(sent);
    note(`profile: ${rep.perUnit.toFixed(1)} statements per message (incl. worker), ${rep.msPerUnit.toFixed(1)} ms of statement round-trips per message`);
    for (const r of rep.rows.slice(0, 30)) note(`  ${r.perUnit.toFixed(2).padStart(6)} × ${r.avgMs.toFixed(2).padStart(7)} ms  ${r.sql}`);
  }
  const rssMb = Math.round(process.memoryUsage().rss / 1048576);
  note(`server process RSS ${rssMb} MB; ${JSON.stringify(result)}`);
  emitResult({
    bench: 'chat.fanout', db: db.kind, sockets, active, agents, seconds, rate_per_s: rate, ...result, backlog_pending: backlogAtEnd, drain_ms: drainMs, server_rss_mb: rssMb,
    target: { sockets: 10_000, p99_ms: 100 },
  });
  return result.lost || result.errors ? 1 : 0;
}

main().then(async (code) => {
  await cleanUp();
  process.exit(code);
}, async (e) => {
  note(String(e?.stack ?? e));
  await cleanUp();
  process.exit(1);
});

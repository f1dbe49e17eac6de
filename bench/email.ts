/**
 * `npm run bench -- email [--messages 1000] [--concurrency 8] [--worker] [--profile] [--cpu-profile FILE]`
 *
 * Pushes N generated messages through the real inbound SMTP listener of a running Switchboard (nodemailer,
 * pooled connections): half start new threads, half are replies (In-Reply-To a message already accepted).
 * A message's latency is from sendMail() to the 250 reply, which comes after the ticket/message is committed.
 * In the same run, on the same machine: (a) the SMTP protocol ceiling — the same client against an
 * smtp-server that discards every message — and (b) createTicket in-process on the same database (no SMTP,
 * no MIME). Prints ONE JSON line. Diagnostics for the measured phase: `--profile` prints the statements per
 * message on stderr, `--cpu-profile FILE` writes a .cpuprofile (server and SMTP client share this process).
 */
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { systemActor } from '../src/domain/kernel/index.js';
import { createTicket } from '../src/domain/tickets/index.js';
import { startServer, type Running } from '../src/server/start.js';
import { buildWorld } from '../tests/factories/index.js';
import { emitResult, note, numberArg, parseArgs, round } from './lib/cli.js';
import { StatementProfiler, startCpuProfile } from './lib/profile.js';
import { createScratchDatabase, createTempDir, freePorts } from './lib/scratch.js';

const args = parseArgs(process.argv.slice(2));
const total = Math.floor(numberArg(args, 'messages', 1000, 10));
const concurrency = Math.floor(numberArg(args, 'concurrency', 8, 1));
const runWorker = args.worker === true;
const profile = args.profile === true;
const cpuProfileFile = typeof args['cpu-profile'] === 'string' ? args['cpu-profile'] : undefined;

const TOPICS = ['refund', 'login problem', 'invoice copy', 'shipping delay', 'account deletion', 'payout missing', 'bug report'];

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}

async function start(env: Record<string, string>): Promise<{ server: Running; smtpPort: number }> {
  let last: unknown;
  for await (const port of freePorts(4140, 4149)) {
    for await (const smtpPort of freePorts(4150, 4159)) {
      try {
        const server = await startServer(loadConfig({ ...env, PORT: String(port), SMTP_INBOUND_PORT: String(smtpPort) }), { clock: systemClock });
        return { server, smtpPort };
      } catch (e) {
        last = e;
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
      }
    }
  }
  throw new Error(`no free ports in 4140–4159 (${String(last)})`);
}

/** Send `n` mails with `concurrency` in flight; returns per-message latencies and the elapsed time. */
interface Sent { id: string; from: string }

async function pump(port: number, n: number, make: (i: number, done: Sent[]) => SendMailOptions & { isReply: boolean; from: string }) {
  const client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: concurrency, maxMessages: Infinity });
  const latencies: number[] = [];
  const done: Sent[] = [];
  let next = 0;
  let replies = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) {
      const i = next++;
      const mail = make(i, done);
      if (mail.isReply) replies++;
      const s = performance.now();
      const info = await client.sendMail(mail);
      latencies.push(performance.now() - s);
      if (!mail.isReply) done.push({ id: String(info.messageId), from: mail.from });
    }
  }));
  const elapsed = (performance.now() - t0) / 1000;
  client.close();
  return { latencies, elapsed, replies };
}

/** Even messages open a thread; odd ones reply (as that thread's customer) to a thread already accepted. */
function generator(runId: string) {
  return (i: number, done: Sent[]) => {
    const topic = TOPICS[i % TOPICS.length];
    const parent = i % 2 === 1 && done.length > 0 ? done[(i * 7919) % done.length] : null;
    return {
      isReply: parent !== null,
      from: parent ? parent.from : `customer${i}-${runId}@bench.example`,
      to: 'support@clipster.test',
      subject: parent ? 'Re: my request' : `${topic} — order #${100000 + i} (${runId})`,
      text: `Hello,\n\nabout my ${topic} for order #${100000 + i}.\n\nOn Mon, Support wrote:\n> earlier text\n> more`,
      html: i % 4 === 0 ? `<p>about my <b>${topic}</b></p><script>x()</script>` : undefined,
      ...(parent ? { inReplyTo: parent.id, references: [parent.id] } : {}),
    };
  };
}

async function main(): Promise<void> {
  const tmp = await createTempDir('sb-bench-email-');
  const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL) : null;
  const { server, smtpPort: port } = await start({
    DATA_DIR: tmp.dir, SEED_DEMO: 'false', LOG_LEVEL: 'warn', RUN_WORKER: String(runWorker), SMTP_INBOUND_ENABLED: 'true',
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
  });
  try {
    const world = await buildWorld(server.db, systemClock);
    const make = generator(Math.random().toString(36).slice(2, 8));
    note(`warm-up: 20 messages`);
    await pump(port, 20, make);
    note(`sending ${total} messages over SMTP with ${concurrency} connections (${server.db.kind})`);
    const profiler = new StatementProfiler();
    if (profile) {
      profiler.install();
      profiler.start();
    }
    const stopCpuProfile = cpuProfileFile ? await startCpuProfile(cpuProfileFile) : null;
    const run = await pump(port, total, make);
    await stopCpuProfile?.();
    if (profile) {
      profiler.stop();
      const r = profiler.report(total);
      note(`profile: ${r.perUnit.toFixed(1)} statements per message, ${r.msPerUnit.toFixed(1)} ms of statement round-trips per message`);
      for (const row of r.rows.slice(0, 25)) note(`  ${row.perUnit.toFixed(2).padStart(6)} × ${row.avgMs.toFixed(2).padStart(6)} ms  ${row.sql}`);
    }
    const stored = await server.db.one<{ inbound: number; threaded: number; tickets: number }>(
      `SELECT count(*)::int AS inbound, count(*) FILTER (WHERE thread_match = 'in_reply_to')::int AS threaded,
              count(DISTINCT ticket_id)::int AS tickets FROM email_messages WHERE direction = 'inbound'`);
    const failed = Number((await server.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM email_import_failures`)).n);

    // Baseline (a): the SMTP protocol ceiling on this machine — same client, a server that discards.
    const noop = new SMTPServer({ authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false, onData(s, _x, cb) { s.resume(); s.on('end', () => cb()); } });
    const noopPort = await new Promise<number>((resolve) => noop.listen(0, '127.0.0.1', () => resolve((noop.server.address() as { port: number }).port)));
    const ceiling = await pump(noopPort, total, make);
    await new Promise<void>((r) => noop.close(() => r()));

    // Baseline (b): createTicket in-process, sequential, on the same database (no SMTP, no MIME, no threading).
    const k = Math.min(300, total);
    const t0 = performance.now();
    for (let i = 0; i < k; i++) {
      await server.db.transaction((tx) => createTicket({ actor: systemActor(world.workspaceId), tx, clock: systemClock, meta: { channel: 'email' } }, {
        subject: `baseline ${i}`, body: 'baseline body', requester: { email: `base${i}@bench.example` }, channel: 'email', brand_id: world.brandA.id,
      }));
    }
    const createPerS = k / ((performance.now() - t0) / 1000);

    const perS = total / run.elapsed;
    emitResult({
      bench: 'email.ingest',
      msgs_per_s: round(perS),
      p99_ms: round(percentile(run.latencies, 99)),
      p50_ms: round(percentile(run.latencies, 50)),
      messages: total,
      replies: run.replies,
      concurrency,
      db: server.db.kind,
      stored_inbound: stored.inbound,
      threaded_replies: stored.threaded,
      tickets: stored.tickets,
      failed_imports: failed,
      target_msgs_per_s: 200,
      meets_target: perS >= 200,
      baseline_smtp_noop_msgs_per_s: round(total / ceiling.elapsed),
      baseline_create_ticket_per_s: round(createPerS),
    });
  } finally {
    await server.close();
    await scratch?.drop();
    await tmp.remove();
  }
}

await main();

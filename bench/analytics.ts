/**
 * `npm run bench -- analytics [--tickets 1000000] [--queries 100] [--fresh]`
 *
 * Generates N tickets with their first agent reply (a message), their solve (a status event) and CSAT
 * answers in a dedicated database (PostgreSQL: `sb_bench_analytics_<N>`, kept and reused across runs;
 * PGlite: a temp dir, default 100,000 tickets), builds the facts and rollups with the app's own rebuild,
 * sets the workspace's reporting zone (Europe/Dublin, so whole days read the daily rollup, the partial days at
 * either end of a range the hourly one), then times the dashboard (getDashboard: KPIs + series + 3 breakdowns) against the same
 * figures computed naively with GROUP BY over the raw tickets/messages/events — same run, same ranges.
 * Prints {"bench":"analytics.dashboards","tickets":…,"p95_ms":…,"naive_p95_ms":…}.
 */
import pg from 'pg';
import { getDashboard, rebuildAnalytics, rebuildDailyRollup, reportingTimeZone } from '../src/domain/analytics/index.js';
import { systemActor, type Ctx } from '../src/domain/kernel/index.js';
import { systemClock } from '../src/platform/clock.js';
import { migrate, openDb, type Db } from '../src/platform/db/index.js';
import { emitResult, note, numberArg, parseArgs } from './lib/cli.js';
import { createTempDir } from './lib/scratch.js';

const args = parseArgs(process.argv.slice(2));
const pgUrl = process.env.DATABASE_URL;
const N = numberArg(args, 'tickets', pgUrl ? 1_000_000 : 100_000, 1000);
const Q = numberArg(args, 'queries', 100, 5);
const WS = 'wsp_bench';
const DAYS = 365;
const TZ = 'Europe/Dublin';

async function openBenchDb(): Promise<{ db: Db; cleanup(): Promise<void> }> {
  if (!pgUrl) {
    const tmp = await createTempDir('sb-bench-analytics-');
    return { db: await openDb({ dataDir: tmp.dir }), cleanup: () => tmp.remove() };
  }
  const name = `sb_bench_analytics_${N}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  if (args.fresh) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  return { db: await openDb({ databaseUrl: u.toString(), poolSize: 4 }), cleanup: async () => undefined };
}

async function generate(db: Db): Promise<void> {
  const have = await db.maybeOne<{ n: string }>("SELECT count(*) AS n FROM tickets WHERE workspace_id = $1", [WS]);
  if (Number(have?.n ?? 0) === N) {
    note(`reusing ${N} generated tickets`);
    return;
  }
  const t0 = performance.now();
  note(`generating ${N} tickets (once; reused on later runs)…`);
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx.query(`INSERT INTO workspaces (id, name, created_at) VALUES ($1, 'Bench', $2) ON CONFLICT DO NOTHING`, [WS, now]);
    await tx.query(`INSERT INTO brands (id, workspace_id, name, slug, created_at) SELECT 'brd_b' || g, $1, 'Brand ' || g, 'b' || g, $2 FROM generate_series(1, 3) g ON CONFLICT DO NOTHING`, [WS, now]);
    await tx.query(`INSERT INTO teams (id, workspace_id, name, created_at) SELECT 'team_b' || g, $1, 'Team ' || g, $2 FROM generate_series(1, 6) g ON CONFLICT DO NOTHING`, [WS, now]);
    await tx.query(`INSERT INTO customers (id, workspace_id, name, created_at, updated_at) SELECT 'cus_b' || g, $1, 'Customer ' || g, $2, $2 FROM generate_series(1, 20000) g ON CONFLICT DO NOTHING`, [WS, now]);
  });
  const batch = 50_000;
  for (let start = 0; start < N; start += batch) {
    const n = Math.min(batch, N - start);
    await db.transaction(async (tx) => {
      // created uniformly over the last year with a weekday/daytime shape; 85% solved, 90% first-replied
      await tx.query(
        `INSERT INTO tickets (id, workspace_id, subject, status, priority, channel, brand_id, team_id, requester_id, created_at, updated_at, solved_at)
         SELECT 'tkt_b' || lpad(g::text, 8, '0'), $1, 'Bench ticket ' || g,
                CASE WHEN h % 100 < 85 THEN 'solved' ELSE 'open' END,
                (ARRAY['low','normal','normal','high','urgent'])[1 + h % 5],
                (ARRAY['email','email','chat','web','app','api'])[1 + (h / 7) % 6],
                'brd_b' || (1 + (h / 11) % 3), 'team_b' || (1 + (h / 13) % 6), 'cus_b' || (1 + (h / 17) % 20000),
                c, c, CASE WHEN h % 100 < 85 THEN c + ((h / 19) % 4000) * interval '1 minute' END
           FROM (SELECT g, abs(hashtext(g::text)) AS h,
                        now() - ($2::int * 86400 * ((abs(hashtext(g::text || 'c')) % 1000000) / 1000000.0)) * interval '1 second' AS c
                   FROM generate_series($3::int, $4::int) g) s`,
        [WS, DAYS, start + 1, start + n],
      );
      await tx.query(
        `INSERT INTO messages (id, workspace_id, ticket_id, author_type, is_public, channel, body_text, created_at)
         SELECT 'msg_b' || substr(t.id, 6), t.workspace_id, t.id, 'user', true, t.channel, 'reply',
                t.created_at + ((abs(hashtext(t.id)) / 23) % 1440) * interval '1 minute'
           FROM tickets t WHERE t.id BETWEEN 'tkt_b' || lpad($1::text, 8, '0') AND 'tkt_b' || lpad($2::text, 8, '0') AND abs(hashtext(t.id)) % 10 <> 0`,
        [start + 1, start + n],
      );
      await tx.query(
        `INSERT INTO events (id, workspace_id, name, aggregate_type, aggregate_id, ticket_id, actor_type, payload, occurred_at)
         SELECT 'evt_b' || substr(t.id, 6), t.workspace_id, 'ticket.status_changed', 'ticket', t.id, t.id, 'system', '{"from":"open","to":"solved"}', t.solved_at
           FROM tickets t WHERE t.id BETWEEN 'tkt_b' || lpad($1::text, 8, '0') AND 'tkt_b' || lpad($2::text, 8, '0') AND t.solved_at IS NOT NULL`,
        [start + 1, start + n],
      );
      await tx.query(
        `INSERT INTO csat_surveys (id, workspace_id, ticket_id, brand_id, token_hash, due_at, sent_at, responded_at, score, created_at)
         SELECT 'csv_b' || substr(t.id, 6), t.workspace_id, t.id, t.brand_id, '', t.solved_at, t.solved_at, t.solved_at + interval '2 hours', 1 + abs(hashtext(t.id || 's')) % 5, t.solved_at
           FROM tickets t WHERE t.id BETWEEN 'tkt_b' || lpad($1::text, 8, '0') AND 'tkt_b' || lpad($2::text, 8, '0') AND t.solved_at IS NOT NULL AND abs(hashtext(t.id)) % 3 = 0`,
        [start + 1, start + n],
      );
    });
    note(`  ${start + n} / ${N} tickets (${Math.round((performance.now() - t0) / 1000)} s)`);
  }
  note('building facts and rollups with the app\'s rebuild…');
  await db.transaction((tx) => rebuildAnalytics(tx, WS, { batch: 20_000, onProgress: (d, t) => d % 100_000 === 0 && note(`  facts ${d} / ${t}`) }));
  if (db.kind === 'postgres') await db.exec('ANALYZE');
  note(`generated in ${Math.round((performance.now() - t0) / 1000)} s`);
}

/** The same KPIs and breakdowns as the dashboard, computed from the raw tables. */
async function naiveDashboard(db: Db, from: Date, to: Date, channel: string | null): Promise<void> {
  const f = channel ? 'AND t.channel = $4' : '';
  const p = channel ? [WS, from, to, channel] : [WS, from, to];
  await db.query(
    `SELECT date_trunc('day', t.created_at) AS d, count(*) AS created FROM tickets t WHERE t.workspace_id = $1 AND t.created_at >= $2 AND t.created_at < $3 ${f} GROUP BY 1`, p);
  await db.query(
    `SELECT date_trunc('day', e.occurred_at) AS d, count(*) AS solved, avg(EXTRACT(EPOCH FROM e.occurred_at - t.created_at)) AS res
       FROM events e JOIN tickets t ON t.id = e.ticket_id
      WHERE e.name = 'ticket.status_changed' AND e.payload->>'to' = 'solved' AND t.workspace_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3 ${f} GROUP BY 1`, p);
  await db.query(
    `SELECT date_trunc('day', fr) AS d, count(*), avg(EXTRACT(EPOCH FROM fr - created_at)) FROM (
       SELECT t.created_at, min(m.created_at) AS fr FROM tickets t JOIN messages m ON m.ticket_id = t.id AND m.author_type = 'user' AND m.is_public
        WHERE t.workspace_id = $1 ${f} GROUP BY t.id, t.created_at) x WHERE fr >= $2 AND fr < $3 GROUP BY 1`, p);
  for (const dim of ['channel', 'team_id', 'brand_id']) {
    await db.query(`SELECT t.${dim}, count(*) FROM tickets t WHERE t.workspace_id = $1 AND t.created_at >= $2 AND t.created_at < $3 ${f} GROUP BY 1`, p);
  }
  await db.query(
    `SELECT count(*), avg(s.score) FROM csat_surveys s JOIN tickets t ON t.id = s.ticket_id WHERE s.workspace_id = $1 AND s.responded_at >= $2 AND s.responded_at < $3 ${f}`, p);
}

const pctl = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function main(): Promise<void> {
  const { db, cleanup } = await openBenchDb();
  try {
    await migrate(db);
    await generate(db);
    // the reports below are in the workspace's reporting zone, so whole days come from the daily rollup
    if ((await reportingTimeZone(db, WS)) !== TZ) {
      note(`setting the reporting time zone to ${TZ} and building the daily rollup…`);
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO analytics_settings (workspace_id, time_zone, updated_at) VALUES ($1, $2, now()) ON CONFLICT (workspace_id) DO UPDATE SET time_zone = $2', [WS, TZ]);
        await rebuildDailyRollup(tx, WS);
      });
      if (db.kind === 'postgres') await db.exec('ANALYZE metric_daily');
    }
    const ctx = (tx: Db): Ctx => ({ actor: systemActor(WS), tx, clock: systemClock, meta: {} });
    const ranges = Array.from({ length: Q }, (_, i) => {
      const days = [7, 30, 90][i % 3];
      const end = Date.now() - (i * 86_400_000 * 3) % (200 * 86_400_000);
      return { from: new Date(end - days * 86_400_000), to: new Date(end), channel: i % 4 === 0 ? 'email' : null };
    });
    const ours: number[] = [];
    const naive: number[] = [];
    for (const r of ranges) {
      let t = performance.now();
      await getDashboard(ctx(db), { from: r.from.toISOString(), to: r.to.toISOString(), tz: TZ, ...(r.channel ? { channel: r.channel } : {}) });
      ours.push(performance.now() - t);
      t = performance.now();
      await naiveDashboard(db, r.from, r.to, r.channel);
      naive.push(performance.now() - t);
    }
    const round = (x: number) => Math.round(x * 10) / 10;
    emitResult({
      bench: 'analytics.dashboards', db: db.kind, tickets: N, queries: Q,
      p50_ms: round(pctl(ours, 0.5)), p95_ms: round(pctl(ours, 0.95)), naive_p50_ms: round(pctl(naive, 0.5)), naive_p95_ms: round(pctl(naive, 0.95)),
      speedup_p95: round(pctl(naive, 0.95) / pctl(ours, 0.95)),
    });
  } finally {
    await db.close();
    await cleanup();
  }
}

await main();

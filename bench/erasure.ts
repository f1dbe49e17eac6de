/**
 * `npm run bench -- erasure [--rows 1000000] [--tickets 1000]`
 *
 * GDPR erasure of ONE customer who has `--tickets` tickets (2 messages each, events and audit rows), among
 * `--rows` rows in total (tickets + messages + events + audit entries of other customers, 1 : 2 : 1 : 1),
 * on a scratch PostgreSQL database (DATABASE_URL's server). Measures eraseCustomer end to end in one
 * transaction: every store (tickets, messages + search columns, attachments, event payloads, audit changes,
 * identities, other modules' text columns) — including the full-table scans for the person's identifiers.
 * Prints ONE JSON line: {"bench":"gdpr.erasure","tickets":…,"rows":…,"seconds":…}.
 */
import { eraseCustomer } from '../src/domain/compliance/index.js';
import { systemActor } from '../src/domain/kernel/index.js';
import { systemClock } from '../src/platform/clock.js';
import { migrate } from '../src/platform/db/index.js';
import { openPostgres } from '../src/platform/db/postgres.js';
import { createBrand, createWorkspace } from '../src/domain/workspace/index.js';
import { emitResult, note, numberArg, parseArgs, round } from './lib/cli.js';
import { createScratchDatabase } from './lib/scratch.js';

const args = parseArgs(process.argv.slice(2));
const rows = Math.floor(numberArg(args, 'rows', 1_000_000, 1000));
const target = Math.floor(numberArg(args, 'tickets', 1000, 1));

const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'sb_bench_erasure');
note(`scratch database ${scratch.name}`);
const db = await openPostgres(scratch.url, 2);
try {
  await migrate(db);
  const { ws, brand } = await db.transaction(async (tx) => {
    const { workspace, ctx } = await createWorkspace(tx, systemClock, { name: 'Bench' });
    const b = await createBrand(ctx, { name: 'Bench brand', support_email: 'bench@bench.test' });
    return { ws: workspace.id, brand: b.id };
  });
  const tickets = Math.max(Math.floor(rows / 5), target + 1);
  const customers = Math.max(Math.floor(tickets / 5), 2);
  const t0 = performance.now();
  // Customers 1..customers; customer 0 is the person to erase.
  await db.query(
    `INSERT INTO customers (id, workspace_id, name, created_at, updated_at)
     SELECT 'cus_b' || g, $1, CASE WHEN g = 0 THEN 'Zelda Quixote' ELSE 'Customer ' || g END, now(), now() FROM generate_series(0, $2) g`, [ws, customers]);
  await db.query(
    `INSERT INTO customer_identities (id, workspace_id, customer_id, kind, value, is_primary, created_at)
     SELECT 'cid_b' || g, $1, 'cus_b' || g, 'email', CASE WHEN g = 0 THEN 'zelda.quixote@example.org' ELSE 'customer' || g || '@bench.example' END, true, now()
       FROM generate_series(0, $2) g`, [ws, customers]);
  await db.query(`INSERT INTO customer_identities (id, workspace_id, customer_id, kind, value, is_primary, created_at) VALUES ('cid_bphone', $1, 'cus_b0', 'phone', '+353871234567', true, now())`, [ws]);
  // Tickets 0..target-1 belong to the person; the rest spread over the other customers.
  await db.query(
    `INSERT INTO tickets (id, workspace_id, subject, status, priority, channel, brand_id, requester_id, created_at, updated_at)
     SELECT 'tkt_b' || g, $1, 'Order question ' || g, 'open', 'normal', 'email', $2,
            CASE WHEN g < $4 THEN 'cus_b0' ELSE 'cus_b' || (1 + g % $5) END, now(), now()
       FROM generate_series(0, $3 - 1) g`, [ws, brand, tickets, target, customers]);
  await db.query(
    `INSERT INTO messages (id, workspace_id, ticket_id, author_type, author_customer_id, is_public, channel, body_text, created_at)
     SELECT 'msg_b' || g || '_' || k, $1, 'tkt_b' || g, 'customer', CASE WHEN g < $3 THEN 'cus_b0' ELSE 'cus_b' || (1 + g % $4) END, true, 'email',
            CASE WHEN g < $3 THEN 'Hi, this is Zelda Quixote (zelda.quixote@example.org), about order ' || g
                 ELSE 'Hello, question number ' || k || ' about order ' || g END, now()
       FROM generate_series(0, $2 - 1) g, generate_series(1, 2) k`, [ws, tickets, target, customers]);
  await db.query(
    `INSERT INTO events (id, workspace_id, name, aggregate_type, aggregate_id, ticket_id, actor_type, payload, occurred_at)
     SELECT 'evt_b' || g, $1, 'ticket.created', 'ticket', 'tkt_b' || g, 'tkt_b' || g, 'system',
            jsonb_build_object('subject', 'Order question ' || g, 'requester_id', CASE WHEN g < $3 THEN 'cus_b0' ELSE 'cus_b' || (1 + g % $4) END), now()
       FROM generate_series(0, $2 - 1) g`, [ws, tickets, target, customers]);
  await db.query(
    `INSERT INTO audit_log (workspace_id, actor_type, action, entity_type, entity_id, changes, occurred_at)
     SELECT $1, 'system', 'ticket.created', 'ticket', 'tkt_b' || g, jsonb_build_object('subject', 'Order question ' || g), now()
       FROM generate_series(0, $2 - 1) g`, [ws, tickets]);
  await db.query('ANALYZE');
  const total = tickets + tickets * 2 + tickets + tickets;
  note(`seeded ${total} rows (${tickets} tickets, ${customers + 1} customers) in ${Math.round((performance.now() - t0) / 1000)} s`);

  const e0 = performance.now();
  const report = await db.transaction((tx) => eraseCustomer({ actor: systemActor(ws), tx, clock: systemClock, meta: { channel: 'system' } }, 'cus_b0'));
  const seconds = (performance.now() - e0) / 1000;
  const left = await db.one<{ n: number }>(
    `SELECT (SELECT count(*) FROM messages WHERE body_text ILIKE '%zelda%') + (SELECT count(*) FROM customer_identities WHERE customer_id = 'cus_b0')
          + (SELECT count(*) FROM tickets WHERE requester_id = 'cus_b0' AND subject <> '[erased]') AS n`);
  note(`erased in ${round(seconds, 2)} s; stores: ${report.stores.map((s) => `${s.store.split(' ')[0]}=${s.rows}`).join(', ')}; left: ${left.n}`);
  if (Number(left.n) !== 0) throw new Error('erasure left personal data behind');
  emitResult({ bench: 'gdpr.erasure', tickets: target, rows: total, seconds: round(seconds, 2), db: 'postgres' });
} finally {
  await db.close();
  await scratch.drop();
}

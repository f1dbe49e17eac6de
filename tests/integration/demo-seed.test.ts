import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/index.js';
import { ensureDemoWorkspace, DEMO_ADMIN, DEMO_PASSWORD, DEMO_WORKSPACE, STAFF, type DemoInfo } from '../../src/cli/seed/ensure-demo.js';
import { generateCustomers } from '../../src/cli/seed/people.js';
import { seedDemo } from '../../src/cli/seed/seed-demo.js';
import { planTickets, TextPool } from '../../src/cli/seed/plan-tickets.js';
import { Rng } from '../../src/cli/seed/prng.js';
import bankingTexts from '../../src/cli/seed/corpus/banking77-sample.json' with { type: 'json' };
import { verifyPassword } from '../../src/domain/users/passwords.js';
import { createTestDb } from '../helpers/test-db.js';

const NOW = new Date('2026-03-16T12:00:00Z');
const DAY = 86_400_000;
let db: Db;
let first: DemoInfo | null;
let leftAfterCrash = -1;
const logs: string[] = [];

const count = async (sql: string, params: unknown[] = []) => Number((await db.one<{ n: number | string }>(sql, params)).n);

beforeAll(async () => {
  db = await createTestDb();
  // A crash in the middle of seeding (here: right after it) must leave nothing behind.
  await db
    .transaction(async (tx) => {
      await seedDemo(tx, { now: NOW, customers: 20, tickets: 60 });
      throw new Error('simulated crash');
    })
    .catch((e: Error) => expect(e.message).toBe('simulated crash'));
  leftAfterCrash = await count('SELECT (SELECT count(*) FROM workspaces) + (SELECT count(*) FROM users) + (SELECT count(*) FROM tickets) + (SELECT count(*) FROM events) AS n');
  first = await ensureDemoWorkspace(db, (m) => logs.push(m), { now: NOW });
});
afterAll(async () => db?.close());

describe('demo seed', () => {
  it('writes everything in one transaction: an interrupted seed leaves nothing', () => {
    expect(leftAfterCrash).toBe(0);
  });

  it('creates one clearly marked demo workspace with two brands and the four teams', async () => {
    expect(first?.counts).toBeDefined();
    expect(first?.adminEmail).toBe(DEMO_ADMIN.email);
    const ws = await db.query<{ name: string; is_demo: boolean }>('SELECT name, is_demo FROM workspaces');
    expect(ws).toEqual([{ name: DEMO_WORKSPACE, is_demo: true }]);
    expect((await db.query<{ name: string }>('SELECT name FROM brands ORDER BY name')).map((b) => b.name)).toEqual(['Clipster', 'Clipster Creator Market']);
    expect((await db.query<{ name: string }>('SELECT name FROM teams ORDER BY name')).map((t) => t.name)).toEqual([
      'Account & Security', 'Creators', 'Payments', 'Trust & Safety',
    ]);
    expect((await db.query<{ key: string; type: string }>('SELECT key, type FROM custom_fields ORDER BY position'))).toEqual([
      { key: 'order_id', type: 'text' }, { key: 'refund_amount', type: 'number' }, { key: 'payment_method', type: 'dropdown' }, { key: 'chargeback', type: 'checkbox' },
    ]);
    expect(logs.join('\n')).toMatch(/Demo workspace ready/);
  });

  it('has staff in every role, all signing in with the documented password', async () => {
    const users = await db.query<{ email: string; role: string; password_hash: string; brand_ids: string[] }>('SELECT email, role, password_hash, brand_ids FROM users');
    expect(users.length).toBeGreaterThanOrEqual(8);
    expect(users.length).toBeLessThanOrEqual(10);
    const roles = new Map<string, number>();
    for (const u of users) roles.set(u.role, (roles.get(u.role) ?? 0) + 1);
    expect(roles.get('admin')).toBe(1);
    expect(roles.get('supervisor')).toBeGreaterThanOrEqual(1);
    expect(roles.get('agent')).toBe(4);
    expect(roles.get('collaborator')).toBe(1);
    expect(roles.get('analyst')).toBe(1);
    expect(users.filter((u) => u.role === 'agent' && u.brand_ids.length === 1).length).toBeGreaterThanOrEqual(1);
    expect(users.map((u) => u.email).sort()).toEqual(STAFF.map((s) => s.email).sort());
    expect(DEMO_PASSWORD).toBe('switchboard-demo');
    const admin = users.find((u) => u.email === DEMO_ADMIN.email)!;
    expect(await verifyPassword(admin.password_hash, 'switchboard-demo')).toBe(true);
    const collaborator = users.find((u) => u.role === 'collaborator')!;
    expect(await verifyPassword(collaborator.password_hash, DEMO_PASSWORD)).toBe(true);
  });

  it('has ~300 customers across countries and locales, with several identities and agencies', async () => {
    expect(await count('SELECT count(*) AS n FROM customers')).toBeGreaterThanOrEqual(250);
    expect(await count('SELECT count(*) AS n FROM customers')).toBeLessThanOrEqual(350);
    expect(await count('SELECT count(DISTINCT country) AS n FROM customers')).toBeGreaterThanOrEqual(8);
    expect(await count('SELECT count(DISTINCT locale) AS n FROM customers')).toBeGreaterThanOrEqual(8);
    expect(await count('SELECT count(DISTINCT time_zone) AS n FROM customers')).toBeGreaterThanOrEqual(8);
    expect(await count("SELECT count(*) AS n FROM customers WHERE tier = 'vip'")).toBeGreaterThan(5);
    expect(await count("SELECT count(*) AS n FROM customers WHERE tier = 'standard'")).toBeGreaterThan(200);
    expect(await count('SELECT count(*) AS n FROM (SELECT customer_id FROM customer_identities GROUP BY 1 HAVING count(*) > 1) x')).toBeGreaterThanOrEqual(30);
    for (const kind of ['email', 'phone', 'external_id']) {
      expect(await count('SELECT count(*) AS n FROM customer_identities WHERE kind = $1 AND NOT is_primary', [kind])).toBeGreaterThan(0);
    }
    // every customer has exactly one primary email, and every customer wrote in at least once
    expect(await count("SELECT count(*) AS n FROM customers c WHERE (SELECT count(*) FROM customer_identities i WHERE i.customer_id = c.id AND i.is_primary AND i.kind = 'email') <> 1")).toBe(0);
    expect(await count('SELECT count(*) AS n FROM customers c WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.requester_id = c.id)')).toBe(0);
    const orgs = await count("SELECT count(*) AS n FROM organizations WHERE cardinality(domains) > 0");
    expect(orgs).toBeGreaterThanOrEqual(8);
    // agency members' primary email is at their agency's domain
    expect(await count(`SELECT count(*) AS n FROM customers c JOIN organizations o ON o.id = c.organization_id
      JOIN customer_identities i ON i.customer_id = c.id AND i.is_primary WHERE split_part(i.value, '@', 2) <> ALL(o.domains)`)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM customers WHERE organization_id IS NOT NULL')).toBeGreaterThan(20);
    // all addresses use the reserved .example domain
    expect(await count("SELECT count(*) AS n FROM customer_identities WHERE kind = 'email' AND value NOT LIKE '%.example'")).toBe(0);
  });

  it('has ~2,000 tickets over 90 days across channels, statuses, priorities, teams and brands', async () => {
    const n = await count('SELECT count(*) AS n FROM tickets');
    expect(n).toBeGreaterThanOrEqual(1800);
    expect(n).toBeLessThanOrEqual(2200);
    expect(first?.counts?.tickets).toBe(n);
    expect(await count('SELECT count(*) AS n FROM tickets WHERE created_at < $1 OR created_at > $2', [new Date(NOW.getTime() - 90 * DAY), NOW])).toBe(0);
    expect(await count('SELECT count(DISTINCT channel) AS n FROM tickets')).toBeGreaterThanOrEqual(5);
    expect(await count('SELECT count(DISTINCT priority) AS n FROM tickets')).toBe(4);
    expect(await count('SELECT count(DISTINCT status) AS n FROM tickets')).toBe(6);
    expect(await count('SELECT count(DISTINCT brand_id) AS n FROM tickets')).toBe(2);
    expect(await count('SELECT count(DISTINCT team_id) AS n FROM tickets')).toBe(4);
    expect(await count('SELECT count(DISTINCT assignee_id) AS n FROM tickets')).toBeGreaterThanOrEqual(6);
    // older cases are mostly closed, recent ones mostly still being worked on
    const old = await db.one<{ total: number | string; done: number | string }>(
      "SELECT count(*) AS total, count(*) FILTER (WHERE status IN ('solved','closed')) AS done FROM tickets WHERE created_at < $1", [new Date(NOW.getTime() - 30 * DAY)]);
    expect(Number(old.done) / Number(old.total)).toBeGreaterThan(0.9);
    const recent = await db.one<{ total: number | string; active: number | string }>(
      "SELECT count(*) AS total, count(*) FILTER (WHERE status IN ('new','open','pending','on_hold')) AS active FROM tickets WHERE created_at > $1", [new Date(NOW.getTime() - 2 * DAY)]);
    expect(Number(recent.active) / Number(recent.total)).toBeGreaterThan(0.5);
    expect(await count("SELECT count(*) AS n FROM tickets WHERE status = 'new' AND assignee_id IS NOT NULL")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM tickets WHERE status <> 'new' AND assignee_id IS NULL")).toBe(0);
  });

  it('maps BANKING77 intents to teams and tags, and fills the custom fields with valid values', async () => {
    const rows = await db.query<{ name: string; n: number | string }>(
      "SELECT tm.name, count(*) AS n FROM tickets t JOIN teams tm ON tm.id = t.team_id WHERE 'card_payment_not_recognised' = ANY(t.tags) GROUP BY 1");
    expect(rows.map((r) => r.name)).toEqual(['Payments']);
    expect(await count("SELECT count(*) AS n FROM tickets t JOIN teams tm ON tm.id = t.team_id WHERE 'payout' = ANY(t.tags) AND tm.name <> 'Creators'")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM tickets WHERE custom_fields ? 'refund_amount' AND jsonb_typeof(custom_fields->'refund_amount') <> 'number'")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM tickets WHERE custom_fields ? 'refund_amount'")).toBeGreaterThan(20);
    expect(await count("SELECT count(*) AS n FROM tickets WHERE custom_fields->>'chargeback' = 'true'")).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM tickets WHERE custom_fields ? 'chargeback' AND jsonb_typeof(custom_fields->'chargeback') <> 'boolean'")).toBe(0);
    const options = (await db.one<{ options: string[] }>("SELECT options FROM custom_fields WHERE key = 'payment_method'")).options;
    expect(await count("SELECT count(*) AS n FROM tickets WHERE custom_fields ? 'payment_method' AND NOT (custom_fields->>'payment_method' = ANY($1::text[]))", [options])).toBe(0);
    expect(await count("SELECT count(*) AS n FROM tickets WHERE custom_fields ? 'order_id' AND custom_fields->>'order_id' !~ '^CLP-[0-9]{8}$'")).toBe(0);
    // the customer's words are real BANKING77 texts
    const texts = new Set(Object.values(bankingTexts as Record<string, string[]>).flat());
    const firsts = await db.query<{ body_text: string }>("SELECT m.body_text FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.created_at = t.created_at AND t.channel IN ('chat','app') LIMIT 50");
    expect(firsts.length).toBeGreaterThan(10);
    expect(firsts.filter((m) => texts.has(m.body_text)).length).toBeGreaterThan(firsts.length * 0.8);
  });

  it('gives every ticket a conversation and a history consistent with its timestamps', async () => {
    expect(await count('SELECT count(*) AS n FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id)')).toBe(0);
    expect(await count("SELECT count(*) AS n FROM tickets t WHERE (SELECT count(*) FROM events e WHERE e.ticket_id = t.id AND e.name = 'ticket.created') <> 1")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM messages m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = m.ticket_id AND e.name = 'message.added' AND e.payload->>'message_id' = m.id)")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM events WHERE name = 'message.added' AND ticket_id IS NOT NULL")).toBe(await count('SELECT count(*) AS n FROM messages'));
    expect(await count('SELECT count(*) AS n FROM tickets WHERE updated_at < created_at')).toBe(0);
    expect(await count("SELECT count(*) AS n FROM tickets WHERE (solved_at IS NOT NULL) <> (status IN ('solved','closed'))")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM tickets WHERE (closed_at IS NOT NULL) <> (status = 'closed')")).toBe(0);
    expect(await count('SELECT count(*) AS n FROM tickets WHERE solved_at > coalesce(closed_at, solved_at) OR solved_at > updated_at OR closed_at > updated_at')).toBe(0);
    // the first message is the ticket's creation; nothing happens after the ticket's last update or "now"
    expect(await count('SELECT count(*) AS n FROM tickets t WHERE (SELECT min(created_at) FROM messages m WHERE m.ticket_id = t.id) <> t.created_at')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM tickets t WHERE (SELECT max(occurred_at) FROM events e WHERE e.ticket_id = t.id) <> t.updated_at')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM tickets t WHERE (SELECT min(occurred_at) FROM events e WHERE e.ticket_id = t.id) <> t.created_at')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM events WHERE occurred_at > $1', [NOW])).toBe(0);
    // the last status event tells the current status
    expect(await count(`SELECT count(*) AS n FROM tickets t WHERE t.status <> coalesce(
      (SELECT e.payload->>'to' FROM events e WHERE e.ticket_id = t.id AND e.name = 'ticket.status_changed' ORDER BY e.seq DESC LIMIT 1), 'new')`)).toBe(0);
    // event order (seq) follows time, as if the changes had happened live
    expect(await count('SELECT count(*) AS n FROM (SELECT occurred_at, lag(occurred_at) OVER (ORDER BY seq) AS prev FROM events) x WHERE prev > occurred_at')).toBe(0);
    expect(await count("SELECT count(*) AS n FROM tickets WHERE number IS NULL OR version < 1")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM tickets t JOIN events e ON e.ticket_id = t.id AND e.name = 'ticket.created' WHERE (e.payload->>'number')::bigint <> t.number OR e.payload->>'subject' <> t.subject")).toBe(0);
    // every later change bumped the version at least once, never more often than it has events
    const later = '(SELECT count(*) FROM events e WHERE e.ticket_id = t.id AND e.occurred_at > t.created_at)';
    expect(await count(`SELECT count(*) AS n FROM tickets t WHERE (version = 1) <> (${later} = 0) OR version > 1 + ${later}`)).toBe(0);
    expect(await count("SELECT count(DISTINCT name) AS n FROM events WHERE ticket_id IS NOT NULL")).toBeGreaterThanOrEqual(8);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'ticket.status_changed'")).toBeGreaterThan(1000);
  });

  it('respects access rules: team members, brand-limited agents, collaborator notes only on shared cases', async () => {
    expect(await count('SELECT count(*) AS n FROM tickets t WHERE t.assignee_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.team_id AND m.user_id = t.assignee_id)')).toBe(0);
    expect(await count("SELECT count(*) AS n FROM tickets t JOIN users u ON u.id = t.assignee_id WHERE cardinality(u.brand_ids) > 0")).toBeGreaterThan(50);
    expect(await count("SELECT count(*) AS n FROM tickets t JOIN users u ON u.id = t.assignee_id WHERE cardinality(u.brand_ids) > 0 AND NOT (t.brand_id = ANY(u.brand_ids))")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM messages m JOIN users u ON u.id = m.author_user_id WHERE u.brand_ids <> '{}' AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = m.ticket_id AND t.brand_id = ANY(u.brand_ids))")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM tickets t JOIN users u ON u.id = t.assignee_id WHERE u.role NOT IN ('admin','supervisor','agent')")).toBe(0);
    const legal = "SELECT id FROM users WHERE role = 'collaborator'";
    expect(await count(`SELECT count(*) AS n FROM ticket_shares WHERE user_id IN (${legal})`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM messages m WHERE m.author_user_id IN (${legal}) AND m.is_public`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM messages m WHERE m.author_user_id IN (${legal}) AND NOT EXISTS (SELECT 1 FROM ticket_shares s WHERE s.ticket_id = m.ticket_id AND s.user_id = m.author_user_id)`)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM messages m JOIN users u ON u.id = m.author_user_id WHERE u.role = 'analyst'")).toBe(0);
  });

  it('does not queue the seeded history for live delivery', async () => {
    expect(await count('SELECT count(*) AS n FROM event_deliveries d JOIN events e ON e.seq = d.event_seq WHERE e.ticket_id IS NOT NULL')).toBe(0);
  });

  it('is idempotent: a second run reports "already seeded" and adds nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM events');
    const again = await ensureDemoWorkspace(db, () => undefined, { now: NOW });
    expect(again?.counts).toBeUndefined();
    expect(again?.workspaceName).toBe(DEMO_WORKSPACE);
    expect(await count('SELECT count(*) AS n FROM events')).toBe(before);
    expect(await count('SELECT count(*) AS n FROM workspaces')).toBe(1);
  });
});

describe('demo generator', () => {
  const plan = (seed: number) => {
    const rng = new Rng(seed);
    const customers = generateCustomers(rng, 300);
    const plans = planTickets(rng, customers, new TextPool(rng, bankingTexts as Record<string, string[]>), 500, NOW.getTime(), 90);
    return JSON.stringify({ customers, plans: plans.map((p) => ({ ...p, group: p.group.key })) });
  };

  it('is deterministic for a seed and differs for another seed', () => {
    expect(plan(7)).toBe(plan(7));
    expect(plan(7)).not.toBe(plan(8));
  });

  it('keeps contact data fictional and unique', () => {
    const customers = generateCustomers(new Rng(1), 300);
    const emails = customers.flatMap((c) => [c.email, c.extraEmail].filter((e): e is string => !!e));
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.every((e) => e.endsWith('.example'))).toBe(true);
    const phones = customers.map((c) => c.phone).filter((p): p is string => !!p);
    expect(phones.every((p) => p.startsWith('+447700900') || /^\+1\d{3}55501\d{2}$/.test(p))).toBe(true);
  });
});

describe('switchboard seed (CLI)', () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['bin/switchboard.js', 'seed', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ...env } });

  it('explains its usage and refuses unknown options', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('switchboard seed --demo');
    expect(help.stdout).toContain('switchboard-demo');
    const bare = cli([]);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('pass --demo');
    const bogus = cli(['--demo', '--force']);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toContain('Unknown option "--force"');
  });

  it('does not open the embedded database while a server holds it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sb-seed-'));
    try {
      // this test process plays the running server
      await writeFile(path.join(dir, 'switchboard.lock'), JSON.stringify({ pid: process.pid, url: 'http://127.0.0.1:3999', started_at: new Date().toISOString() }));
      const res = cli(['--demo'], { DATA_DIR: dir });
      expect(res.status).toBe(1);
      expect(res.stderr).toContain('already using the embedded database');
      expect(res.stderr).toContain('seeds the demo itself');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Builds the whole demo workspace inside the caller's transaction: structure through the domain
 * commands, then ~300 customers and ~2,000 tickets generated in memory and bulk-inserted.
 *
 * Seeded history gets events (and audit rows) but NO event_deliveries: those changes happened "in
 * the past", and fanning ~15k of them out to subscribers would make the dispatcher replay them as
 * live notifications (webhooks, e-mails, realtime pushes) on first start. Only the structure
 * created through the domain commands (workspace, brands, teams, fields, users) is delivered.
 */
import type { Tx } from '../../platform/db/index.js';
import type { Clock } from '../../platform/clock.js';
import bankingTexts from './corpus/banking77-sample.json' with { type: 'json' };
import { AUDIT, bulkInsert, CUSTOMERS, EVENTS, IDENTITIES, MESSAGES, ORGANIZATIONS, SHARES, TICKETS } from './bulk-insert.js';
import { customerCreatedAt, customerIdsFor, customerRows, organizationRows } from './customer-rows.js';
import { History } from './history.js';
import { generateCustomers } from './people.js';
import { planTickets, TextPool } from './plan-tickets.js';
import { DAY, MINUTE, Rng } from './prng.js';
import { createStructure, STAFF } from './staff.js';
import { staffActor, tellStory } from './tell-story.js';
import type { MessageRow, SimEnv } from './ticket-sim.js';
import { SEED_MODULES } from './modules/index.js';
import type { Actor } from '../../domain/kernel/index.js';

export interface SeedOptions {
  /** The demo's "today" (default: now). Everything seeded happens before it. */
  now?: Date;
  tickets?: number;
  customers?: number;
  days?: number;
  /** PRNG seed: the same seed (and "now") gives the same demo. */
  seed?: number;
}

export interface SeedCounts {
  workspaceId: string;
  users: number;
  organizations: number;
  customers: number;
  identities: number;
  tickets: number;
  messages: number;
  events: number;
  auditRows: number;
  generateMs: number;
  insertMs: number;
}

/** A clock that moves 45 s per reading, so the structure's events are spaced like a real setup. */
function steppingClock(start: number): Clock {
  let k = 0;
  return { now: () => new Date(start + k++ * 45_000) };
}

export async function seedDemo(tx: Tx, opts: SeedOptions = {}): Promise<SeedCounts> {
  const t0 = performance.now();
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000) * 1000;
  const days = opts.days ?? 90;
  const historyStart = now - (days + 7) * DAY;
  const rng = new Rng(opts.seed ?? 20_240_601);
  const ids = new Rng((opts.seed ?? 20_240_601) ^ 0x5bd1e995);

  const structure = await createStructure(tx, steppingClock(historyStart));
  const history = new History(ids, structure.workspaceId);
  const admin = staffActor(structure, 'admin');
  const orgs = organizationRows(ids, history, structure.workspaceId, admin, historyStart + 30 * MINUTE);

  const people = generateCustomers(rng, opts.customers ?? 300);
  const texts = new TextPool(rng, bankingTexts as Record<string, string[]>);
  const plans = planTickets(rng, people, texts, opts.tickets ?? 2000, now, days);
  const firstContact: Array<number | null> = people.map(() => null);
  for (const p of plans) {
    const f = firstContact[p.customer];
    if (f === null || p.createdAt < f) firstContact[p.customer] = p.createdAt;
  }
  const customerIds = customerIdsFor(ids, customerCreatedAt(firstContact, historyStart));

  const env: SimEnv = { workspaceId: structure.workspaceId, ids, history, messages: [] as MessageRow[], shares: [], now };
  const ctx = { rng, env, structure, texts, customers: people, customerIds, orgIds: orgs.ids };
  const sims = [...plans].sort((a, b) => a.createdAt - b.createdAt).map((p) => tellStory(ctx, p));
  const agentActors = STAFF.filter((s) => s.role === 'agent').map((s) => staffActor(structure, s.key));
  const cust = customerRows(rng, ids, history, {
    workspaceId: structure.workspaceId, customers: people, customerIds, orgIds: orgs.ids, firstContact, historyStart, now, agentActors,
  });

  // Ticket numbers come from the same sequence the app uses, in creation order.
  const numbers = (await tx.query<{ n: number | string }>('SELECT nextval(\'ticket_number_seq\') AS n FROM generate_series(1, $1::int)', [sims.length]))
    .map((r) => Number(r.n))
    .sort((a, b) => a - b);
  const tickets = sims.map((s, i) => s.row(numbers[i]));
  const messages = [...env.messages].sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
  const { events, audits } = history.sorted();
  const t1 = performance.now();

  await bulkInsert(tx, ORGANIZATIONS, orgs.rows);
  await bulkInsert(tx, CUSTOMERS, cust.customers);
  await bulkInsert(tx, IDENTITIES, cust.identities);
  await bulkInsert(tx, TICKETS, tickets);
  await bulkInsert(tx, MESSAGES, messages);
  await bulkInsert(tx, SHARES, env.shares);
  await bulkInsert(tx, EVENTS, events, 2000);
  await bulkInsert(tx, AUDIT, audits, 2000);
  const adminUser: Actor = { type: 'user', id: structure.users.admin ?? null, workspaceId: structure.workspaceId, role: 'admin', brandIds: [], name: 'Dana Admin' };
  const moduleCtx = { actor: adminUser, tx, clock: { now: () => new Date(now) }, meta: { channel: 'seed' } };
  for (const seedModule of SEED_MODULES) await seedModule({ ctx: moduleCtx, structure, now: new Date(now) });
  const t2 = performance.now();

  return {
    workspaceId: structure.workspaceId,
    users: STAFF.length,
    organizations: orgs.rows.length,
    customers: cust.customers.length,
    identities: cust.identities.length,
    tickets: tickets.length,
    messages: messages.length,
    events: events.length,
    auditRows: audits.length,
    generateMs: Math.round(t1 - t0),
    insertMs: Math.round(t2 - t1),
  };
}

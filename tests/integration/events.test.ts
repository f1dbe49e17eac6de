import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { DB_KIND } from '../helpers/test-db.js';
import { eventsOf, expectProblem, newTicket, pngBytes } from '../helpers/api-helpers.js';
import { Dispatcher, consumerGroup, syncSubscriptions, type DeliveredEvent, type Subscriber } from '../../src/platform/events/index.js';
import { openPostgres } from '../../src/platform/db/postgres.js';
import { createLogger } from '../../src/platform/logger.js';
import type { Db } from '../../src/platform/db/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const log = createLogger('silent');
const count = async (sql: string, params: unknown[] = []) => (await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).n;

function recorder(name: string, events: string[], fail?: (e: DeliveredEvent, attempt: number) => boolean) {
  const seen: DeliveredEvent[] = [];
  const attempts = new Map<string, number>();
  const sub: Subscriber = {
    name,
    events,
    async handle(e) {
      const n = (attempts.get(e.id) ?? 0) + 1;
      attempts.set(e.id, n);
      if (fail?.(e, n)) throw new Error(`boom ${n}`);
      seen.push(e);
    },
  };
  return { sub, seen, attempts };
}

describe('events are written with the change, in the same transaction', () => {
  it('a failing command writes no event and nothing else', async () => {
    const before = { events: await count('events'), tickets: await count('tickets'), customers: await count('customers'), audit: await count('audit_log') };
    expectProblem(
      await t.api('POST', '/api/v1/tickets', { subject: 's', body: 'b', requester: { email: 'brand-new-person@x.test' }, team_id: 'team_00000000000000000000000000' }),
      404, 'TEAM_NOT_FOUND',
    );
    // fails late: after the requester, ticket and message were inserted (unknown attachment)
    expectProblem(
      await t.api('POST', '/api/v1/tickets', { subject: 's', body: 'b', requester: { email: 'another-new@x.test' }, attachment_ids: ['att_00000000000000000000000000'] }),
      404, 'ATTACHMENT_NOT_FOUND',
    );
    expect({ events: await count('events'), tickets: await count('tickets'), customers: await count('customers'), audit: await count('audit_log') }).toEqual(before);
  });

  it('a failing message (reused attachment) leaves no message and no event', async () => {
    const tk = await newTicket(t);
    const up = (await t.api('POST', '/api/v1/uploads?filename=a.png', pngBytes(9), { headers: { 'content-type': 'image/png' } })).json();
    expect((await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'one', public: false, attachment_ids: [up.id] })).statusCode).toBe(201);
    const evBefore = (await eventsOf(t, tk.id)).length;
    const msgBefore = await count('messages WHERE ticket_id = $1', [tk.id]);
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'two', public: true, attachment_ids: [up.id] }), 404, 'ATTACHMENT_NOT_FOUND');
    expect((await eventsOf(t, tk.id)).length).toBe(evBefore);
    expect(await count('messages WHERE ticket_id = $1', [tk.id])).toBe(msgBefore);
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json().status).toBe('new'); // the public reply did not open it
  });

  it('each change appends exactly its events, with an audit row', async () => {
    const before = await count('events');
    const tk = await newTicket(t);
    expect(await count('events') - before).toBe(3); // customer.created, ticket.created, message.added
    const audit = await t.db.query<{ action: string }>('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq', [tk.id]);
    expect(audit.map((a) => a.action)).toEqual(['ticket.created']);
    await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'high', status: 'pending' });
    expect((await eventsOf(t, tk.id)).map((e) => e.name)).toEqual(['ticket.created', 'message.added', 'ticket.status_changed', 'ticket.priority_changed']);
  });

  it('the history shows who, what, when and from where (IP for admins only)', async () => {
    const agent = await t.addUser('historian', 'agent');
    const tk = await newTicket(t);
    const evs = await eventsOf(t, tk.id);
    expect(evs[0]).toMatchObject({ name: 'ticket.created', actor_type: 'user', actor_id: t.admin.id, actor_name: t.admin.name, channel: 'api', occurred_at: t.clock.now().toISOString() });
    expect(evs[0].ip).toBe('127.0.0.1');
    const asAgent = (await t.api('GET', `/api/v1/tickets/${tk.id}/events`, undefined, { token: agent.token })).json().data;
    expect(asAgent[0].ip).toBeNull();
  });

  it('the event log is append-only: UPDATE and DELETE have no effect', async () => {
    const n = await count('events');
    const first = await t.db.one<{ seq: number; name: string }>('SELECT seq, name FROM events ORDER BY seq LIMIT 1');
    await t.db.query(`UPDATE events SET name = 'tampered' WHERE seq = $1`, [first.seq]);
    await t.db.query('DELETE FROM events');
    expect(await count('events')).toBe(n);
    expect((await t.db.one<{ name: string }>('SELECT name FROM events WHERE seq = $1', [first.seq])).name).toBe(first.name);
  });
});

describe('Dispatcher', () => {
  it('delivers each subscribed event once, in order, and marks it done', async () => {
    const r = recorder('test-once', ['ticket.created', 'message.added']);
    const all = recorder('test-all', ['*']);
    const d = new Dispatcher(t.db, [r.sub, all.sub], t.clock, log);
    await syncSubscriptions(t.db, [r.sub, all.sub]);
    const a = await newTicket(t);
    const b = await newTicket(t);
    await t.api('PATCH', `/api/v1/tickets/${a.id}`, { priority: 'low' });
    expect(await d.runOnce()).toBeGreaterThan(0);
    expect(r.seen.map((e) => [e.name, e.ticket_id])).toEqual([
      ['ticket.created', a.id], ['message.added', a.id], ['ticket.created', b.id], ['message.added', b.id],
    ]);
    expect(r.seen[0]).toMatchObject({ aggregate_type: 'ticket', aggregate_id: a.id, actor_id: t.admin.id, payload: expect.objectContaining({ subject: a.subject }) });
    expect(all.seen.map((e) => e.name)).toEqual(expect.arrayContaining(['customer.created', 'ticket.created', 'message.added', 'ticket.priority_changed']));
    expect(all.seen).toHaveLength(7);
    expect(await d.runOnce()).toBe(0);
    expect(await count(`event_deliveries WHERE subscriber IN ('test-once','test-all') AND status <> 'done'`)).toBe(0);
    // a new event is delivered by the next run; old ones are not redelivered
    await newTicket(t);
    await d.runOnce();
    expect(r.seen).toHaveLength(6);
    expect(new Set(r.seen.map((e) => e.id)).size).toBe(6);
  });

  it('retries a failing handler with exponential backoff (at-least-once)', async () => {
    const r = recorder('test-flaky', ['ticket.created'], (_e, n) => n < 3);
    const d = new Dispatcher(t.db, [r.sub], t.clock, log);
    await syncSubscriptions(t.db, [r.sub]);
    const tk = await newTicket(t);
    expect(await d.runOnce()).toBe(1); // attempt 1 fails
    expect(r.seen).toHaveLength(0);
    t.clock.advance(1999);
    expect(await d.runOnce()).toBe(0); // backoff: 2 s
    t.clock.advance(1);
    expect(await d.runOnce()).toBe(1); // attempt 2 fails
    t.clock.advance(3999);
    expect(await d.runOnce()).toBe(0); // backoff: 4 s
    t.clock.advance(1);
    expect(await d.runOnce()).toBe(1); // attempt 3 succeeds
    expect(r.seen.map((e) => e.ticket_id)).toEqual([tk.id]);
    const row = await t.db.one<{ status: string; attempts: number; last_error: string }>(`SELECT status, attempts, last_error FROM event_deliveries WHERE subscriber = 'test-flaky'`);
    expect(row).toMatchObject({ status: 'done', attempts: 3, last_error: expect.stringContaining('boom 2') });
  });

  it('writes one row per event for a consumer group; a failing subscriber retries on its own row, the others are not redelivered', async () => {
    const ok = recorder('test-group-ok', ['ticket.created']);
    const bad = recorder('test-group-bad', ['ticket.created'], (_e, n) => n < 2);
    const d = new Dispatcher(t.db, [ok.sub, bad.sub], t.clock, log);
    await syncSubscriptions(t.db, [ok.sub, bad.sub]);
    const grp = consumerGroup([bad.sub, ok.sub]); // derived from the names, whatever their order
    expect(grp).toBe(d.group);
    const tk = await newTicket(t);
    const rows = () => t.db.query<{ subscriber: string; status: string; attempts: number }>(
      `SELECT d.subscriber, d.status, d.attempts FROM event_deliveries d JOIN events e ON e.seq = d.event_seq
        WHERE e.aggregate_id = $1 AND d.subscriber IN ($2, 'test-group-ok', 'test-group-bad') ORDER BY d.id`, [tk.id, grp]);
    expect(await rows()).toEqual([{ subscriber: grp, status: 'pending', attempts: 0 }]);
    expect(await d.runOnce()).toBe(1);
    expect(ok.seen.map((e) => e.ticket_id)).toEqual([tk.id]);
    expect(bad.seen).toHaveLength(0);
    expect(await rows()).toEqual([{ subscriber: grp, status: 'done', attempts: 1 }, { subscriber: 'test-group-bad', status: 'pending', attempts: 1 }]);
    t.clock.advance(2000);
    expect(await d.runOnce()).toBe(1); // only the failed subscriber's row
    expect(bad.seen.map((e) => e.ticket_id)).toEqual([tk.id]);
    expect(ok.seen).toHaveLength(1);
    expect((await rows())[1]).toEqual({ subscriber: 'test-group-bad', status: 'done', attempts: 2 });
    expect(await d.runOnce()).toBe(0);
  });

  it('marks a delivery dead after 8 failed attempts', async () => {
    const r = recorder('test-dead', ['ticket.created'], () => true);
    const d = new Dispatcher(t.db, [r.sub], t.clock, log);
    await syncSubscriptions(t.db, [r.sub]);
    await newTicket(t);
    for (let attempt = 1; attempt <= 8; attempt++) {
      expect(await d.runOnce(), `attempt ${attempt}`).toBe(1);
      const row = await t.db.one<{ status: string; attempts: number; run_after: Date }>(`SELECT status, attempts, run_after FROM event_deliveries WHERE subscriber = 'test-dead'`);
      expect(row.attempts).toBe(attempt);
      expect(row.status).toBe(attempt < 8 ? 'pending' : 'dead');
      if (attempt < 8) expect(new Date(row.run_after).getTime() - t.clock.now().getTime()).toBe(2 ** attempt * 1000);
      t.clock.advance(3_600_000);
    }
    expect(await d.runOnce()).toBe(0);
    expect([...r.attempts.values()]).toEqual([8]);
  });

  it('when started, delivers new events on its own (NOTIFY wake-up or polling) and stops cleanly', async () => {
    const r = recorder('test-started', ['ticket.created']);
    const d = new Dispatcher(t.db, [r.sub], t.clock, log, 50);
    await d.start();
    try {
      const tk = await newTicket(t);
      for (let i = 0; i < 200 && r.seen.length === 0; i++) await new Promise((res) => setTimeout(res, 25));
      expect(r.seen.map((e) => e.ticket_id)).toEqual([tk.id]);
    } finally {
      await d.stop();
    }
    const after = await newTicket(t);
    await new Promise((res) => setTimeout(res, 150));
    expect(r.seen.map((e) => e.ticket_id)).not.toContain(after.id);
  });

  it('two dispatchers on the same database never deliver the same delivery twice', async () => {
    let db2: Db = t.db;
    if (DB_KIND === 'postgres') {
      const name = (await t.db.one<{ db: string }>('SELECT current_database() AS db')).db;
      const u = new URL(process.env.DATABASE_URL!);
      u.pathname = `/${name}`;
      db2 = await openPostgres(u.toString(), 3);
    }
    try {
      const handled: string[] = [];
      const slowSub = (): Subscriber => ({
        name: 'test-race',
        events: ['ticket.created', 'message.added'],
        async handle(e) {
          handled.push(e.id);
          await new Promise((res) => setImmediate(res)); // yield so the two dispatchers interleave
        },
      });
      const d1 = new Dispatcher(t.db, [slowSub()], t.clock, log);
      const d2 = new Dispatcher(db2, [slowSub()], t.clock, log);
      await syncSubscriptions(t.db, [slowSub()]);
      for (let i = 0; i < 15; i++) await newTicket(t);
      const drain = async (d: Dispatcher) => {
        let total = 0;
        for (let n = await d.runOnce(4); n > 0; n = await d.runOnce(4)) total += n;
        return total;
      };
      const [n1, n2] = await Promise.all([drain(d1), drain(d2)]);
      expect(n1 + n2).toBe(30);
      expect(handled).toHaveLength(30);
      expect(new Set(handled).size).toBe(30);
      // one delivery row per event for the dispatchers' consumer group (ADR 0003), each done once
      expect(await count(`event_deliveries WHERE subscriber = $1 AND status = 'done'`, [consumerGroup([slowSub()])])).toBe(30);
      expect(await count(`event_deliveries WHERE subscriber = 'test-race'`)).toBe(0);
    } finally {
      if (db2 !== t.db) await db2.close();
    }
  });
});

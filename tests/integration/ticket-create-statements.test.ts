import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { DB_KIND } from '../helpers/test-db.js';
import { appendEvents } from '../../src/platform/events/index.js';
import { resolveRequester } from '../../src/domain/customers/index.js';
import { createTicket } from '../../src/domain/tickets/index.js';
import type { Ctx } from '../../src/domain/kernel/index.js';
import type { Tx } from '../../src/platform/db/index.js';

// createTicket writes in few statements (setup read; requester find-or-create; ticket + first message + every
// event): these tests pin down what that folding must keep — event order and content, one customer per new email.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const ctxOf = (tx: Tx): Ctx => ({ actor: t.actorOf(t.admin), tx, clock: t.clock, meta: { channel: 'api', requestId: 'req-1', ip: '10.0.0.1' } });
const count = async (sql: string, params: unknown[] = []) => (await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).n;

describe('appendEvents', () => {
  it('appends several events in one call, seq and deliveries in the order given, audit rows only where asked', async () => {
    const at = t.clock.now();
    const ev = (name: string, n: number) => ({
      name, workspaceId: t.workspaceId, aggregateType: 'ticket', aggregateId: `tkt_order_${n}`, ticketId: null,
      actorType: 'system', actorId: null, payload: { n }, occurredAt: at,
    });
    const audit = (n: number) => ({ action: 'test.audited', entityType: 'ticket', entityId: `tkt_order_${n}`, changes: { n } });
    const out = await t.db.transaction((tx) => appendEvents(tx, [
      { event: ev('ticket.created', 1), audit: audit(1) },
      { event: ev('message.added', 2) },
      { event: ev('ticket.priority_changed', 3), audit: audit(3) },
    ]));
    expect(out).toHaveLength(3);
    expect(out[0].seq).toBeLessThan(out[1].seq);
    expect(out[1].seq).toBeLessThan(out[2].seq);
    const rows = await t.db.query<{ id: string; name: string; payload: { n: number } }>('SELECT id, name, payload FROM events WHERE id = ANY($1::text[]) ORDER BY seq', [out.map((o) => o.id)]);
    expect(rows.map((r) => [r.id, r.name, r.payload.n])).toEqual([
      [out[0].id, 'ticket.created', 1], [out[1].id, 'message.added', 2], [out[2].id, 'ticket.priority_changed', 3],
    ]);
    const deliveries = await t.db.query<{ event_seq: number }>('SELECT event_seq FROM event_deliveries WHERE event_seq = ANY($1::bigint[]) ORDER BY id', [out.map((o) => o.seq)]);
    expect(deliveries.map((d) => d.event_seq)).toEqual([...deliveries.map((d) => d.event_seq)].sort((a, b) => a - b));
    const audits = await t.db.query<{ entity_id: string }>(`SELECT entity_id FROM audit_log WHERE action = 'test.audited' ORDER BY seq`);
    expect(audits.map((a) => a.entity_id)).toEqual(['tkt_order_1', 'tkt_order_3']);
    expect(await t.db.transaction((tx) => appendEvents(tx, []))).toEqual([]);
  });
});

describe('createTicket', () => {
  it('writes customer.created, ticket.created (with the ticket number, also in its audit row) and message.added, in that order', async () => {
    const res = await t.api('POST', '/api/v1/tickets', { subject: 'Numbered', body: 'b', requester: { email: 'numbered@x.test' } });
    expect(res.statusCode, res.body).toBe(201);
    const tk = res.json();
    const evs = await t.db.query<{ name: string; aggregate_id: string; payload: Record<string, unknown> }>(
      `SELECT name, aggregate_id, payload FROM events WHERE aggregate_id IN ($1, $2) ORDER BY seq`, [tk.id, tk.requester_id],
    );
    expect(evs.map((e) => e.name)).toEqual(['customer.created', 'ticket.created', 'message.added']);
    expect(evs[1].payload).toMatchObject({ number: tk.number, subject: 'Numbered', requester_id: tk.requester_id });
    const audit = await t.db.one<{ changes: Record<string, unknown> }>(`SELECT changes FROM audit_log WHERE action = 'ticket.created' AND entity_id = $1`, [tk.id]);
    expect(audit.changes).toMatchObject({ number: tk.number });
  });

  it.skipIf(DB_KIND !== 'postgres')('a first ticket racing another request for the same new email ends with that one customer', async () => {
    const email = 'racer@x.test';
    const before = await count('customers');
    let ticket: { requester_id: string } | undefined;
    const winner = await t.db.transaction(async (txA) => {
      const a = await resolveRequester(ctxOf(txA), { email });
      // B's find-or-create now waits on A's uncommitted identity (ON CONFLICT): start it, see it wait, commit A.
      const b = t.db.transaction((txB) => createTicket(ctxOf(txB), { subject: 'Race', body: 'b', requester: { email } })).then((o) => {
        ticket = o.ticket;
      });
      const waiting = () => count(`pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      for (let i = 0; i < 400 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await waiting()).toBe(1);
      return { id: a.customer.id, b };
    });
    await winner.b;
    expect(ticket?.requester_id).toBe(winner.id);
    expect(await count('customers') - before).toBe(1);
    expect(await count(`customer_identities WHERE value = $1`, [email])).toBe(1);
    expect(await count(`events WHERE name = 'customer.created' AND aggregate_id = $1`, [winner.id])).toBe(1);
  });
});

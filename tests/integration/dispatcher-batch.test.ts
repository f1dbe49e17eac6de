import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { Dispatcher, syncSubscriptions, type DeliveredEvent, type Subscriber } from '../../src/platform/events/index.js';
import { createLogger } from '../../src/platform/logger.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const create = (i: number) =>
  t.api('POST', '/api/v1/tickets', { subject: `batch ${i}`, body: 'b', requester: { email: `batch${i}@x.test` } });

describe('Dispatcher batches', () => {
  it('hands a whole claimed batch to handleBatch and marks all done in one go', async () => {
    const batches: number[] = [];
    const single: string[] = [];
    const sub: Subscriber = {
      name: 'batch-recorder',
      events: ['ticket.created'],
      async handle(e) {
        single.push(e.id);
      },
      async handleBatch(events) {
        batches.push(events.length);
      },
    };
    await syncSubscriptions(t.db, [sub]);
    for (let i = 0; i < 7; i++) expect((await create(i)).statusCode).toBe(201);
    const d = new Dispatcher(t.db, [sub], t.clock, createLogger('silent'));
    expect(await d.runOnce(50)).toBe(7);
    expect(batches).toEqual([7]);
    expect(single).toEqual([]);
    const left = await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM event_deliveries WHERE subscriber = 'batch-recorder' AND status <> 'done'`);
    expect(left.n).toBe(0);
    expect(await d.runOnce(50)).toBe(0);
  });

  it('falls back to one-by-one when the batch fails, so one poisoned event only delays itself', async () => {
    const handled: string[] = [];
    let poison = '';
    const sub: Subscriber = {
      name: 'batch-poison',
      events: ['ticket.created'],
      async handle(e: DeliveredEvent) {
        if (e.aggregate_id === poison) throw new Error('poisoned');
        handled.push(e.aggregate_id);
      },
      async handleBatch() {
        throw new Error('batch broke');
      },
    };
    await syncSubscriptions(t.db, [sub]);
    const ids: string[] = [];
    for (let i = 10; i < 13; i++) ids.push((await create(i)).json().id);
    poison = ids[1];
    const d = new Dispatcher(t.db, [sub], t.clock, createLogger('silent'));
    expect(await d.runOnce(50)).toBe(3);
    expect(handled.sort()).toEqual([ids[0], ids[2]].sort());
    const rows = await t.db.query<{ status: string; attempts: number; last_error: string | null }>(
      `SELECT d.status, d.attempts, d.last_error FROM event_deliveries d JOIN events e ON e.seq = d.event_seq
        WHERE d.subscriber = 'batch-poison' AND e.aggregate_id = $1`,
      [poison],
    );
    expect(rows).toEqual([{ status: 'pending', attempts: 1, last_error: expect.stringContaining('poisoned') }]);
  });
});

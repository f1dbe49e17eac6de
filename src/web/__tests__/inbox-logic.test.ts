import { describe, expect, it } from 'vitest';
import { isPermanentError } from '../features/inbox/saved-views.js';
import { hashTicketNumber, jumpTarget, ticketNumberOf } from '../features/inbox/ticket-number.js';
import { legacyStorageKey, migrateLegacyFilters, savedViewOf, toViewFilters, type LegacyFilter } from '../features/inbox/views.js';
import { ApiError } from '../api-client/client.js';
import { requesterLabel } from '../ui/format.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const mem = new Map(Object.entries(initial));
  return {
    mem,
    getItem: (k: string) => mem.get(k) ?? null,
    setItem: (k: string, v: string) => void mem.set(k, v),
    removeItem: (k: string) => void mem.delete(k),
  };
}
const legacy = (filters: LegacyFilter[]) => memoryStorage({ [legacyStorageKey('usr_1')]: JSON.stringify(filters) });
const problem = (status: number) => new ApiError({ status, code: `HTTP_${status}` });

describe('saved views', () => {
  it('sends only ticket-list keys with non-empty values', () => {
    expect(toViewFilters({ status: 'new,open', tag: ' vip ', cursor: 'abc', colour: 'red', priority: '', team_id: 7 })).toEqual({ status: 'new,open', tag: 'vip' });
  });

  it('turns a saved view into an inbox view', () => {
    expect(savedViewOf({ id: 'view_1', name: 'VIP', filters: { tag: 'vip' } })).toEqual({ id: 'saved-view_1', label: 'VIP', params: { tag: 'vip' } });
  });

  it('moves localStorage filters to the API once, then clears them', async () => {
    const storage = legacy([
      { id: 'a', name: 'VIP', params: { tag: 'vip', status: 'new,open' } },
      { id: 'b', name: ' Urgent ', params: { priority: 'urgent', cursor: 'x' } },
    ]);
    const calls: Array<[string, Record<string, string>, string]> = [];
    const r = await migrateLegacyFilters('usr_1', storage, async (name, filters, key) => {
      calls.push([name, filters, key]);
      return { id: `view_${calls.length}` };
    }, () => true);
    expect(calls).toEqual([
      ['VIP', { tag: 'vip', status: 'new,open' }, 'legacy-filter-usr_1-a'],
      ['Urgent', { priority: 'urgent' }, 'legacy-filter-usr_1-b'],
    ]);
    expect([...r.moved]).toEqual([['a', 'view_1'], ['b', 'view_2']]);
    expect(storage.mem.has(legacyStorageKey('usr_1'))).toBe(false);

    // a second load finds nothing to move
    let again = 0;
    await migrateLegacyFilters('usr_1', storage, async () => ({ id: `view_${++again}` }), () => true);
    expect(again).toBe(0);
  });

  it('drops filters the server refuses for good and keeps the others for the next load', async () => {
    const storage = legacy([
      { id: 'ok', name: 'Fine', params: { tag: 'a' } },
      { id: 'bad', name: 'Bad', params: { priority: 'asap' } },
      { id: 'later', name: 'Later', params: { tag: 'b' } },
    ]);
    const r = await migrateLegacyFilters('usr_1', storage, async (name) => {
      if (name === 'Bad') throw problem(400);
      if (name === 'Later') throw problem(503);
      return { id: 'view_ok' };
    }, isPermanentError);
    expect([...r.moved.keys()]).toEqual(['ok']);
    expect(r.dropped.map((f) => f.id)).toEqual(['bad']);
    expect(JSON.parse(storage.mem.get(legacyStorageKey('usr_1'))!)).toEqual([{ id: 'later', name: 'Later', params: { tag: 'b' } }]);
  });

  it('retries later only what a retry can fix', () => {
    expect(isPermanentError(problem(400))).toBe(true);
    expect(isPermanentError(problem(422))).toBe(true);
    expect(isPermanentError(problem(401))).toBe(false);
    expect(isPermanentError(problem(429))).toBe(false);
    expect(isPermanentError(problem(500))).toBe(false);
    expect(isPermanentError(problem(0))).toBe(false);
    expect(isPermanentError(new Error('boom'))).toBe(false);
  });
});

describe('ticket numbers', () => {
  it('recognises #1234 in the global search and 1234 or #1234 in the merge dialog', () => {
    expect(hashTicketNumber(' #1234 ')).toBe(1234);
    expect(hashTicketNumber('1234')).toBeNull();
    expect(hashTicketNumber('#12a')).toBeNull();
    expect(hashTicketNumber('#')).toBeNull();
    expect(ticketNumberOf('1234')).toBe(1234);
    expect(ticketNumberOf('#42')).toBe(42);
    expect(ticketNumberOf('order 42')).toBeNull();
  });

  it('jumps only to the hit with exactly that number', () => {
    const hits = [
      { ticket_id: 'tkt_a', number: 1234 },
      { ticket_id: 'tkt_b', number: 99 },
    ];
    expect(jumpTarget('#1234', hits)).toBe('tkt_a');
    expect(jumpTarget('#99', [...hits].reverse())).toBe('tkt_b');
    expect(jumpTarget('#123', hits)).toBeNull();
    expect(jumpTarget('1234', hits)).toBeNull();
    expect(jumpTarget('#1234', [])).toBeNull();
  });
});

describe('requester labels', () => {
  it('prefers the name, then the email, then a short id', () => {
    expect(requesterLabel({ id: 'cus_123456789', name: 'Erin', email: 'e@x.test' })).toBe('Erin');
    expect(requesterLabel({ id: 'cus_123456789', name: '  ', email: 'e@x.test' })).toBe('e@x.test');
    expect(requesterLabel({ id: 'cus_123456789', name: '', email: null })).toBe('Customer …456789');
  });
});

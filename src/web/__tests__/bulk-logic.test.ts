import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-client/client.js';
import { SelectAllBox } from '../features/inbox/bulk-bar.js';
import {
  BULK_STATUSES, EMPTY_DRAFT, NONE, bulkChangesOf, bulkFailuresOf, describeChanges, hasChanges, keyFor, parseTags, ticketsLabel,
} from '../features/inbox/bulk-changes.js';
import { ariaCheckedOf, headerState, selectionFor, toggleAllVisible, toggleId, visibleSelection } from '../features/inbox/bulk-selection.js';
import { assignableAgents } from '../ui/options.js';

const set = (...ids: string[]) => new Set(ids);

describe('bulk selection', () => {
  const page = ['t1', 't2', 't3'];

  it('toggles one ticket on and off', () => {
    expect([...toggleId(set('t1'), 't2')]).toEqual(['t1', 't2']);
    expect([...toggleId(set('t1', 't2'), 't1')]).toEqual(['t2']);
  });

  it('reports none, some or all of the page as checked (aria-checked false / mixed / true)', () => {
    expect(headerState(page, set())).toBe('none');
    expect(headerState(page, set('t2'))).toBe('some');
    expect(headerState(page, set('t1', 't2', 't3'))).toBe('all');
    expect(headerState(page, set('elsewhere'))).toBe('none');
    expect(['none', 'some', 'all'].map((s) => ariaCheckedOf(s as 'none'))).toEqual(['false', 'mixed', 'true']);
  });

  it('"select all on this page" checks the rest of the page, and unchecks the page when all were checked', () => {
    expect([...toggleAllVisible(page, set('t2'))].sort()).toEqual(['t1', 't2', 't3']);
    expect([...toggleAllVisible(page, set('t1', 't2', 't3', 'other'))]).toEqual(['other']);
  });

  it('acts only on checked tickets still in the list, in list order', () => {
    expect(visibleSelection(page, set('t3', 'gone', 't1'))).toEqual(['t1', 't3']);
  });

  it('starts empty under another view or other filters', () => {
    const state = { key: 'all_open?', ids: set('t1') };
    expect([...selectionFor(state, 'all_open?')]).toEqual(['t1']);
    expect([...selectionFor(state, 'all_open?priority=high')]).toEqual([]);
    expect([...selectionFor(state, 'new?')]).toEqual([]);
  });

  it('renders the header box as a tri-state checkbox with a label', () => {
    const html = (state: 'none' | 'some' | 'all') => renderToStaticMarkup(createElement(SelectAllBox, { state, onToggle: () => {} }));
    expect(html('some')).toContain('role="checkbox"');
    expect(html('some')).toContain('aria-checked="mixed"');
    expect(html('all')).toContain('aria-checked="true"');
    expect(html('none')).toContain('aria-checked="false"');
    expect(html('none')).toContain('aria-label="Select all tickets on this page"');
  });
});

describe('bulk changes', () => {
  it('sends nothing until something is chosen', () => {
    expect(bulkChangesOf(EMPTY_DRAFT)).toEqual({});
    expect(hasChanges(bulkChangesOf(EMPTY_DRAFT))).toBe(false);
    expect(hasChanges(bulkChangesOf({ ...EMPTY_DRAFT, addTags: ' , ' }))).toBe(false);
  });

  it('maps each control to the API field; "none" clears the assignee or team', () => {
    expect(bulkChangesOf({ status: 'pending', priority: 'high', assignee: 'usr_1', team: NONE, addTags: 'VIP, refund request', removeTags: 'spam' })).toEqual({
      status: 'pending', priority: 'high', assignee_id: 'usr_1', team_id: null, add_tags: ['vip', 'refund_request'], remove_tags: ['spam'],
    });
    expect(bulkChangesOf({ ...EMPTY_DRAFT, assignee: NONE, team: 'team_1' })).toEqual({ assignee_id: null, team_id: 'team_1' });
  });

  it('ignores values that are not a status or priority', () => {
    expect(bulkChangesOf({ ...EMPTY_DRAFT, status: 'bogus', priority: 'HIGH' })).toEqual({});
  });

  it('offers every status but "new"', () => {
    expect(BULK_STATUSES).not.toContain('new');
    expect(BULK_STATUSES).toContain('solved');
  });

  it('normalises and de-duplicates typed tags', () => {
    expect(parseTags('Billing,  billing ,Late Payout,,')).toEqual(['billing', 'late_payout']);
  });

  it('describes what was applied', () => {
    const names = { user: (id: string) => (id === 'usr_1' ? 'Sam' : '?'), team: (id: string) => (id === 'team_1' ? 'Payments' : '?') };
    expect(describeChanges({ priority: 'urgent', assignee_id: 'usr_1', team_id: 'team_1', add_tags: ['vip'] }, names)).toEqual([
      'priority → Urgent', 'assignee → Sam', 'team → Payments', 'tags added: vip',
    ]);
    expect(describeChanges({ status: 'on_hold', assignee_id: null, team_id: null, remove_tags: ['a', 'b'] }, names)).toEqual([
      'status → On hold', 'unassigned', 'team removed', 'tags removed: a, b',
    ]);
    expect([ticketsLabel(1), ticketsLabel(2)]).toEqual(['1 ticket', '2 tickets']);
  });
});

describe('bulk refusals', () => {
  const tickets = [
    { id: 'tkt_a', number: 101, subject: 'Payout missing' },
    { id: 'tkt_b', number: 102, subject: 'Refund' },
  ];
  const rejected = (failures: unknown) =>
    new ApiError({ status: 422, code: 'BULK_UPDATE_REJECTED', detail: '2 of 3 tickets refused the change; nothing was updated', failures });

  it('names each refused ticket by its number, with the reason', () => {
    const out = bulkFailuresOf(rejected([
      { id: 'tkt_b', code: 'TICKET_CLOSED', detail: 'Ticket #102 is closed and read-only' },
      { id: 'tkt_zzzzzzzzzz99', code: 'TICKET_NOT_FOUND', detail: 'Ticket not found' },
    ]), tickets);
    expect(out).toEqual([
      { id: 'tkt_b', label: '#102', subject: 'Refund', code: 'TICKET_CLOSED', detail: 'Ticket #102 is closed and read-only' },
      { id: 'tkt_zzzzzzzzzz99', label: '…zzzz99', subject: null, code: 'TICKET_NOT_FOUND', detail: 'Ticket not found' },
    ]);
  });

  it('skips malformed entries and fills in a missing reason', () => {
    expect(bulkFailuresOf(rejected([null, 'x', { code: 'NO_ID' }, { id: 'tkt_a' }]), tickets)).toEqual([
      { id: 'tkt_a', label: '#101', subject: 'Payout missing', code: 'REFUSED', detail: 'Refused the change' },
    ]);
    expect(bulkFailuresOf(rejected(undefined), tickets)).toEqual([]);
  });

  it('is null for any other error', () => {
    expect(bulkFailuresOf(new ApiError({ status: 403, code: 'FORBIDDEN' }), tickets)).toBeNull();
    expect(bulkFailuresOf(new Error('boom'), tickets)).toBeNull();
    expect(bulkFailuresOf(null, tickets)).toBeNull();
  });
});

describe('bulk idempotency key', () => {
  let n = 0;
  const make = () => `key-${++n}`;
  const body = { ids: ['t1', 't2'], changes: { priority: 'high' as const } };

  it('reuses the key when the same request is sent again, and takes a new one for any other', () => {
    const first = keyFor(null, body, make);
    expect(keyFor(first, { ids: ['t1', 't2'], changes: { priority: 'high' } }, make).key).toBe(first.key);
    expect(keyFor(first, { ...body, changes: { priority: 'low' } }, make).key).not.toBe(first.key);
    // the server fingerprints the exact body: other ids or another order are another request
    expect(keyFor(first, { ...body, ids: ['t2', 't1'] }, make).key).not.toBe(first.key);
    expect(keyFor(first, { ...body, ids: ['t1'] }, make).key).not.toBe(first.key);
  });
});

describe('assignable agents', () => {
  const users = [
    { id: 'u1', is_active: true, role: 'agent' },
    { id: 'u2', is_active: false, role: 'agent' },
    { id: 'u3', is_active: true, role: 'analyst' },
    { id: 'u4', is_active: true, role: 'admin' },
  ];
  it('lists active users who work tickets, plus the current assignee', () => {
    expect(assignableAgents(users).map((u) => u.id)).toEqual(['u1', 'u4']);
    expect(assignableAgents(users, 'u2').map((u) => u.id)).toEqual(['u1', 'u2', 'u4']);
    expect(assignableAgents(users, null).map((u) => u.id)).toEqual(['u1', 'u4']);
  });
});

import { describe, expect, it } from 'vitest';
import { describeEvent, eventLine } from '../features/tickets/event-text.js';
import { normaliseTag } from '../features/tickets/tags-editor.js';
import { backoffMs } from '../features/live/live-updates.js';
import { loadLegacyFilters, mergeParams } from '../features/inbox/views.js';
import { isSafeSnippet, shortTime } from '../ui/format.js';

const names = {
  user: (id: string | null | undefined) => (id === 'usr_1' ? 'Ana Agent' : id === 'usr_2' ? 'Bo Boss' : id ? 'Unknown agent' : ''),
  team: (id: string | null | undefined) => (id === 'team_1' ? 'Payments' : id ? 'Unknown team' : ''),
};
const ev = (name: string, payload: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  name, payload, actor_type: 'user', actor_name: 'Dana Admin', channel: 'web', occurred_at: '2026-03-01T10:32:00Z', ...over,
});

describe('history lines', () => {
  it('describes a status change with readable labels', () => {
    expect(describeEvent(ev('ticket.status_changed', { from: 'open', to: 'on_hold' }), names)).toBe('Dana Admin changed status Open → On hold');
  });
  it('names the assignee and the previous one', () => {
    expect(describeEvent(ev('ticket.assigned', { from: 'usr_2', to: 'usr_1' }), names)).toBe('Dana Admin assigned the ticket to Ana Agent (was Bo Boss)');
    expect(describeEvent(ev('ticket.assigned', { from: 'usr_1', to: null }), names)).toBe('Dana Admin unassigned Ana Agent');
  });
  it('tells public replies, customer messages and internal notes apart', () => {
    expect(describeEvent(ev('message.added', { is_public: true, author_type: 'user', attachments: 0 }), names)).toBe('Dana Admin added a public reply');
    expect(describeEvent(ev('message.added', { is_public: false, author_type: 'user', attachments: 2 }), names)).toBe('Dana Admin added an internal note with 2 attachments');
    expect(describeEvent(ev('message.added', { is_public: true, author_type: 'customer' }, { actor_type: 'customer', actor_name: null }), names)).toBe(
      'The customer added a customer message',
    );
  });
  it('lists tag and field changes', () => {
    expect(describeEvent(ev('ticket.tags_changed', { added: ['vip'], removed: ['spam'] }), names)).toBe('Dana Admin changed tags +vip −spam');
    expect(describeEvent(ev('ticket.fields_changed', { from: { plan: 'free', ok: true }, to: { plan: 'pro', ok: true } }), names)).toBe('Dana Admin changed fields plan: free → pro');
  });
  it('describes both sides of a merge and unknown events', () => {
    expect(describeEvent(ev('ticket.merged', { role: 'source', target_number: 1042 }), names)).toBe('Dana Admin merged this ticket into #1042');
    expect(describeEvent(ev('ticket.merged', { role: 'target', source_numbers: [7, 8], reason: 'dup' }), names)).toBe('Dana Admin merged #7, #8 into this ticket — “dup”');
    expect(describeEvent(ev('sla.breached', {}, { actor_type: 'system', actor_name: null }), names)).toBe('Switchboard: sla.breached');
  });
  it('joins what, channel and time', () => {
    expect(eventLine(ev('ticket.priority_changed', { from: 'normal', to: 'urgent' }), names, () => '10:32')).toBe('Dana Admin changed priority Normal → Urgent · web · 10:32');
    expect(eventLine(ev('ticket.team_changed', { from: null, to: 'team_1' }, { channel: null }), names, () => '10:32')).toBe('Dana Admin moved the ticket to team Payments · 10:32');
  });
});

describe('search snippets', () => {
  it('accepts escaped text with <mark> only', () => {
    expect(isSafeSnippet('my <mark>payout</mark> &lt;b&gt; is late')).toBe(true);
  });
  it('rejects any other tag or stray bracket', () => {
    expect(isSafeSnippet('<img src=x onerror=alert(1)>')).toBe(false);
    expect(isSafeSnippet('<mark onclick="x">a</mark>')).toBe(false);
    expect(isSafeSnippet('<mark>a</mark><script>x</script>')).toBe(false);
    expect(isSafeSnippet('a < b')).toBe(false);
  });
});

describe('inbox filters', () => {
  it('lets the filter bar override and remove view params', () => {
    expect(mergeParams({ status: 'new,open', assignee_id: 'me' }, { status: 'pending', tag: 'vip' })).toEqual({ status: 'pending', assignee_id: 'me', tag: 'vip' });
    expect(mergeParams({ status: 'new,open' }, { status: '' })).toEqual({});
  });
  it('reads the filters an older version saved in this browser, per user, ignoring garbage', () => {
    const mem = new Map<string, string>();
    const storage = { getItem: (k: string) => mem.get(k) ?? null };
    mem.set('switchboard.saved_filters.v1.usr_1', JSON.stringify([{ id: 'a', name: 'VIP', params: { tag: 'vip' } }]));
    expect(loadLegacyFilters('usr_1', storage)).toEqual([{ id: 'a', name: 'VIP', params: { tag: 'vip' } }]);
    expect(loadLegacyFilters('usr_2', storage)).toEqual([]);
    mem.set('switchboard.saved_filters.v1.usr_3', '{not json');
    expect(loadLegacyFilters('usr_3', storage)).toEqual([]);
    mem.set('switchboard.saved_filters.v1.usr_4', JSON.stringify([{ id: 1 }, { id: 'b', name: 'ok', params: {} }]));
    expect(loadLegacyFilters('usr_4', storage)).toEqual([{ id: 'b', name: 'ok', params: {} }]);
  });
});

describe('small helpers', () => {
  it('normalises tags', () => {
    expect(normaliseTag('  Refund Request ')).toBe('refund_request');
  });
  it('backs off exponentially with a cap', () => {
    expect(backoffMs(0, 0.5)).toBe(1000);
    expect(backoffMs(3, 0.5)).toBe(8000);
    expect(backoffMs(20, 0.5)).toBe(30_000);
    expect(backoffMs(20, 1)).toBe(36_000);
  });
  it('shows the time only for today', () => {
    const now = new Date('2026-03-10T15:00:00');
    expect(shortTime('2026-03-10T10:32:00', now)).toMatch(/10.32/);
    expect(shortTime('2025-01-02T10:32:00', now)).toMatch(/2025/);
    expect(shortTime('not a date', now)).toBe('');
  });
});

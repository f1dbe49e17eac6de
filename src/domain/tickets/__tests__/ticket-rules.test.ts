import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import { TICKET_STATUSES, type TicketStatus } from '../../../shared/enums.js';
import { assertTransition, assertWritable, normaliseTags, statusTimestamps } from '../ticket.js';

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

describe('assertTransition (the status machine)', () => {
  const live: TicketStatus[] = ['open', 'pending', 'on_hold', 'solved'];

  it('allows staying in the same status', () => {
    for (const s of TICKET_STATUSES) expect(codeOf(() => assertTransition(s, s))).toBeNull();
  });

  it('allows moving freely between new/open/pending/on_hold/solved (except back to new)', () => {
    for (const from of ['new', ...live] as TicketStatus[]) {
      for (const to of live) expect(codeOf(() => assertTransition(from, to)), `${from}→${to}`).toBeNull();
    }
  });

  it('treats new as an initial state only', () => {
    for (const from of live) {
      expect(codeOf(() => assertTransition(from, 'new')), `${from}→new`).toBe('INVALID_STATUS_TRANSITION');
    }
  });

  it('closes only solved tickets', () => {
    expect(codeOf(() => assertTransition('solved', 'closed'))).toBeNull();
    for (const from of ['new', 'open', 'pending', 'on_hold'] as TicketStatus[]) {
      expect(codeOf(() => assertTransition(from, 'closed')), `${from}→closed`).toBe('INVALID_STATUS_TRANSITION');
    }
  });

  it('keeps closed final', () => {
    for (const to of TICKET_STATUSES.filter((s) => s !== 'closed')) {
      expect(codeOf(() => assertTransition('closed', to)), `closed→${to}`).toBe('TICKET_CLOSED');
    }
  });

  it('reports refusals as conflicts (HTTP 409)', () => {
    try {
      assertTransition('open', 'closed');
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).kind).toBe('conflict');
    }
  });
});

describe('assertWritable', () => {
  it('refuses closed tickets only', () => {
    expect(codeOf(() => assertWritable({ status: 'closed', number: 7 }))).toBe('TICKET_CLOSED');
    for (const s of TICKET_STATUSES.filter((x) => x !== 'closed')) expect(codeOf(() => assertWritable({ status: s, number: 7 }))).toBeNull();
  });
});

describe('normaliseTags', () => {
  it('lower-cases, trims, joins inner whitespace, de-duplicates and keeps the first-seen order', () => {
    expect(normaliseTags(['  Payout ', 'payout', 'VIP', 'two  words', 'vip'])).toEqual(['payout', 'vip', 'two_words']);
  });

  it('drops empty tags', () => {
    expect(normaliseTags(['', '   ', 'a'])).toEqual(['a']);
  });

  it('accepts letters in any script, digits and _-:./', () => {
    expect(normaliseTags(['Überweisung', 'lvl:2', 'a.b/c-d_e', '返金'])).toEqual(['überweisung', 'lvl:2', 'a.b/c-d_e', '返金']);
  });

  it('refuses punctuation and over-long tags', () => {
    expect(codeOf(() => normaliseTags(['no,commas']))).toBe('INVALID_TAG');
    expect(codeOf(() => normaliseTags(['<b>']))).toBe('INVALID_TAG');
    expect(codeOf(() => normaliseTags(['x'.repeat(65)]))).toBe('INVALID_TAG');
    expect(normaliseTags(['x'.repeat(64)])).toHaveLength(1);
  });

  it('limits the number of distinct tags', () => {
    const many = Array.from({ length: 51 }, (_, i) => `t${i}`);
    expect(codeOf(() => normaliseTags(many))).toBe('TOO_MANY_TAGS');
    expect(normaliseTags([...many.slice(0, 50), 'T0'])).toHaveLength(50);
  });
});

describe('statusTimestamps', () => {
  const at = new Date('2026-03-02T10:00:00Z');
  const earlier = new Date('2026-03-01T08:00:00Z');

  it('stamps solved_at when solving and clears closed_at', () => {
    expect(statusTimestamps('solved', at, { solved_at: null, closed_at: null })).toEqual({ solved_at: at, closed_at: null });
  });

  it('keeps the original solved_at when closing a solved ticket', () => {
    expect(statusTimestamps('closed', at, { solved_at: earlier, closed_at: null })).toEqual({ solved_at: earlier, closed_at: at });
  });

  it('uses now as solved_at when closing something never solved (e.g. a merge)', () => {
    expect(statusTimestamps('closed', at, { solved_at: null, closed_at: null })).toEqual({ solved_at: at, closed_at: at });
  });

  it('clears both when a ticket is reopened', () => {
    for (const to of ['open', 'pending', 'on_hold'] as TicketStatus[]) {
      expect(statusTimestamps(to, at, { solved_at: earlier, closed_at: null })).toEqual({ solved_at: null, closed_at: null });
    }
  });
});

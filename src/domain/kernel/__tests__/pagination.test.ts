import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../pagination.js';

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'NOT_APP_ERROR';
  }
}

describe('cursor encode/decode', () => {
  it('round-trips string and number sort values', () => {
    expect(decodeCursor(encodeCursor('2026-03-02T09:00:00.000Z', 'tkt_01abc'))).toEqual(['2026-03-02T09:00:00.000Z', 'tkt_01abc']);
    expect(decodeCursor(encodeCursor(1234, 'tkt_01abc'))).toEqual([1234, 'tkt_01abc']);
  });

  it('is URL-safe and opaque', () => {
    const c = encodeCursor('2026-03-02T09:00:00.000Z', 'tkt_01abc');
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(c).not.toContain('tkt_');
  });

  it('rejects malformed cursors with INVALID_CURSOR', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const bad = ['', '!!!', 'not-a-cursor', b64('{"a":1}'), b64('[1]'), b64('[1,2]'), b64('["x","y","z"]'), b64('[null,"id"]'), b64('[{},"id"]'), b64('"str"'), b64('["2026-01-01","a\\u0000b"]'), b64('["","id"]'), b64('["x",""]'), b64(`["x","${'a'.repeat(201)}"]`), b64('[1e999,"id"]')];
    for (const c of bad) expect(codeOf(() => decodeCursor(c)), c).toBe('INVALID_CURSOR');
  });

  it('reports INVALID_CURSOR as a validation problem (HTTP 422)', () => {
    try {
      decodeCursor('%%%');
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).kind).toBe('validation');
    }
  });
});

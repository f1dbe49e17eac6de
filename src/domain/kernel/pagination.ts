import { invalid } from '../../platform/errors.js';

/** Opaque keyset cursor: base64url of [sortValue, id]. */
export function encodeCursor(sortValue: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string | number, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const clean = (x: unknown) => typeof x === 'string' && x.length > 0 && x.length <= 200 && !/[\u0000-\u001f]/.test(x);
    if (Array.isArray(v) && v.length === 2 && clean(v[1]) && (clean(v[0]) || (typeof v[0] === 'number' && Number.isFinite(v[0])))) {
      return v as [string | number, string];
    }
  } catch {
    /* fall through */
  }
  throw invalid('INVALID_CURSOR', 'The cursor is malformed or from another listing');
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

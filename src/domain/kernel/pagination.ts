import { invalid } from '../../platform/errors.js';

/** Opaque keyset cursor: base64url of [sortValue, id]. */
export function encodeCursor(sortValue: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string | number, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'string' && (typeof v[0] === 'string' || typeof v[0] === 'number')) {
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

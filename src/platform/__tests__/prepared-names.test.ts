import { describe, expect, it } from 'vitest';
import { PreparedNames } from '../db/postgres.js';

describe('PreparedNames (which PostgreSQL statements are prepared)', () => {
  it('names a text from its third run on, always with the same name; other texts get other names', () => {
    const n = new PreparedNames();
    expect(n.nameOf('SELECT $1')).toBeUndefined();
    expect(n.nameOf('SELECT $1')).toBeUndefined();
    const name = n.nameOf('SELECT $1');
    expect(name).toMatch(/^sb_\d+$/);
    expect(n.nameOf('SELECT $1')).toBe(name);
    for (let i = 0; i < 3; i++) n.nameOf('SELECT $2');
    expect(n.nameOf('SELECT $2')).not.toBe(name);
  });

  it('gives a forgotten (stale) text a fresh name, and stops naming new texts at the cap', () => {
    const n = new PreparedNames();
    const first = [1, 2, 3].map(() => n.nameOf('q')).at(-1);
    n.forget('q');
    const again = [1, 2, 3].map(() => n.nameOf('q')).at(-1);
    expect(again).toBeDefined();
    expect(again).not.toBe(first);
    for (let i = 0; i < 600; i++) for (let k = 0; k < 3; k++) n.nameOf(`t${i}`);
    expect(n.nameOf('t0')).toBeDefined(); // named before the cap: still named
    expect(n.nameOf('t599')).toBeUndefined(); // beyond the cap: unnamed
  });
});

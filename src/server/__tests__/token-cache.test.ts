import { describe, expect, it } from 'vitest';
import type { User } from '../../domain/users/index.js';
import { TOKEN_CACHE_MS, TokenCache } from '../auth.js';

const user = { id: 'usr_1', name: 'Ada' } as User;

describe('TokenCache', () => {
  it('answers from memory until the TTL has passed, then forgets', () => {
    const c = new TokenCache();
    expect(c.get('k', 0)).toBeUndefined();
    c.set('k', user, 1_000, c.generation);
    expect(c.get('k', 1_000 + TOKEN_CACHE_MS - 1)).toBe(user);
    expect(c.get('k', 1_000 + TOKEN_CACHE_MS)).toBeUndefined();
    expect(c.get('k', 1_000)).toBeUndefined(); // the expired entry was dropped
  });

  it('clear() forgets everything and refuses results of lookups that started before it', () => {
    const c = new TokenCache();
    c.set('a', user, 0, c.generation);
    const started = c.generation; // a lookup reads the database…
    c.clear(); // …while a revocation commits and clears the cache
    expect(c.get('a', 1)).toBeUndefined();
    c.set('b', user, 1, started);
    expect(c.get('b', 2)).toBeUndefined();
    c.set('b', user, 1, c.generation);
    expect(c.get('b', 2)).toBe(user);
  });
});

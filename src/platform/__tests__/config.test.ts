import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.DATA_DIR.endsWith('/data')).toBe(true);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SEED_DEMO).toBe(true);
  });

  it('lists every bad variable at once', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SEED_DEMO: 'maybe' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const v of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'SEED_DEMO']) expect(problems).toContain(v);
    expect((err as ConfigError).problems).toHaveLength(4);
  });

  it('parses booleans and numbers', () => {
    const c = loadConfig({ PORT: '8080', SEED_DEMO: 'false', RUN_WORKER: '0', DATABASE_URL: 'postgres://u@h/db' });
    expect(c).toMatchObject({ PORT: 8080, SEED_DEMO: false, RUN_WORKER: false, DATABASE_URL: 'postgres://u@h/db' });
  });
});

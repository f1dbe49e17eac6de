import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

describe('boot', () => {
  it('refuses to start with bad configuration, listing every problem, exit code non-zero', () => {
    const r = spawnSync(process.execPath, ['bin/switchboard.js', 'serve'], {
      env: { ...process.env, PORT: 'seventy', DATABASE_URL: 'mysql://nope', LOG_LEVEL: 'chatty' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Invalid configuration');
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('DATABASE_URL');
    expect(r.stderr).toContain('LOG_LEVEL');
  });
});

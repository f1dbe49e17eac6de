import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

/** Build the web UI when dist/web is missing or older than src/web (same rule as `npm start`). */
export function ensureWebBuild(): void {
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build
  execSync('node scripts/ensure-web-build.mjs', { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

export interface ServerProcess {
  base: string;
  log: string[];
  stop(): Promise<void>;
}

/** Start `switchboard serve` on a fresh PGlite data dir with the demo workspace and wait for /readyz. */
export async function startServer(port: number, timeoutMs = 150_000): Promise<ServerProcess> {
  const base = `http://127.0.0.1:${port}`;
  const busy = await fetch(`${base}/healthz`).then(() => true, () => false);
  if (busy) throw new Error(`port ${port} is already in use — stop whatever runs there first`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'true', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL; // always the embedded database: the test owns its data
  const child: ChildProcess = spawn(process.execPath, ['bin/switchboard.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  child.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const done = new Promise<void>((r) => child.once('exit', () => r()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`server exited during start:\n${log.join('')}`);
    }
    const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ok) return { base, log, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server not ready after ${timeoutMs} ms:\n${log.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

/** A tiny API client for test setup: session login (cookie + CSRF), then JSON calls. */
export async function apiSession(base: string, email: string, password: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string }; csrf_token: string };
  const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie') ?? '']).map((c) => c.split(';')[0]).join('; ');
  const call = async <T>(method: string, url: string, data?: unknown, headers: Record<string, string> = {}): Promise<T> => {
    const r = await fetch(`${base}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': body.csrf_token, ...(data === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: data === undefined ? undefined : JSON.stringify(data),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${url} → ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { userId: body.user.id, call };
}

export async function bearerCall<T>(base: string, token: string, method: string, url: string, data?: unknown): Promise<T> {
  const r = await fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(data === undefined ? {} : { 'content-type': 'application/json' }) },
    body: data === undefined ? undefined : JSON.stringify(data),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${url} → ${r.status} ${text}`);
  return JSON.parse(text) as T;
}

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../src/platform/db/index.js';
import { openPglite } from '../../src/platform/db/pglite.js';
import { createUser } from '../../src/domain/users/index.js';
import { buildWorld } from '../factories/index.js';
import { DB_KIND, createTestDb } from '../helpers/test-db.js';

/**
 * The real CLI as a child process (`node bin/switchboard.js …`) against a temp DATA_DIR (PGlite) or a
 * scratch PostgreSQL database. Every PGlite start costs seconds, so the steps share two databases:
 * A (most steps) and B (the target of the export round-trip).
 */
const PORT = DB_KIND === 'postgres' ? 3321 : 3320;

interface Env {
  dataDir: string;
  dbUrl?: string;
  db?: Db;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function childEnv(e: Env, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { SWITCHBOARD_URL: _u, SWITCHBOARD_TOKEN: _t, DATABASE_URL: _d, ...base } = process.env;
  return { ...base, DATA_DIR: e.dataDir, LOG_LEVEL: 'warn', SEED_DEMO: 'false', ...(e.dbUrl ? { DATABASE_URL: e.dbUrl } : {}), ...extra };
}

function cli(e: Env, args: string[], extra: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['bin/switchboard.js', ...args], { env: childEnv(e, extra) });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A migrated database with a workspace (brands clipster + creator-market, team Payments, admin@test.test). */
async function prepare(root: string, name: string, agents: string[] = []): Promise<Env> {
  const dataDir = path.join(root, name);
  await mkdir(path.join(dataDir, 'pgdata'), { recursive: true });
  const db = DB_KIND === 'postgres'
    ? ((await createTestDb()) as Db & { url: string })
    : await openPglite(path.join(dataDir, 'pgdata'), { loadDataDir: new Blob([await readFile(inject('templateTar'))]) });
  const w = await buildWorld(db);
  for (const email of agents) await w.as(w.actorOf(w.admin), (ctx) => createUser(ctx, { email, name: email, role: 'agent' }));
  if (DB_KIND === 'postgres') return { dataDir, dbUrl: (db as Db & { url: string }).url, db };
  await db.close();
  return { dataDir };
}

const summary = (r: Run) => {
  const m = /([\d,]+) imported, ([\d,]+) skipped \(already there\), ([\d,]+) rejected/.exec(r.stdout);
  if (!m) throw new Error(`no import summary (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  const n = (s: string) => Number(s.replace(/,/g, ''));
  return { imported: n(m[1]!), skipped: n(m[2]!), rejected: n(m[3]!) };
};

const jsonl = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
const readJsonl = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe(`CLI (${DB_KIND})`, () => {
  let root: string;
  let A: Env;
  let B: Env;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'sb-cli-'));
    A = await prepare(root, 'a');
    B = await prepare(root, 'b', ['nia@example.test']); // the round-trip target knows the same agent
  }, 180_000);

  afterAll(async () => {
    await A?.db?.close();
    await B?.db?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('--help exits 0 everywhere; an unknown flag is a usage error (exit 2)', async () => {
    const help = await cli(A, ['tickets', 'import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('switchboard tickets import FILE');
    expect(help.stdout).toContain('external_id');
    const bad = await cli(A, ['token', 'create', '--email', 'a@b.test', '--colour', 'red']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--colour'");
    expect(bad.stderr).toContain('switchboard token create --help');
  }, 60_000);

  it('user create + token create; the token and the generated password work on a started server; the lock is explained', async () => {
    const made = await cli(A, ['user', 'create', '--email', 'Nia@Example.test', '--name', 'Nia Agent', '--role', 'agent', '--team', 'payments']);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/Created agent Nia Agent <nia@example\.test> \(usr_[0-9a-z]+\)/);
    const password = /Password \(shown only once[^:]*\): (\S+)/.exec(made.stdout)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(20);

    const dup = await cli(A, ['user', 'create', '--email', 'nia@example.test', '--name', 'Again', '--role', 'agent']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('EMAIL_TAKEN');
    const role = await cli(A, ['user', 'create', '--email', 'x@example.test', '--name', 'X', '--role', 'wizard']);
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('INVALID_ROLE');

    const tok = await cli(A, ['token', 'create', '--email', 'admin@test.test', '--name', 'cli test']);
    expect(tok.code).toBe(0);
    const token = tok.stdout.trim();
    expect(token).toMatch(/^sb_\S+$/);

    const server = spawn(process.execPath, ['bin/switchboard.js', 'serve'], { env: childEnv(A, { PORT: String(PORT), HOST: '127.0.0.1', RUN_WORKER: 'false' }) });
    try {
      await waitForServer(server);
      const base = `http://127.0.0.1:${PORT}`;
      const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(JSON.stringify(await me.json())).toContain('admin@test.test');
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'nia@example.test', password }),
      });
      expect(login.status).toBe(200);

      if (DB_KIND === 'pglite') {
        // The server holds the embedded database: the CLI must not open it, and must say what to do.
        const locked = await cli(A, ['user', 'create', '--email', 'z@example.test', '--name', 'Z', '--role', 'agent']);
        expect(locked.code).toBe(1);
        expect(locked.stderr).toContain(`A Switchboard server (pid ${server.pid}) is using DATA_DIR ${A.dataDir}`);
        expect(locked.stderr).toContain(`--url ${base} --token <admin API token>`);
      } else {
        // PostgreSQL: no lock, the CLI runs next to the server.
        const beside = await cli(A, ['user', 'create', '--email', 'z@example.test', '--name', 'Z', '--role', 'agent', '--password', 'a long password']);
        expect(beside.code).toBe(0);
      }

      // Through the server's API: --token (the URL comes from the lock file on PGlite, from SWITCHBOARD_URL here).
      const file = path.join(root, 'via-http.jsonl');
      await writeFile(file, jsonl([
        { external_id: 'H-1', subject: 'Via HTTP one', body: 'hello', requester_email: 'h1@example.test', status: 'closed', assignee: 'nia@example.test' },
        { external_id: 'H-2', subject: 'Via HTTP two', body: 'hello', requester_email: 'not an email' },
      ]));
      const remote = { SWITCHBOARD_TOKEN: token, ...(DB_KIND === 'postgres' ? { SWITCHBOARD_URL: base } : {}) };
      const imp = await cli(A, ['tickets', 'import', file], remote);
      expect(summary(imp)).toEqual({ imported: 1, skipped: 0, rejected: 1 });
      expect(imp.code).toBe(1);
      const exp = await cli(A, ['tickets', 'export', '--status', 'closed'], remote);
      expect(exp.code).toBe(0);
      const rows = exp.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(rows.map((r) => [r.external_id, r.status, r.assignee, r.requester_email])).toEqual([['H-1', 'closed', 'nia@example.test', 'h1@example.test']]);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  }, 240_000);

  it('imports JSON Lines with good, bad and malformed rows; a rerun skips everything', async () => {
    const file = path.join(root, 'legacy.jsonl');
    await writeFile(file, jsonl([
      { external_id: 'L-1', subject: 'Refund please', body: 'Charged twice', requester_email: 'ann@example.test', requester_name: 'Ann', priority: 'high', status: 'pending', tags: ['billing', 'refund'], brand: 'clipster', team: 'Payments', created_at: '2024-05-06T07:08:09Z' },
      { external_id: 'L-2', subject: 'Bad email', body: 'x', requester_email: 'nope' },
      '{"external_id": "L-3", "subject": broken json',
      { external_id: 'L-4', subject: 'Unknown brand', body: 'x', requester_email: 'c@example.test', brand: 'no-such-brand' },
      '',
      { subject: 'No external id', body: 'x', requester_email: 'd@example.test' },
      { external_id: 'L-5', subject: 'Closed with agent', body: 'Thanks!', requester_email: 'bob@example.test', status: 'closed', assignee: 'nia@example.test', brand: 'creator-market', created_at: '2024-07-01T00:00:00Z' },
      { external_id: 'L-6', subject: 'Bad status', body: 'x', requester_email: 'e@example.test', status: 'exploded' },
      { external_id: 'L-1', subject: 'Same external id again', body: 'x', requester_email: 'ann@example.test' },
    ]));
    const first = await cli(A, ['tickets', 'import', file]);
    expect(summary(first)).toEqual({ imported: 2, skipped: 1, rejected: 5 });
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(`→ ${file}.rejected.jsonl`);
    const rejected = await readJsonl(`${file}.rejected.jsonl`);
    expect(rejected.map((r) => [r.line, r.code])).toEqual([
      [2, 'INVALID_EMAIL'], [3, 'INVALID_JSON'], [4, 'BRAND_NOT_FOUND'], [6, 'INVALID_ROW'], [8, 'INVALID_ROW'],
    ]);
    expect(rejected[3].reason).toContain('external_id');
    expect(rejected[4].reason).toContain('status');
    expect(existsSync(`${file}.progress`)).toBe(false); // reached the end: nothing to resume

    const again = await cli(A, ['tickets', 'import', file]);
    expect(summary(again)).toEqual({ imported: 0, skipped: 3, rejected: 5 });

    // The imported tickets keep their status, assignee and historical creation time.
    const out = path.join(root, 'a-export.jsonl');
    const exp = await cli(A, ['tickets', 'export', '--out', out]);
    expect(exp.code).toBe(0);
    const byExt = new Map((await readJsonl(out)).map((r) => [r.external_id, r]));
    expect(byExt.get('L-1')).toMatchObject({ status: 'pending', priority: 'high', tags: ['billing', 'refund'], brand: 'clipster', team: 'Payments', created_at: '2024-05-06T07:08:09.000Z', requester_name: 'Ann' });
    expect(byExt.get('L-1').messages[0]).toMatchObject({ body: 'Charged twice', author_email: 'ann@example.test', created_at: '2024-05-06T07:08:09.000Z' });
    expect(byExt.get('L-5')).toMatchObject({ status: 'closed', assignee: 'nia@example.test', brand: 'creator-market', created_at: '2024-07-01T00:00:00.000Z' });
  }, 120_000);

  it('imports CSV (multi-line cells, tags in one cell, bad rows) and resumes after a checkpoint', async () => {
    const file = path.join(root, 'legacy.csv');
    await writeFile(file, [
      'external_id,subject,body,requester_email,status,tags,custom_fields,created_at',
      'C-0,Before the checkpoint,x,early@example.test,open,,,',
      'C-1,"Quoted, with comma","Line one',
      'line two",zed@example.test,solved,"vip, csv export",,2024-12-24T08:00:00Z',
      'C-2,Too few cells,x',
      'C-3,Bad custom fields,x,q@example.test,open,,{not json,',
      'C-4,Fine,x,q@example.test,on_hold,a b,,',
      '',
    ].join('\n'));
    // As if an earlier run was interrupted after line 2.
    await writeFile(`${file}.progress`, JSON.stringify({ line: 2, file, updated_at: new Date().toISOString() }));
    const r = await cli(A, ['tickets', 'import', file]);
    expect(r.stderr).toContain('Resuming after line 2');
    expect(summary(r)).toEqual({ imported: 2, skipped: 0, rejected: 2 });
    const rejected = await readJsonl(`${file}.rejected.jsonl`);
    expect(rejected.map((x) => [x.line, x.code])).toEqual([[5, 'CSV_COLUMN_COUNT'], [6, 'INVALID_ROW']]);
    expect(existsSync(`${file}.progress`)).toBe(false);

    const csv = await cli(A, ['tickets', 'export', '--format', 'csv', '--status', 'solved,on_hold']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toMatch(/^external_id,subject,body,/);
    expect(csv.stdout).toContain('C-1,"Quoted, with comma","Line one\nline two",,zed@example.test');
    expect(csv.stdout).toContain(',vip csv export,');
    expect(csv.stdout).toContain('C-4,Fine');
    expect(csv.stdout).not.toContain('C-0');
  }, 120_000);

  it('export → import into a fresh database gives the same tickets', async () => {
    const out = path.join(root, 'round-trip.jsonl');
    expect((await cli(A, ['tickets', 'export', '--out', out])).code).toBe(0);
    const exported = await readJsonl(out);
    expect(exported.length).toBeGreaterThanOrEqual(5);
    const imp = await cli(B, ['tickets', 'import', out]);
    expect(summary(imp)).toEqual({ imported: exported.length, skipped: 0, rejected: 0 });
    const back = path.join(root, 'round-trip-b.jsonl');
    expect((await cli(B, ['tickets', 'export', '--out', back])).code).toBe(0);
    const pick = (rows: Array<Record<string, unknown>>) =>
      rows.map((r) => [r.subject, r.status, r.created_at, r.requester_email, r.brand]).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(pick(await readJsonl(back))).toEqual(pick(exported));
  }, 180_000);
});

async function waitForServer(p: ChildProcess): Promise<void> {
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Switchboard is running at')) resolve();
    };
    p.stdout?.on('data', onData);
    p.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    p.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

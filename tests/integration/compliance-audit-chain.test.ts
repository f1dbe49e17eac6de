import { afterAll, describe, expect, it } from 'vitest';
import { sealAuditChain, verifyAuditChain } from '../../src/domain/compliance/index.js';
import type { Db, Tx } from '../../src/platform/db/index.js';
import { appendEvent } from '../../src/platform/events/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { ManualClock } from '../../src/platform/clock.js';
import { COMPLIANCE_JOBS } from '../../src/worker/jobs/compliance.js';
import { DB_KIND, createTestDb } from '../helpers/test-db.js';

/** The audit hash chain sealed asynchronously (ADR 0004): unsealed inserts, the sealer, the guard, tamper detection. */
const open: Db[] = [];
afterAll(async () => {
  for (const db of open) await db.close();
});

async function fresh(): Promise<Db> {
  const db = await createTestDb();
  open.push(db);
  return db;
}

let n = 0;
async function audit(tx: Tx, changes: Record<string, unknown> = {}): Promise<string> {
  const id = `tkt_chain${++n}`;
  await appendEvent(tx, { name: 'ticket.created', workspaceId: null, aggregateType: 'ticket', aggregateId: id, actorType: 'system', actorId: null, payload: {}, occurredAt: new Date('2026-03-02T09:00:00Z') },
    { action: 'ticket.created', entityType: 'ticket', entityId: id, changes: { n, ...changes } });
  return id;
}

async function writeRows(db: Db, count: number): Promise<void> {
  await db.transaction(async (tx) => {
    for (let i = 0; i < count; i++) await audit(tx);
  });
}

interface ChainRow { seq: string; xid: string; chain_pos: string | null; prev_hash: string | null; hash: string | null; content_hash: string | null }
const rowsOf = (db: Db) => db.query<ChainRow>('SELECT seq, xid::text AS xid, chain_pos, prev_hash, hash, content_hash FROM audit_log ORDER BY seq');
const head = (db: Db) => db.one<{ pos: string; hash: string }>('SELECT pos, hash FROM audit_chain_head WHERE id = 1');

/** A database whose chain holds `count` sealed rows written by the test (plus whatever the template holds). */
async function sealedDb(count = 6): Promise<Db> {
  const db = await fresh();
  await writeRows(db, count);
  await sealAuditChain(db);
  return db;
}

describe('audit entries are written unsealed and sealed later', () => {
  it('links committed rows in (xid, seq) order onto the head, once; verify reports sealed and unsealed counts', async () => {
    const db = await fresh();
    await sealAuditChain(db);
    const before = await head(db);
    await writeRows(db, 3);
    await writeRows(db, 2);
    const fresh5 = (await rowsOf(db)).slice(-5);
    expect(fresh5.every((r) => r.chain_pos === null && r.hash === null && r.prev_hash === null)).toBe(true);
    expect(fresh5.every((r) => /^[0-9a-f]{64}$/.test(r.content_hash ?? '') && Number(r.xid) > 0)).toBe(true);
    expect(new Set(fresh5.map((r) => r.xid)).size).toBe(2);
    expect(await head(db)).toEqual(before);

    const unsealedView = await verifyAuditChain(db, { seal: false });
    expect(unsealedView).toMatchObject({ ok: true, unsealed: 5 });

    expect(await sealAuditChain(db)).toBe(5);
    expect(await sealAuditChain(db)).toBe(0);
    const sealed = (await rowsOf(db)).slice(-5);
    const byChain = [...sealed].sort((a, b) => Number(a.chain_pos) - Number(b.chain_pos));
    const byXid = [...sealed].sort((a, b) => (BigInt(a.xid) === BigInt(b.xid) ? Number(a.seq) - Number(b.seq) : BigInt(a.xid) < BigInt(b.xid) ? -1 : 1));
    expect(byChain.map((r) => r.seq)).toEqual(byXid.map((r) => r.seq));
    expect(byChain.map((r) => Number(r.chain_pos))).toEqual([1, 2, 3, 4, 5].map((i) => Number(before.pos) + i));
    expect(byChain[0].prev_hash).toBe(before.hash);
    for (let i = 1; i < 5; i++) expect(byChain[i].prev_hash).toBe(byChain[i - 1].hash);
    expect(await head(db)).toEqual({ pos: byChain[4].chain_pos, hash: byChain[4].hash });

    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ ok: true, unsealed: 0, first_break: null });
    expect(report.entries).toBe(Number(byChain[4].chain_pos) - (report.anchored_at ?? 1) + 1);
  });

  it('verify inside a transaction seals the committed rows and the caller’s own rows with it', async () => {
    const db = await fresh();
    await writeRows(db, 2);
    const r = await db.transaction(async (tx) => {
      await audit(tx);
      return verifyAuditChain(tx);
    });
    expect(r).toMatchObject({ ok: true, unsealed: 0 });
    expect((await db.one<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE chain_pos IS NULL')).n).toBe(0);
  });

  it.skipIf(DB_KIND !== 'postgres')('an open writer blocks neither other writers nor the sealer; its rows are sealed after it commits', async () => {
    const db = await fresh();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const inside = new Promise<void>((r) => (started = r));
    const slow = db.transaction(async (tx) => {
      const id = await audit(tx);
      started();
      await gate;
      return id;
    });
    await inside;
    // before: a second writer waited here for the chain-head lock until the first one committed
    await writeRows(db, 1);
    const sealedNow = await sealAuditChain(db);
    expect(sealedNow).toBeGreaterThanOrEqual(1);
    release();
    const slowId = await slow;
    const slowRow = await db.one<{ chain_pos: string | null }>('SELECT chain_pos FROM audit_log WHERE entity_id = $1', [slowId]);
    expect(slowRow.chain_pos).toBeNull();
    expect(await sealAuditChain(db)).toBe(1);
    const last = await db.one<{ entity_id: string }>('SELECT entity_id FROM audit_log ORDER BY chain_pos DESC LIMIT 1');
    expect(last.entity_id).toBe(slowId);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('the periodic job seals', async () => {
    const db = await fresh();
    await writeRows(db, 2);
    const job = COMPLIANCE_JOBS.find((j) => j.name === 'compliance.seal-audit-chain')!;
    expect(job.everySeconds).toBeLessThanOrEqual(5);
    await job.handler({}, { db, clock: new ManualClock('2026-03-02T09:00:00Z'), log: createLogger('silent'), job: { id: 'j1', name: job.name } });
    expect((await db.one<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE chain_pos IS NULL')).n).toBe(0);
  });
});

describe('the guard', () => {
  it('stores inserts unsealed whatever chain columns they carry', async () => {
    const db = await fresh();
    await db.query(`INSERT INTO audit_log (actor_type, action, entity_type, entity_id, occurred_at, chain_pos, prev_hash, hash, content_hash, redacted_at)
                    VALUES ('system', 'x', 'ticket', 'tkt_forged', now(), 1, 'a', 'b', 'c', now())`);
    const r = await db.one<ChainRow & { redacted_at: Date | null }>(`SELECT chain_pos, prev_hash, hash, content_hash, redacted_at FROM audit_log WHERE entity_id = 'tkt_forged'`);
    expect(r).toMatchObject({ chain_pos: null, prev_hash: null, hash: null, redacted_at: null });
    expect(r.content_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses content updates outside maintenance, re-sealing, and any change of sealed chain columns', async () => {
    const db = await sealedDb(2);
    await writeRows(db, 1);
    const unsealed = await db.one<{ seq: string }>('SELECT seq FROM audit_log WHERE chain_pos IS NULL');
    const sealed = await db.one<{ seq: string }>('SELECT seq FROM audit_log WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1');
    await expect(db.query(`UPDATE audit_log SET action = 'x' WHERE seq = $1`, [unsealed.seq])).rejects.toThrow(/append-only/);
    const inMode = (mode: string, sql: string, seq: string) => db.transaction(async (tx) => {
      await tx.query(`SELECT set_config($1, 'on', true)`, [mode]);
      await tx.query(sql, [seq]);
    });
    // seal mode sets chain columns only, of unsealed rows only
    await expect(inMode('switchboard.audit_seal', `UPDATE audit_log SET chain_pos = 999, prev_hash = 'a', hash = 'b', action = 'x' WHERE seq = $1`, unsealed.seq)).rejects.toThrow(/sealed once/);
    await expect(inMode('switchboard.audit_seal', `UPDATE audit_log SET hash = 'b' WHERE seq = $1`, sealed.seq)).rejects.toThrow(/sealed once/);
    await expect(inMode('switchboard.audit_seal', 'DELETE FROM audit_log WHERE seq = $1', unsealed.seq)).rejects.toThrow(/append-only/);
    // maintenance (erasure, retention) never touches chain columns, digest or xid
    await expect(inMode('switchboard.audit_maintenance', 'UPDATE audit_log SET chain_pos = NULL, prev_hash = NULL, hash = NULL WHERE seq = $1', sealed.seq)).rejects.toThrow(/immutable/);
    await expect(inMode('switchboard.audit_maintenance', 'UPDATE audit_log SET chain_pos = 999 WHERE seq = $1', unsealed.seq)).rejects.toThrow(/immutable/);
    await expect(inMode('switchboard.audit_maintenance', `UPDATE audit_log SET xid = '1' WHERE seq = $1`, unsealed.seq)).rejects.toThrow(/immutable/);
    expect(await sealAuditChain(db)).toBe(1);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, unsealed: 0 });
  });
});

describe('tamper detection on the sealed chain', () => {
  const maintenance = (db: Db, sql: string, params: unknown[] = []) => db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('switchboard.audit_maintenance', 'on', true)`);
    await tx.query(sql, params);
  });
  const victimOf = async (db: Db) => db.one<{ seq: string; chain_pos: string }>('SELECT seq, chain_pos FROM audit_log ORDER BY chain_pos DESC OFFSET 2 LIMIT 1');

  it('a changed sealed entry', async () => {
    const db = await sealedDb();
    const v = await victimOf(db);
    await maintenance(db, `UPDATE audit_log SET changes = '{"tampered":true}' WHERE seq = $1`, [v.seq]);
    expect((await verifyAuditChain(db)).first_break).toMatchObject({ chain_pos: Number(v.chain_pos), reason: 'content_changed' });
  });

  it('an entry changed while still unsealed (its digest was taken at insert)', async () => {
    const db = await sealedDb();
    await writeRows(db, 1);
    const v = await db.one<{ seq: string }>('SELECT seq FROM audit_log WHERE chain_pos IS NULL');
    await maintenance(db, `UPDATE audit_log SET changes = '{"tampered":true}' WHERE seq = $1`, [v.seq]);
    expect((await verifyAuditChain(db)).first_break).toMatchObject({ seq: Number(v.seq), reason: 'content_changed' });
  });

  it('a deleted entry in the middle, and deleted newest entries', async () => {
    const db = await sealedDb();
    const v = await victimOf(db);
    await maintenance(db, 'DELETE FROM audit_log WHERE seq = $1', [v.seq]);
    expect((await verifyAuditChain(db)).first_break).toMatchObject({ chain_pos: Number(v.chain_pos) + 1, reason: 'gap' });
    const tail = await sealedDb();
    await maintenance(tail, 'DELETE FROM audit_log WHERE chain_pos = (SELECT max(chain_pos) FROM audit_log)');
    expect((await verifyAuditChain(tail)).first_break).toMatchObject({ reason: 'head_mismatch' });
  });

  it('two entries swapped in the chain (guard bypassed by the table owner)', async () => {
    const db = await sealedDb();
    const [a, b] = await db.query<{ seq: string; chain_pos: string }>('SELECT seq, chain_pos FROM audit_log ORDER BY chain_pos DESC OFFSET 2 LIMIT 2');
    await db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_guard');
      await tx.query('UPDATE audit_log SET chain_pos = -1 WHERE seq = $1', [a.seq]);
      await tx.query('UPDATE audit_log SET chain_pos = $2 WHERE seq = $1', [b.seq, a.chain_pos]);
      await tx.query('UPDATE audit_log SET chain_pos = $2 WHERE seq = $1', [a.seq, b.chain_pos]);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_guard');
    });
    const r = await verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.first_break).toMatchObject({ chain_pos: Number(b.chain_pos), reason: 'link_mismatch' });
  });

  it('an entry anonymised by an erasure before it was sealed still verifies', async () => {
    const db = await sealedDb();
    let id = '';
    await db.transaction(async (tx) => {
      id = await audit(tx, { subject: 'Jane Doe’s refund' });
    });
    await maintenance(db, `UPDATE audit_log SET changes = jsonb_set(changes, '{subject}', '"[erased]"'), redacted_at = now() WHERE entity_id = $1`, [id]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, unsealed: 0 });
    const r = await db.one<{ chain_pos: string | null; changes: { subject: string } }>('SELECT chain_pos, changes FROM audit_log WHERE entity_id = $1', [id]);
    expect(r.chain_pos).not.toBeNull();
    expect(r.changes.subject).toBe('[erased]');
  });
});

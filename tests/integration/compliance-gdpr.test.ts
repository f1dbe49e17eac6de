import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reapplyTombstones, setVerificationSender } from '../../src/domain/compliance/index.js';
import { ZExportData } from '../../src/shared/contracts/compliance-export.js';
import { addMessage } from '../../src/domain/tickets/index.js';
import type { Db } from '../../src/platform/db/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket } from '../helpers/api-helpers.js';

/** Minimal ZIP reader (central directory; stored or deflated entries). */
function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = buf.readUInt32LE(eocd + 16);
  const n = buf.readUInt16LE(eocd + 10);
  for (let i = 0; i < n; i++) {
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString();
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + csize);
    out.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

/** Every row of every table, as text (tsvector search columns included), that matches one of the needles. */
async function scanDb(db: Db, needles: string[]): Promise<Array<{ table: string; row: string }>> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'pgboss%'`);
  const hits: Array<{ table: string; row: string }> = [];
  for (const { table_name } of tables) {
    const rows = await db.query<{ r: string }>(`SELECT x::text AS r FROM "${table_name}" x WHERE x::text ~* $1`, [needles.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')]);
    for (const r of rows) hits.push({ table: table_name, row: r.r });
  }
  return hits;
}

/** "pg copy"-style logical backup/restore of the personal-data tables (ON CONFLICT → the old row comes back). */
const BACKUP_TABLES = ['customers', 'customer_identities', 'tickets', 'messages', 'attachments'];
async function backup(db: Db): Promise<Map<string, unknown[]>> {
  const out = new Map<string, unknown[]>();
  for (const t of BACKUP_TABLES) out.set(t, (await db.one<{ j: unknown[] | null }>(`SELECT json_agg(x) AS j FROM "${t}" x`)).j ?? []);
  return out;
}
async function restore(db: Db, dump: Map<string, unknown[]>): Promise<void> {
  for (const t of BACKUP_TABLES) {
    const cols = (await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`, [t]))
      .map((c) => `"${c.column_name}"`);
    await db.query(
      `INSERT INTO "${t}" (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM json_populate_recordset(null::"${t}", $1::json)
       ON CONFLICT (id) DO UPDATE SET ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
      [JSON.stringify(dump.get(t))],
    );
  }
}

let t: TestApp;
let dataDir: string;
const codes: Array<{ to: string; code: string }> = [];
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-gdpr-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  setVerificationSender(async (m) => { codes.push({ to: m.to, code: m.code }); });
});
afterAll(() => t.close());

const PERSON = { email: 'zelda.quixote@example.org', name: 'Zelda Quixote', phone: '+353871234567' };
const OTHER = 'bystander.person@example.net';

describe('GDPR access export and erasure', () => {
  it('verifies by a code to the known address, exports every store with third parties redacted, then erases everywhere', async () => {
    const tk = await newTicket(t, { subject: 'Refund for my order', body: `Hi, I am ${PERSON.name}. My friend ${OTHER} paid with me. Call me on ${PERSON.phone}.`, requester: { email: PERSON.email, name: PERSON.name } });
    const customerId = tk.requester_id;
    expect((await t.api('POST', `/api/v1/customers/${customerId}/identities`, { kind: 'phone', value: PERSON.phone })).statusCode).toBe(201);
    const held = await newTicket(t, { subject: 'Chargeback dispute', body: `Chargeback opened by ${PERSON.email}`, requester: { email: PERSON.email } });
    const up = await t.api('POST', '/api/v1/uploads?filename=receipt.txt', Buffer.from(`Receipt for ${PERSON.name} <${PERSON.email}>`), { headers: { 'content-type': 'text/plain' } });
    expect(up.statusCode, up.body).toBe(201);
    await t.as(t.actorOf(t.admin), (ctx) => addMessage(ctx, tk.id, { body: 'Here is my receipt', public: true, from_customer_id: customerId, attachment_ids: [up.json().id] }));
    await t.as(t.actorOf(t.admin), (ctx) => addMessage(ctx, tk.id, { body: `Note: escalate to ${OTHER}`, public: false }));

    // bad input first
    expectProblem(await t.api('POST', '/api/v1/compliance/requests', { kind: 'access', email: 'nobody@nowhere.test' }), 404, 'SUBJECT_NOT_FOUND');
    const req = await t.api('POST', '/api/v1/compliance/requests', { kind: 'access', email: PERSON.email.toUpperCase(), channel: 'email' });
    expect(req.statusCode, req.body).toBe(201);
    expect(req.json()).toMatchObject({ verification: 'code', verification_status: 'pending', customer_id: customerId });
    expectProblem(await t.api('POST', '/api/v1/compliance/requests', { kind: 'access', customer_id: customerId }), 409, 'DUPLICATE_REQUEST');
    expect(codes.at(-1)?.to).toBe(PERSON.email);
    expectProblem(await t.api('POST', `/api/v1/compliance/requests/${req.json().id}/export`), 409, 'NOT_VERIFIED');
    expectProblem(await t.api('POST', `/api/v1/compliance/requests/${req.json().id}/verify`, { code: '000000' === codes.at(-1)!.code ? '111111' : '000000' }), 422, 'WRONG_CODE');
    expect((await t.api('POST', `/api/v1/compliance/requests/${req.json().id}/verify`, { code: codes.at(-1)!.code })).json().verification_status).toBe('verified');

    const exp = await t.api('POST', `/api/v1/compliance/requests/${req.json().id}/export`);
    expect(exp.statusCode, exp.body).toBe(201);
    expect(exp.json().region).toBe('eu');
    const dl = await t.app.inject({ method: 'GET', url: exp.json().download_url });
    expect(dl.statusCode).toBe(200);
    const zip = unzip(dl.rawPayload);
    expect([...zip.keys()].filter((k) => !k.startsWith('files/')).sort()).toEqual(['data.json', 'messages.csv', 'schema.json', 'tickets.csv']);
    const data = ZExportData.parse(JSON.parse(zip.get('data.json')!.toString()));
    expect(data.subject.identities.map((i) => i.value).sort()).toEqual([PERSON.phone, PERSON.email].sort());
    expect(data.tickets.map((x) => x.id).sort()).toEqual([tk.id, held.id].sort());
    expect(data.tickets.flatMap((x) => x.messages).some((m) => m.attachments.length === 1)).toBe(true);
    const files = [...zip.keys()].filter((k) => k.startsWith('files/'));
    expect(files).toHaveLength(1);
    expect(zip.get(files[0])!.toString()).toContain(PERSON.email);
    const all = [...zip.values()].map((b) => b.toString()).join('\n');
    expect(all).not.toContain(OTHER);
    expect(all).toContain('[redacted:third_party_email]');
    expect(all).not.toContain(t.admin.email);
    expect(data.activity.length).toBeGreaterThan(0);
    // forged / wrong-token links leak nothing
    for (const url of [exp.json().download_url.replace(/token=.*/, 'token=forged'), '/public/v1/compliance/exports/exp_nope?token=x', exp.json().download_url.replace(/token=.*/, '')]) {
      expectProblem(await t.app.inject({ method: 'GET', url }) as never, 404, 'EXPORT_NOT_FOUND');
    }

    // erasure: a person-level hold blocks it; a hold on the dispute ticket keeps that ticket only
    const hold = await t.api('POST', '/api/v1/compliance/legal-holds', { customer_id: customerId, reason_code: 'legal_claims', note: 'pending lawsuit' });
    const era = (await t.api('POST', '/api/v1/compliance/requests', { kind: 'erasure', customer_id: customerId, authenticated: true })).json();
    expectProblem(await t.api('POST', `/api/v1/compliance/requests/${era.id}/erase`), 409, 'LEGAL_HOLD_ACTIVE');
    expect((await t.api('POST', `/api/v1/compliance/legal-holds/${hold.json().id}/release`)).statusCode).toBe(204);
    expect((await t.api('POST', '/api/v1/compliance/legal-holds', { customer_id: customerId, ticket_id: held.id, reason_code: 'legal_claims', note: 'open chargeback' })).statusCode).toBe(201);
    const before = await backup(t.db);
    const needles = [PERSON.email, PERSON.phone, 'zelda', 'quixot'];
    expect((await scanDb(t.db, needles)).length).toBeGreaterThan(5);

    const erased = await t.api('POST', `/api/v1/compliance/requests/${era.id}/erase`);
    expect(erased.statusCode, erased.body).toBe(200);
    const report = erased.json();
    expect(report.kept).toEqual([{ store: 'tickets', id: held.id, reason_code: 'legal_claims', note: 'open chargeback' }]);
    expect(report.backups).toMatch(/re-applied/);
    const leftover = await scanDb(t.db, needles);
    // only the kept (held) ticket's own rows may still mention the person
    expect(leftover.filter((h) => !h.row.includes(held.id)), JSON.stringify(leftover.slice(0, 3))).toEqual([]);
    for (const f of [...(await walk(path.join(dataDir, 'files'))), ...(await walk(path.join(dataDir, 'regions')))]) {
      const text = await readFile(f, 'latin1');
      expect(text.includes(PERSON.email) && !f.endsWith('journal.jsonl'), f).toBe(false);
    }
    // the journal holds hashes, not the person
    const journal = await readFile(path.join(dataDir, 'regions', 'eu', t.workspaceId, 'tombstones', 'journal.jsonl'), 'utf8');
    expect(journal).not.toMatch(/zelda|quixote/i);
    expect((await t.api('GET', '/api/v1/compliance/audit/verify')).json().ok).toBe(true);
    expectProblem(await t.api('POST', '/api/v1/compliance/requests', { kind: 'access', customer_id: customerId }), 409, 'SUBJECT_ERASED');

    // restore the pre-erasure backup: the person is back … and re-applying the tombstones removes them again
    await restore(t.db, before);
    expect((await scanDb(t.db, needles)).filter((h) => !h.row.includes(held.id)).length).toBeGreaterThan(0);
    const re = await reapplyTombstones(t.db, t.clock, dataDir);
    expect(re.reapplied.map((r) => r.customer_id)).toEqual([customerId]);
    expect((await scanDb(t.db, needles)).filter((h) => !h.row.includes(held.id))).toEqual([]);
  });

  it('restriction flag: reason required, queryable, lifting needs the notice', async () => {
    const tk = await newTicket(t, { requester: { email: 'restricted.person@example.org' } });
    expectProblem(await t.api('POST', `/api/v1/compliance/customers/${tk.requester_id}/restriction`, { reason: '' }), 400, 'VALIDATION_FAILED');
    expect((await t.api('POST', `/api/v1/compliance/customers/${tk.requester_id}/restriction`, { reason: 'accuracy contested' })).statusCode).toBe(204);
    const { isProcessingRestricted } = await import('../../src/domain/compliance/index.js');
    expect(await isProcessingRestricted(t.db, tk.requester_id)).toBe(true);
    expectProblem(await t.api('POST', `/api/v1/compliance/customers/${tk.requester_id}/restriction/lift`, { notice_sent: false }), 422, 'NOTICE_REQUIRED');
    expect((await t.api('POST', `/api/v1/compliance/customers/${tk.requester_id}/restriction/lift`, { notice_sent: true })).statusCode).toBe(204);
    expect(await isProcessingRestricted(t.db, tk.requester_id)).toBe(false);
  });

  it('data residency: a US brand’s exports are written under the US region path', async () => {
    expect((await t.api('PUT', '/api/v1/compliance/residency', { region: 'us', brand_id: t.brandB.id })).statusCode).toBe(200);
    expectProblem(await t.api('PUT', '/api/v1/compliance/residency', { region: 'mars' }), 422, 'UNKNOWN_REGION');
    const tk = await newTicket(t, { brand_id: t.brandB.id, requester: { email: 'us.person@example.com' } });
    const r = (await t.api('POST', '/api/v1/compliance/requests', { kind: 'portability', customer_id: tk.requester_id, brand_id: t.brandB.id, authenticated: true })).json();
    const exp = (await t.api('POST', `/api/v1/compliance/requests/${r.id}/export`)).json();
    expect(exp.region).toBe('us');
    const usFiles = await walk(path.join(dataDir, 'regions', 'us'));
    expect(usFiles.some((f) => f.endsWith(`${exp.export_id}.zip`))).toBe(true);
    expect((await walk(path.join(dataDir, 'regions', 'eu'))).some((f) => f.includes(exp.export_id))).toBe(false);
  });

  it('the public web form never reveals whether a person is known', async () => {
    const a = await t.app.inject({ method: 'POST', url: '/public/v1/compliance/requests', payload: { brand_id: t.brandA.id, kind: 'access', email: 'unknown.someone@example.com' } });
    const tk = await newTicket(t, { requester: { email: 'form.user@example.com' } });
    const b = await t.app.inject({ method: 'POST', url: '/public/v1/compliance/requests', payload: { brand_id: t.brandA.id, kind: 'access', email: 'form.user@example.com' } });
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect(a.body).toBe(b.body);
    const rows = await t.db.query<{ channel: string }>(`SELECT channel FROM compliance_requests WHERE customer_id = $1`, [tk.requester_id]);
    expect(rows).toEqual([{ channel: 'web_form' }]);
  });
});

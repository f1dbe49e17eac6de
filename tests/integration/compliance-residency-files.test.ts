import { mkdtemp, readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/domain/compliance/index.js';
import { uploadAttachment } from '../../src/domain/tickets/index.js';
import { FileStore } from '../../src/platform/files.js';
import { sha256 } from '../../src/platform/ids.js';
import { removeStoredFile } from '../../src/platform/storage/regions.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let dataDir: string;
let files: FileStore;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-residency-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  files = new FileStore(path.join(dataDir, 'files'));
});
afterAll(() => t.close());

const blobPath = (root: string, hash: string) => path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash);
const exists = (p: string) => stat(p).then(() => true, () => false);
async function allBlobs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  return out;
}
const upload = (brandId: string | null, text: string) => t.as(t.actorOf(t.admin), (ctx) =>
  uploadAttachment(ctx, { filename: 'doc.txt', bytes: Buffer.from(text), maxBytes: 1_000_000, store: files, brandId }));

describe('data residency of attachment blobs', () => {
  it('stores a US brand’s attachment under regions/us and an EU one under regions/eu; older blobs stay readable', async () => {
    // written before any residency is declared: the shared store, as before
    const legacy = await upload(t.brandA.id, 'written before residency was declared');
    expect(await exists(blobPath(path.join(dataDir, 'files'), legacy.sha256))).toBe(true);

    expect((await t.api('PUT', '/api/v1/compliance/residency', { region: 'eu' })).statusCode).toBe(200);
    expect((await t.api('PUT', '/api/v1/compliance/residency', { region: 'us', brand_id: t.brandB.id })).statusCode).toBe(200);
    const us = await upload(t.brandB.id, 'a US customer’s invoice');
    const eu = await upload(t.brandA.id, 'an EU customer’s invoice');
    const ws = await upload(null, 'no brand known yet: the workspace region');
    expect(await exists(blobPath(path.join(dataDir, 'regions', 'us', 'files'), us.sha256))).toBe(true);
    expect(await exists(blobPath(path.join(dataDir, 'regions', 'eu', 'files'), eu.sha256))).toBe(true);
    expect(await exists(blobPath(path.join(dataDir, 'regions', 'eu', 'files'), ws.sha256))).toBe(true);
    for (const h of [us.sha256, eu.sha256, ws.sha256]) expect(await exists(blobPath(path.join(dataDir, 'files'), h))).toBe(false);
    expect((await allBlobs(path.join(dataDir, 'regions', 'eu'))).some((p) => p.endsWith(us.sha256))).toBe(false);

    // reads find every blob wherever it lives (the API download goes through the same store)
    expect((await files.get(legacy.sha256)).toString()).toBe('written before residency was declared');
    expect((await files.get(us.sha256)).toString()).toBe('a US customer’s invoice');
    await expect(files.get(sha256(Buffer.from('never stored')))).rejects.toMatchObject({ code: 'ENOENT' });

    // removal (erasure, redaction, retention) deletes the regional copy too
    expect(await removeStoredFile(path.join(dataDir, 'files'), us.sha256)).toBe(true);
    expect(await exists(blobPath(path.join(dataDir, 'regions', 'us', 'files'), us.sha256))).toBe(false);
  });

  it('routes chat widget uploads by the session’s brand', async () => {
    const s = await t.app.inject({ method: 'POST', url: '/widget/v1/sessions', payload: { brand: t.brandB.slug } });
    expect(s.statusCode, s.body).toBe(200);
    const up = await t.app.inject({
      method: 'POST', url: '/widget/v1/uploads?filename=shot.txt', headers: { 'x-visitor-token': s.json().visitor_token, 'content-type': 'text/plain' },
      payload: Buffer.from('chat upload of a US visitor'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const hash = sha256(Buffer.from('chat upload of a US visitor'));
    expect(await exists(blobPath(path.join(dataDir, 'regions', 'us', 'files'), hash))).toBe(true);
    expect(await exists(blobPath(path.join(dataDir, 'files'), hash))).toBe(false);
  });

  it('keeps the raw e-mail and Help Center files in the brand’s region too', async () => {
    const raw = 'From: Pat <pat@example.us>\r\nTo: help@market.test\r\nSubject: Where is my refund\r\nMessage-ID: <res-1@example.us>\r\n\r\nHello, a US customer writing.\r\n';
    const res = await t.api('POST', '/api/v1/channels/email/inbound?envelope_to=help%40market.test', raw, { headers: { 'content-type': 'message/rfc822' } });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().outcome).toBe('created');
    const rawHash = sha256(Buffer.from(raw));
    expect(await exists(blobPath(path.join(dataDir, 'regions', 'us', 'files'), rawHash))).toBe(true);
    expect(await exists(blobPath(path.join(dataDir, 'files'), rawHash))).toBe(false);

    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
    const up = await t.api('POST', `/api/v1/kb/files?brand_id=${t.brandB.id}&filename=pixel.png`, png, { headers: { 'content-type': 'application/octet-stream' } });
    expect(up.statusCode, up.body).toBe(201);
    expect(await exists(blobPath(path.join(dataDir, 'regions', 'us', 'files'), sha256(png)))).toBe(true);
    expect(await exists(blobPath(path.join(dataDir, 'files'), sha256(png)))).toBe(false);
  });
});

import { appendFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../platform/db/index.js';
import type { Clock } from '../../../platform/clock.js';
import { sha256 } from '../../../platform/ids.js';
import { REGIONS, regionRoot, type Region } from '../../../platform/storage/regions.js';
import { recordChange, systemActor, type Ctx } from '../../kernel/index.js';
import { eraseCustomer, type ErasureReport } from './erase-customer.js';
import { workspaceRegionDir } from './residency.js';

export interface Tombstone {
  erasure_id: string;
  workspace_id: string;
  customer_id: string;
  subject_hashes: string[];
  erased_at: string;
}

/**
 * Journal a tombstone OUTSIDE the database (append-only JSON Lines in the workspace region), so that a
 * restore of an older database can be followed by re-applying every erasure made since. Call after commit.
 */
export async function journalTombstone(dataDir: string, region: Region, report: ErasureReport, workspaceId: string): Promise<string> {
  const dir = await workspaceRegionDir(dataDir, region, workspaceId, 'tombstones');
  const file = path.join(dir, 'journal.jsonl');
  const t: Tombstone = { erasure_id: report.erasure_id, workspace_id: workspaceId, customer_id: report.customer_id, subject_hashes: report.subject_hashes, erased_at: report.erased_at };
  await appendFile(file, JSON.stringify(t) + '\n', { mode: 0o600 });
  return file;
}

export async function readTombstones(dataDir: string): Promise<Tombstone[]> {
  const out: Tombstone[] = [];
  for (const region of REGIONS) {
    const root = regionRoot(dataDir, region);
    const workspaces = await readdir(root).catch(() => [] as string[]);
    for (const ws of workspaces) {
      const text = await readFile(path.join(root, ws, 'tombstones', 'journal.jsonl'), 'utf8').catch(() => '');
      for (const line of text.split('\n')) if (line.trim()) out.push(JSON.parse(line) as Tombstone);
    }
  }
  return out;
}

/**
 * After a restore: for each journaled tombstone, find the person again (same customer id, or any identity
 * whose hash is in the tombstone) and, if they hold personal data again, erase them again.
 */
export async function reapplyTombstones(db: Db, clock: Clock, dataDir: string): Promise<{ checked: number; reapplied: Array<{ customer_id: string; erasure_id: string }>; blobs: string[]; export_files: string[] }> {
  const tombstones = await readTombstones(dataDir);
  const reapplied: Array<{ customer_id: string; erasure_id: string }> = [];
  const blobs: string[] = [];
  const exportFiles: string[] = [];
  for (const t of tombstones) {
    const ids = await db.query<{ kind: string; value: string; customer_id: string }>(
      `SELECT kind, value, customer_id FROM customer_identities WHERE workspace_id = $1`, [t.workspace_id],
    );
    const hashes = new Set(t.subject_hashes);
    const matches = new Set(ids.filter((i) => hashes.has(sha256(`${i.kind}:${i.kind === 'email' ? i.value.toLowerCase() : i.value}`))).map((i) => i.customer_id));
    const same = await db.maybeOne<{ id: string; name: string }>(`SELECT id, name FROM customers WHERE id = $1 AND workspace_id = $2`, [t.customer_id, t.workspace_id]);
    if (same && (same.name !== 'Erased customer' || ids.some((i) => i.customer_id === same.id))) matches.add(same.id);
    for (const customerId of matches) {
      const report = await db.transaction(async (tx) => {
        const ctx: Ctx = { actor: systemActor(t.workspace_id), tx, clock, meta: { channel: 'system' } };
        const r = await eraseCustomer(ctx, customerId, { reapply: true });
        await recordChange(ctx, { event: 'compliance.tombstones_reapplied', aggregateType: 'customer', aggregateId: customerId, payload: { tombstone: t.erasure_id, erasure_id: r.erasure_id } });
        return r;
      });
      blobs.push(...report.orphaned_files);
      exportFiles.push(...report.export_files);
      reapplied.push({ customer_id: customerId, erasure_id: t.erasure_id });
    }
  }
  return { checked: tombstones.length, reapplied, blobs, export_files: exportFiles };
}

import { createHash } from 'node:crypto';
import type { Queryable } from '../../../platform/db/index.js';
import { sealAuditChain } from './seal-audit-chain.js';

export interface ChainBreak {
  chain_pos: number | null;
  seq: number;
  reason: 'content_changed' | 'link_mismatch' | 'hash_mismatch' | 'gap' | 'unchained' | 'head_mismatch';
  detail: string;
}

export interface ChainReport {
  ok: boolean;
  /** Sealed entries verified. */
  entries: number;
  /** Entries not sealed yet (committed after the seal this verify ran first, or the caller's own uncommitted ones). */
  unsealed: number;
  /** chain_pos of the first entry checked (older entries may have been purged by retention). */
  anchored_at: number | null;
  first_break: ChainBreak | null;
}

interface Row {
  seq: string | number;
  chain_pos: string | number | null;
  prev_hash: string | null;
  hash: string | null;
  content_hash: string | null;
  recomputed: string;
  redacted: boolean;
}

const link = (prev: string, pos: number, content: string) => createHash('sha256').update(`${prev}:${pos}:${content}`).digest('hex');

/**
 * Seal what is committed (unless `seal: false`), then walk the audit chain in chain order (pages of
 * `pageSize`) and report the first broken link: an entry whose content no longer matches its digest (unless
 * it was anonymised by an erasure, which keeps the digest), a prev_hash that is not the previous entry's hash,
 * a hash that does not recompute, or a missing position. Entries not sealed yet are counted, not verified.
 */
export async function verifyAuditChain(q: Queryable, opts: { pageSize?: number; seal?: boolean } = {}): Promise<ChainReport> {
  const pageSize = opts.pageSize ?? 5000;
  if (opts.seal !== false) await sealAuditChain(q);
  const unchained = await q.maybeOne<{ seq: string }>(
    'SELECT seq FROM audit_log WHERE chain_pos IS NULL AND (hash IS NOT NULL OR prev_hash IS NOT NULL) ORDER BY seq LIMIT 1');
  let entries = 0;
  let prev: { pos: number; hash: string } | null = null;
  let anchoredAt: number | null = null;
  const unsealed = Number((await q.one<{ n: string | number }>('SELECT count(*) AS n FROM audit_log WHERE chain_pos IS NULL')).n);
  const fail = (b: ChainBreak): ChainReport => ({ ok: false, entries, unsealed, anchored_at: anchoredAt, first_break: b });
  for (;;) {
    const rows: Row[] = await q.query<Row>(
      `SELECT seq, chain_pos, prev_hash, hash, content_hash, audit_content_hash(a) AS recomputed, redacted_at IS NOT NULL AS redacted
         FROM audit_log a WHERE chain_pos > $1 ORDER BY chain_pos LIMIT $2`,
      [prev?.pos ?? -1, pageSize],
    );
    for (const r of rows) {
      const pos = Number(r.chain_pos);
      const seq = Number(r.seq);
      entries++;
      if (prev === null) anchoredAt = pos;
      if (prev && pos !== prev.pos + 1) return fail({ chain_pos: pos, seq, reason: 'gap', detail: `entries ${prev.pos + 1}–${pos - 1} are missing` });
      if (prev && r.prev_hash !== prev.hash) return fail({ chain_pos: pos, seq, reason: 'link_mismatch', detail: 'prev_hash is not the hash of the previous entry' });
      if (!r.redacted && r.recomputed !== r.content_hash) return fail({ chain_pos: pos, seq, reason: 'content_changed', detail: 'the entry was modified after it was written' });
      if (link(r.prev_hash ?? '', pos, r.content_hash ?? '') !== r.hash) return fail({ chain_pos: pos, seq, reason: 'hash_mismatch', detail: 'the entry hash does not recompute' });
      prev = { pos, hash: r.hash! };
    }
    if (rows.length < pageSize) break;
  }
  if (unchained) return fail({ chain_pos: null, seq: Number(unchained.seq), reason: 'unchained', detail: 'an entry has chain columns but no chain position' });
  const head = await q.maybeOne<{ pos: string | number; hash: string }>('SELECT pos, hash FROM audit_chain_head WHERE id = 1');
  if (head && prev && (Number(head.pos) !== prev.pos || head.hash !== prev.hash)) {
    return fail({ chain_pos: Number(head.pos), seq: 0, reason: 'head_mismatch', detail: 'the newest entries were removed (head is ahead of the last entry)' });
  }
  return { ok: true, entries, unsealed, anchored_at: anchoredAt, first_break: null };
}

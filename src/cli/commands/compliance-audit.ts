import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { exportAuditLog, verifyAuditChain } from '../../domain/compliance/index.js';
import { loadConfig } from '../../platform/config.js';
import type { Command } from '../command.js';
import { UsageError, parseFlags } from '../io/args.js';
import { openCliDb } from '../open-db.js';

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Verify the audit log hash chain and report the first broken link',
  usage: `switchboard audit verify [--json]

Seals every committed audit entry not sealed yet, then walks the audit log in chain order,
recomputing every entry's content digest and link hash.
Exit code 0 when the chain is intact, 2 when a link is broken (the first one is printed).
Entries anonymised by an erasure keep their original digest and still verify.`,
  async run(args) {
    const { values } = parseFlags(args, { json: { type: 'boolean' } });
    const { db, release } = await openCliDb(loadConfig());
    try {
      const r = await verifyAuditChain(db);
      if (values.json) console.log(JSON.stringify(r));
      else if (r.ok) console.log(`Audit chain intact: ${r.entries} entries${r.anchored_at !== null ? ` (from position ${r.anchored_at})` : ''}${r.unsealed ? `; ${r.unsealed} newer entries not sealed yet` : ''}.`);
      else console.log(`Audit chain BROKEN at position ${r.first_break!.chain_pos ?? '?'} (seq ${r.first_break!.seq}): ${r.first_break!.reason} — ${r.first_break!.detail}`);
      return r.ok ? 0 : 2;
    } finally {
      await db.close();
      await release();
    }
  },
};

export const auditExportCommand: Command = {
  name: 'audit export',
  summary: 'Export the audit log with its hash chain (JSON Lines) for auditors',
  usage: `switchboard audit export --out FILE [--workspace ID] [--from ISO] [--to ISO]

One JSON object per line in chain order, with prev_hash, content_hash and hash so the chain can be
recomputed independently: hash = sha256(prev_hash + ":" + chain_pos + ":" + content_hash).`,
  async run(args) {
    const { values } = parseFlags(args, { out: { type: 'string' }, workspace: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } });
    if (!values.out) throw new UsageError('--out FILE is required');
    const date = (v: string | undefined, flag: string) => {
      if (v === undefined) return undefined;
      const d = new Date(v);
      if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime())) throw new UsageError(`${flag} must be an ISO date`);
      return d;
    };
    const from = date(values.from, '--from');
    const to = date(values.to, '--to');
    const { db, release } = await openCliDb(loadConfig());
    const out = createWriteStream(values.out);
    try {
      const n = await exportAuditLog(db, { workspaceId: values.workspace, from, to }, async (row) => {
        if (!out.write(JSON.stringify(row) + '\n')) await once(out, 'drain');
      });
      out.end();
      await once(out, 'finish');
      console.error(`Exported ${n} audit entries to ${values.out}`);
      return 0;
    } finally {
      await db.close();
      await release();
    }
  },
};

import { rm } from 'node:fs/promises';
import { reapplyTombstones, runRetention } from '../../domain/compliance/index.js';
import { systemClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { removeStoredFile } from '../../platform/storage/regions.js';
import type { Command } from '../command.js';
import { UsageError, parseFlags } from '../io/args.js';
import { openCliDb } from '../open-db.js';

export const reapplyTombstonesCommand: Command = {
  name: 'compliance reapply-tombstones',
  summary: 'After restoring a backup: erase again everyone erased since (from the tombstone journal)',
  usage: `switchboard compliance reapply-tombstones

Reads DATA_DIR/regions/<region>/<workspace>/tombstones/journal.jsonl (kept outside the database) and erases
again every person found in the restored database by id or by identity hash. Run it right after any restore.`,
  async run() {
    const config = loadConfig();
    const { db, release } = await openCliDb(config);
    try {
      const r = await reapplyTombstones(db, systemClock, config.DATA_DIR);
      for (const b of r.blobs) await removeStoredFile(config.filesDir, b).catch(() => false);
      for (const f of r.export_files) await rm(f, { force: true });
      console.log(`Checked ${r.checked} tombstone(s); erased again: ${r.reapplied.length}${r.reapplied.length ? ` (${r.reapplied.map((x) => x.customer_id).join(', ')})` : ''}.`);
      return 0;
    } finally {
      await db.close();
      await release();
    }
  },
};

export const retentionRunCommand: Command = {
  name: 'compliance retention',
  summary: 'Run the retention schedules of a workspace (or report what they would purge with --dry-run)',
  usage: 'switchboard compliance retention --workspace ID [--dry-run]',
  async run(args) {
    const { values } = parseFlags(args, { workspace: { type: 'string' }, 'dry-run': { type: 'boolean' } });
    if (!values.workspace) throw new UsageError('--workspace ID is required');
    const config = loadConfig();
    const { db, release } = await openCliDb(config);
    try {
      const r = await runRetention(db, systemClock.now(), values.workspace, { dryRun: !!values['dry-run'] });
      for (const b of r.blobs) await removeStoredFile(config.filesDir, b).catch(() => false);
      console.log(JSON.stringify(r.rows, null, 2));
      return 0;
    } finally {
      await db.close();
      await release();
    }
  },
};

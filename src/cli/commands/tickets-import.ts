import { stat } from 'node:fs/promises';
import { AppError } from '../../platform/errors.js';
import type { Command } from '../command.js';
import { REMOTE_HELP, REMOTE_OPTIONS, UsageError, fmt, oneOf, parseFlags } from '../io/args.js';
import { CheckpointWriter, checkpointPath, readCheckpoint } from '../io/checkpoint.js';
import { loadDirectory } from '../io/directory.js';
import { createProgress } from '../io/progress.js';
import { RejectsFile } from '../io/rejects.js';
import { formatOf, readRows } from '../io/row-reader.js';
import { openTarget } from '../io/target.js';
import { checkColumns, parseTicketRow } from '../io/ticket-row.js';
import { isAlreadyThere, openSink } from '../io/ticket-sink.js';

/** Errors that are about the whole run (credentials, server down), not about one row: stop. */
const FATAL_KINDS = new Set(['unauthenticated', 'forbidden', 'unavailable', 'rate_limited']);

/** A row-level failure → { code, reason }; anything else (a crash) → rethrown. */
function rowFailure(e: unknown): { code: string; reason: string } {
  if (e instanceof AppError) {
    if (FATAL_KINDS.has(e.kind)) throw e;
    return { code: e.code, reason: e.message };
  }
  const sqlState = (e as { code?: unknown }).code;
  // Data exceptions / integrity violations from the database are about the row's values.
  if (typeof sqlState === 'string' && /^2[23][0-9A-Z]{3}$/.test(sqlState)) return { code: `SQLSTATE_${sqlState}`, reason: (e as Error).message };
  throw e;
}

export const ticketsImportCommand: Command = {
  name: 'tickets import',
  summary: 'Import tickets from JSON Lines or CSV (resumable; rejected rows are reported)',
  usage: `switchboard tickets import FILE [--format jsonl|csv] [--dry-run]

  FILE               .jsonl/.ndjson (one JSON object per line) or .csv (header row + one row per ticket)
  --format jsonl|csv default: from FILE's extension
  --dry-run          validate every row (on the database: through the real commands, rolled back); write nothing

Row fields (CSV columns / JSON keys):
  external_id        REQUIRED, unique per ticket: rows whose external_id already exists are skipped,
                     so an import can be re-run after a crash or Ctrl-C without duplicates
  subject, body      required (html_body may replace body); body becomes the first message
  requester_email    required; the customer is found or created (requester_name optional)
  priority, status   low|normal|high|urgent; new|open|pending|on_hold|solved|closed
  tags               JSON array, or in CSV one cell separated by commas or spaces
  channel            email|chat|web|api|phone|social|app
  brand, team        brand id or slug; team id or name
  assignee           the agent's email
  custom_fields      JSON object (in CSV: JSON text in the cell)
  country, language  ISO country code (DE), language tag (de)
  created_at         ISO timestamp; kept as the ticket's creation time (direct database access only)
Columns written by "tickets export" (id, number, updated_at, solved_at, closed_at, messages) are ignored.

Each row is imported in its own transaction through the same commands as the API (events and audit
rows included). Rows that cannot be imported — invalid values, unknown brand, bad JSON, wrong number of
CSV cells — are written with their line number and reason to FILE.rejected.jsonl; the import goes on.
Progress is saved to FILE.progress: a rerun after a crash or Ctrl-C continues after the last settled
line (delete FILE.progress to start over; the file is removed when the import reaches the end).
Exit code: 0 all rows imported or skipped, 1 some rows rejected (or an error), 130 interrupted.

${REMOTE_HELP}

Examples:
  switchboard tickets import legacy.jsonl
  switchboard tickets import zendesk.csv --dry-run`,
  async run(args) {
    const { values, positionals } = parseFlags(args, { format: { type: 'string' }, 'dry-run': { type: 'boolean' }, ...REMOTE_OPTIONS }, { min: 1, max: 1, names: 'FILE' });
    const file = positionals[0]!;
    const format = formatOf(file, oneOf(values.format, ['jsonl', 'csv'] as const, '--format'));
    if (!format) throw new UsageError(`Cannot tell the format of "${file}" from its name: add --format jsonl or --format csv`);
    const dryRun = values['dry-run'] === true;
    const size = await stat(file).then((s) => s.size, () => {
      throw new AppError('FILE_NOT_FOUND', `Cannot read ${file}`, 'not_found');
    });

    const target = await openTarget(values);
    const counts = { imported: 0, skipped: 0, rejected: 0, rows: 0 };
    let stopping = false;
    let interrupted = false;
    let completed = false;
    const onSigint = () => {
      if (stopping) process.exit(130);
      stopping = true;
      console.error('\nStopping after the current row… (Ctrl-C again to quit at once)');
    };
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigint);
    const checkpoint = new CheckpointWriter(file);
    const resumeAt = dryRun ? null : await readCheckpoint(file);
    try {
      const rejects = await RejectsFile.open(file, resumeAt !== null);
      const dir = await loadDirectory(target);
      const bar = createProgress(dryRun ? 'Checking' : 'Importing', size);
      const sink = openSink(target, dryRun, (m) => bar.log(m));
      if (resumeAt) bar.log(`Resuming after line ${fmt(resumeAt.line)} (checkpoint ${checkpointPath(file)}; delete it to start from the top).`);
      const detail = () => `${fmt(counts.rows)} rows: ${fmt(counts.imported)} ${dryRun ? 'ok' : 'imported'}, ${fmt(counts.skipped)} skipped, ${fmt(counts.rejected)} rejected`;
      for await (const item of readRows(file, format, checkColumns)) {
        if (stopping) {
          interrupted = true;
          break;
        }
        if (resumeAt && item.line <= resumeAt.line) continue;
        counts.rows++;
        if ('error' in item) {
          await rejects.add({ line: item.line, code: item.error.code, reason: item.error.message, row: item.raw });
          counts.rejected++;
        } else {
          try {
            const outcome = await sink.importRow(parseTicketRow(item.record, dir), `cli:${file}:${item.line}`);
            counts[outcome]++;
          } catch (e) {
            if (isAlreadyThere(e)) counts.skipped++;
            else {
              const f = rowFailure(e);
              await rejects.add({ line: item.line, code: f.code, reason: f.reason, row: item.record });
              counts.rejected++;
            }
          }
        }
        if (!dryRun) await checkpoint.save(item.line);
        bar.update(item.bytes, detail());
      }
      bar.stop();
      completed = !interrupted;
      const rejected = counts.rejected ? ` → ${rejects.path}` : '';
      const earlier = resumeAt ? ` (lines up to ${fmt(resumeAt.line)} were done by an earlier run)` : '';
      console.log(
        dryRun
          ? `Dry run: ${fmt(counts.imported)} would be imported, ${fmt(counts.skipped)} skipped (already there), ${fmt(counts.rejected)} rejected${rejected}. Nothing was written.`
          : `${fmt(counts.imported)} imported, ${fmt(counts.skipped)} skipped (already there), ${fmt(counts.rejected)} rejected${rejected}${earlier}.`,
      );
      if (interrupted) console.error(`Interrupted: progress saved in ${checkpointPath(file)}; run the same command again to continue.`);
      return interrupted ? 130 : counts.rejected ? 1 : 0;
    } catch (e) {
      if (!dryRun && counts.rows > 0) console.error(`\nStopped by an error; progress is saved in ${checkpointPath(file)}: fix the cause and run the same command again to continue.`);
      throw e;
    } finally {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
      if (!dryRun) {
        if (completed) await checkpoint.clear();
        else await checkpoint.flush();
      }
      await target.close();
    }
  },
};

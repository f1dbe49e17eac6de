import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { AppError } from '../../platform/errors.js';
import { TICKET_STATUSES, type TicketStatus } from '../../shared/enums.js';
import type { Command } from '../command.js';
import { REMOTE_HELP, REMOTE_OPTIONS, UsageError, fmt, list, oneOf, parseFlags } from '../io/args.js';
import { csvHeader, csvLine, jsonLine } from '../io/export-row.js';
import { createProgress, type Progress } from '../io/progress.js';
import { formatOf } from '../io/row-reader.js';
import { openTarget } from '../io/target.js';
import { openTicketSource } from '../io/ticket-source.js';

export const ticketsExportCommand: Command = {
  name: 'tickets export',
  summary: 'Export tickets (with requester and conversation) as JSON Lines or CSV',
  usage: `switchboard tickets export [--format jsonl|csv] [--out FILE] [--status STATUS …] [--since ISO]

  --format jsonl|csv   default: from --out's extension, else jsonl
  --out FILE           write to FILE (atomically: FILE.partial is renamed when done); default: stdout
  --status STATUS      only these statuses (repeat or comma-separate): ${TICKET_STATUSES.join(', ')}
  --since ISO          only tickets created or changed at/after this time, e.g. 2025-01-01 or 2025-01-01T00:00:00Z

Each row has the import shape (external_id, subject, body, requester_email, requester_name, priority,
status, tags, channel, brand (slug), team (name), assignee (email), custom_fields, country, language,
created_at) plus id, number, updated_at, solved_at, closed_at; JSON Lines rows also carry "messages",
the whole conversation. external_id is the ticket's own external id, or its Switchboard id.
Tickets come in pages (keyset on the ticket id), so a large export never holds everything in memory.
Progress goes to stderr.

${REMOTE_HELP}

Examples:
  switchboard tickets export --out tickets.jsonl
  switchboard tickets export --format csv --status open,pending --since 2025-06-01 > open.csv`,
  async run(args) {
    const { values } = parseFlags(args, {
      format: { type: 'string' }, out: { type: 'string' }, status: { type: 'string', multiple: true }, since: { type: 'string' },
      ...REMOTE_OPTIONS,
    });
    const flagFormat = oneOf(values.format, ['jsonl', 'csv'] as const, '--format');
    const format = values.out ? formatOf(values.out, flagFormat) ?? 'jsonl' : flagFormat ?? 'jsonl';
    const status = list(values.status).map((s) => oneOf(s, TICKET_STATUSES, '--status')!) as TicketStatus[];
    let since: Date | undefined;
    if (values.since !== undefined) {
      since = new Date(values.since);
      if (!/^\d{4}-\d{2}-\d{2}/.test(values.since) || Number.isNaN(since.getTime())) throw new UsageError(`--since must be an ISO date or timestamp (got "${values.since}")`);
    }

    const target = await openTarget(values);
    const partial = values.out ? `${values.out}.partial` : null;
    const out = partial ? createWriteStream(partial) : process.stdout;
    let broken: Error | null = null;
    out.on('error', (e: Error) => {
      broken = e;
    });
    const write = async (s: string) => {
      if (broken) throw broken;
      if (!out.write(s)) await once(out, 'drain'); // rejects if the stream fails meanwhile
    };
    let count = 0;
    let done = false;
    try {
      let bar: Progress | null = null;
      const source = await openTicketSource(target, { ...(status.length ? { status } : {}), ...(since ? { since } : {}) }, (m) => (bar ? bar.log(m) : console.error(m)));
      bar = createProgress('Exporting', source.total);
      if (format === 'csv') await write(csvHeader());
      for await (const rows of source.pages()) {
        for (const row of rows) await write(format === 'csv' ? csvLine(row) : jsonLine(row));
        count += rows.length;
        bar.update(count, `${fmt(count)}${source.total !== null ? ` / ${fmt(source.total)}` : ''} tickets`);
      }
      bar.stop();
      done = true;
    } catch (e) {
      if ((broken as NodeJS.ErrnoException | null)?.code === 'EPIPE') return 0; // e.g. piped into `head`
      throw e;
    } finally {
      await target.close();
      if (partial) {
        (out as ReturnType<typeof createWriteStream>).end();
        await once(out, 'close').catch(() => undefined);
        if (done && !broken) await rename(partial, values.out!);
        else await rm(partial, { force: true });
      }
    }
    if (broken) throw new AppError('WRITE_FAILED', `Could not write the export: ${(broken as Error).message}`);
    console.error(`Exported ${fmt(count)} ticket${count === 1 ? '' : 's'} as ${format.toUpperCase()}${values.out ? ` → ${values.out}` : ''}.`);
    return 0;
  },
};

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse, type CsvError } from 'csv-parse';
import { AppError } from '../../platform/errors.js';

export type FileFormat = 'jsonl' | 'csv';

/** One row of the input, or why it could not be read. `line` is 1-based (for CSV: the row's last line). */
export type SourceItem =
  | { line: number; bytes: number; record: Record<string, unknown> }
  | { line: number; bytes: number; error: { code: string; message: string }; raw: unknown };

export function formatOf(file: string, flag: FileFormat | undefined): FileFormat | null {
  if (flag) return flag;
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(jsonl|ndjson|json)$/i.test(file)) return 'jsonl';
  return null;
}

/** JSON Lines: one object per line; blank lines are ignored; a bad line is a rejected row, not a crash. */
async function* readJsonl(file: string): AsyncGenerator<SourceItem> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  let bytes = 0;
  for await (const text of rl) {
    line++;
    bytes += Buffer.byteLength(text) + 1;
    const t = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (!t.trim()) continue;
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch (e) {
      yield { line, bytes, error: { code: 'INVALID_JSON', message: `Not valid JSON: ${(e as Error).message}` }, raw: t };
      continue;
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      yield { line, bytes, error: { code: 'INVALID_JSON', message: 'Each line must be one JSON object' }, raw: v };
      continue;
    }
    yield { line, bytes, record: v as Record<string, unknown> };
  }
}

/**
 * CSV with a header row. A row with the wrong number of cells or broken quoting is a rejected row;
 * an unknown or duplicated column stops the import before anything is written (checkHeader throws).
 */
async function* readCsv(file: string, checkHeader: (columns: string[]) => void): AsyncGenerator<SourceItem> {
  const skipped: Array<{ line: number; message: string; raw: unknown }> = [];
  const parser = createReadStream(file).pipe(
    parse({
      bom: true, info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true,
      on_skip: (err: CsvError | undefined, raw: string | undefined) => {
        skipped.push({ line: Number((err as { lines?: number } | undefined)?.lines ?? 0), message: err?.message ?? 'Unreadable CSV row', raw: raw ?? null });
        return undefined;
      },
    }),
  );
  let header: string[] | null = null;
  let bytes = 0;
  // Skip notices are raised while parsing ahead: hand them out in line order, before the next good row.
  const drain = function* (upTo: number): Generator<SourceItem> {
    skipped.sort((a, b) => a.line - b.line);
    while (skipped.length && skipped[0]!.line <= upTo) {
      const s = skipped.shift()!;
      yield { line: s.line, bytes, error: { code: 'INVALID_CSV', message: s.message }, raw: s.raw };
    }
  };
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
    const { record, info } = item;
    bytes = info.bytes;
    if (!header) {
      header = record.map((c) => c.trim());
      checkHeader(header);
      yield* drain(info.lines);
      continue;
    }
    yield* drain(info.lines);
    if (record.length !== header.length) {
      yield { line: info.lines, bytes, error: { code: 'CSV_COLUMN_COUNT', message: `Expected ${header.length} cells (as in the header), got ${record.length}` }, raw: record };
      continue;
    }
    yield { line: info.lines, bytes, record: Object.fromEntries(header.map((h, i) => [h, record[i]])) };
  }
  yield* drain(Number.MAX_SAFE_INTEGER);
  if (!header) throw new AppError('EMPTY_FILE', `${file} has no header row`);
}

export function readRows(file: string, format: FileFormat, checkCsvHeader: (columns: string[]) => void): AsyncGenerator<SourceItem> {
  return format === 'csv' ? readCsv(file, checkCsvHeader) : readJsonl(file);
}

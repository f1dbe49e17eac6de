/** Labelled-example files: CSV with a header (text + label|category|intent) or JSON Lines. */
import { parse } from 'csv-parse/sync';
import type { LabelledExample } from './model.js';

export class DatasetError extends Error {}

const TEXT_COLS = ['text', 'utterance', 'query', 'message'];
const LABEL_COLS = ['label', 'category', 'intent'];

export function parseCsvExamples(content: string | Buffer): LabelledExample[] {
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(content, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, bom: true, relax_column_count: false }) as Array<Record<string, string>>;
  } catch (e) {
    throw new DatasetError(`invalid CSV: ${(e as Error).message}`);
  }
  if (rows.length === 0) return [];
  const cols = Object.keys(rows[0]);
  const t = TEXT_COLS.find((c) => cols.includes(c));
  const l = LABEL_COLS.find((c) => cols.includes(c));
  if (!t || !l) throw new DatasetError(`CSV needs a "text" column and a "label" (or "category") column; found: ${cols.join(', ')}`);
  return rows.map((r) => ({ text: String(r[t] ?? '').trim(), label: String(r[l] ?? '').trim() })).filter((e) => e.text && e.label);
}

export function parseJsonlExamples(content: string): LabelledExample[] {
  const out: LabelledExample[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new DatasetError(`line ${i + 1}: not JSON`);
    }
    const text = TEXT_COLS.map((c) => o[c]).find((v) => typeof v === 'string');
    const label = LABEL_COLS.map((c) => o[c]).find((v) => typeof v === 'string');
    if (typeof text !== 'string' || typeof label !== 'string') throw new DatasetError(`line ${i + 1}: needs "text" and "label"`);
    if (text.trim() && label.trim()) out.push({ text: text.trim(), label: label.trim() });
  });
  return out;
}

export function parseExamples(content: string, format: 'csv' | 'jsonl'): LabelledExample[] {
  return format === 'csv' ? parseCsvExamples(content) : parseJsonlExamples(content);
}

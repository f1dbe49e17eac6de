import { LineCounter, parseDocument, stringify, type Document } from 'yaml';
import type { z } from 'zod';
import { ZSopDefinition, type SopDefinition } from './model.js';
import { checkDefinition, type KnownRefs } from './validate.js';

/** One problem in an SOP text: where (path like `steps[2].goto`, 1-based line/column) and what. */
export interface SopIssue {
  path: string;
  line: number | null;
  column: number | null;
  message: string;
}

export type ParseResult = { ok: true; definition: SopDefinition; issues: [] } | { ok: false; definition: null; issues: SopIssue[] };

/** `['steps', 2, 'goto']` → `steps[2].goto`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(root)';
}

/** Parse a path back into segments: `steps[2].goto` → ['steps', 2, 'goto']. */
export function parsePath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

function locate(doc: Document, lc: LineCounter, path: ReadonlyArray<string | number>): { line: number | null; column: number | null } {
  // The deepest node that exists on the path (a missing key points at its parent).
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      const pos = lc.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: null, column: null };
}

function zodMessage(i: z.core.$ZodIssue): string {
  if (i.code === 'invalid_union' && 'options' in i && Array.isArray(i.options)) return `unknown ${String(i.path[i.path.length - 1])}; expected one of ${i.options.map(String).join(', ')}`;
  if (i.code === 'unrecognized_keys') return `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
  if (i.code === 'invalid_type' && / received undefined$/.test(i.message)) return `is required (${i.expected})`;
  if (i.code === 'invalid_union') return 'does not match any allowed form';
  if (i.code === 'too_small' && i.origin === 'array') return `needs at least ${String(i.minimum)} item${Number(i.minimum) > 1 ? 's' : ''}`;
  return i.message;
}

const keyPath = (p: readonly PropertyKey[]) => p.map((k) => (typeof k === 'number' ? k : String(k)));

/** Validate a parsed definition object (schema + semantic checks); issues carry paths but no lines. */
export function validateDefinition(value: unknown, known?: KnownRefs): { definition: SopDefinition | null; issues: Array<{ path: Array<string | number>; message: string }> } {
  const parsed = ZSopDefinition.safeParse(value);
  if (!parsed.success) return { definition: null, issues: parsed.error.issues.map((i) => ({ path: keyPath(i.path), message: zodMessage(i) })) };
  const issues = checkDefinition(parsed.data, known);
  return { definition: issues.length ? null : parsed.data, issues };
}

/** Parse SOP YAML: syntax errors, schema errors and semantic errors, each with its line and path. */
export function parseSopYaml(text: string, known?: KnownRefs): ParseResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false, definition: null,
      issues: doc.errors.map((e) => ({ path: '(yaml)', line: e.linePos?.[0].line ?? null, column: e.linePos?.[0].col ?? null, message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') })),
    };
  }
  const { definition, issues } = validateDefinition(doc.toJS({ maxAliasCount: 50 }), known);
  if (definition) return { ok: true, definition, issues: [] };
  return { ok: false, definition: null, issues: issues.map((i) => ({ path: formatPath(i.path), ...locate(doc, lc, i.path), message: i.message })) };
}

/** The readable YAML form of a definition (key order as in the schema; parse(toYaml(d)) deep-equals d). */
export function toSopYaml(def: SopDefinition): string {
  return stringify(def, { lineWidth: 100, aliasDuplicateObjects: false });
}

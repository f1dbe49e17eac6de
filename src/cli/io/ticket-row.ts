import { z } from 'zod';
import { AppError, invalid } from '../../platform/errors.js';
import { CHANNELS, LIMITS, PRIORITIES, TICKET_STATUSES } from '../../shared/enums.js';
import type { ImportTicketInput } from '../../domain/tickets/index.js';
import { brandRef, teamRef, userRef, type Directory } from './directory.js';

/** Columns (CSV) / keys (JSON Lines) an import row may carry: the public create shape, flattened. */
export const IMPORT_COLUMNS = [
  'external_id', 'subject', 'body', 'html_body', 'requester_email', 'requester_name', 'priority', 'status', 'tags', 'channel',
  'brand', 'team', 'assignee', 'custom_fields', 'country', 'language', 'created_at',
] as const;

/** Written by `tickets export` for reference; ignored on import so an export can be imported as is. */
export const EXPORT_ONLY_COLUMNS = ['id', 'number', 'updated_at', 'solved_at', 'closed_at', 'messages'] as const;

const KNOWN = new Set<string>([...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS]);

export function checkColumns(columns: string[]): void {
  const unknown = columns.filter((c) => !KNOWN.has(c));
  if (unknown.length) {
    throw new AppError('UNKNOWN_COLUMNS', `Unknown column(s) ${unknown.map((c) => `"${c}"`).join(', ')}; known: ${IMPORT_COLUMNS.join(', ')}`);
  }
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup) throw new AppError('DUPLICATE_COLUMN', `Column "${dup}" appears twice in the header`);
  for (const c of ['external_id', 'subject', 'requester_email'] as const) {
    if (!columns.includes(c)) throw new AppError('MISSING_COLUMN', `The header needs a "${c}" column`);
  }
}

/** Empty cells and nulls mean "not given". */
const opt = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), s.optional());

const ZTags = z.union([
  z.array(z.string()),
  z.string().transform((s) => s.split(/[\s,]+/).filter(Boolean)),
]).pipe(z.array(z.string().max(LIMITS.tag)).max(LIMITS.tags));

const ZFieldValues = z.unknown().transform((v, c) => {
  let o = v;
  if (typeof v === 'string') {
    try {
      o = JSON.parse(v);
    } catch {
      o = undefined;
    }
  }
  if (o && typeof o === 'object' && !Array.isArray(o)) return o as Record<string, unknown>;
  c.addIssue({ code: 'custom', message: 'must be a JSON object, e.g. {"plan":"pro"}' });
  return z.NEVER;
});

const ZWhen = z.string().transform((s, c) => {
  const d = new Date(s);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(s)) {
    c.addIssue({ code: 'custom', message: 'must be an ISO 8601 timestamp, e.g. 2025-11-03T14:05:00Z' });
    return z.NEVER;
  }
  if (d.getTime() > Date.now() + 60_000) {
    c.addIssue({ code: 'custom', message: 'is in the future' });
    return z.NEVER;
  }
  return d;
});

const ZRow = z.object({
  external_id: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string({ error: 'is required (it makes the import resumable)' }).trim().min(1, 'is required (it makes the import resumable)').max(200)),
  subject: z.string({ error: 'is required' }).trim().min(1, 'is required').max(LIMITS.subject),
  body: opt(z.string().max(LIMITS.body)),
  html_body: opt(z.string().max(LIMITS.body * 2)),
  requester_email: z.string({ error: 'is required' }).trim().min(3, 'is required').max(254),
  requester_name: opt(z.string().trim().max(200)),
  priority: opt(z.enum(PRIORITIES)),
  status: opt(z.enum(TICKET_STATUSES)),
  tags: opt(ZTags),
  channel: opt(z.enum(CHANNELS)),
  brand: opt(z.string()),
  team: opt(z.string()),
  assignee: opt(z.string()),
  custom_fields: opt(ZFieldValues),
  country: opt(z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'must be ISO 3166-1 alpha-2, e.g. DE')),
  language: opt(z.string().trim().min(2).max(16)),
  created_at: opt(ZWhen),
});

export interface ParsedRow {
  input: ImportTicketInput;
  /** The row's historical creation time, if it has one. */
  createdAt: Date | undefined;
}

/**
 * Validate one record and resolve its names (brand slug, team name, assignee email) to ids.
 * Throws AppError (code + message) for anything that makes the row unimportable.
 */
export function parseTicketRow(record: Record<string, unknown>, dir: Directory): ParsedRow {
  const unknown = Object.keys(record).filter((k) => !KNOWN.has(k));
  if (unknown.length) throw invalid('UNKNOWN_FIELDS', `Unknown field(s): ${unknown.join(', ')}`);
  const parsed = ZRow.safeParse(record);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'row'} ${i.message}`);
    throw invalid('INVALID_ROW', issues.join('; '));
  }
  const r = parsed.data;
  if (!r.body && !r.html_body) throw invalid('BODY_REQUIRED', 'body (or html_body) is required: it becomes the first message');
  const input: ImportTicketInput = {
    external_id: r.external_id,
    subject: r.subject,
    ...(r.body !== undefined ? { body: r.body } : {}),
    ...(r.html_body !== undefined ? { html_body: r.html_body } : {}),
    requester: { email: r.requester_email, ...(r.requester_name ? { name: r.requester_name } : {}) },
    ...(r.priority ? { priority: r.priority } : {}),
    ...(r.status ? { status: r.status } : {}),
    ...(r.tags ? { tags: r.tags } : {}),
    ...(r.channel ? { channel: r.channel } : {}),
    ...(r.brand ? { brand_id: brandRef(dir, r.brand) } : {}),
    ...(r.team ? { team_id: teamRef(dir, r.team) } : {}),
    ...(r.assignee ? { assignee_id: userRef(dir, r.assignee) } : {}),
    ...(r.custom_fields ? { custom_fields: r.custom_fields } : {}),
    ...(r.country ? { country: r.country } : {}),
    ...(r.language ? { language: r.language } : {}),
  };
  return { input, createdAt: r.created_at };
}

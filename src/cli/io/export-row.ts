import { stringify } from 'csv-stringify/sync';
import { EXPORT_ONLY_COLUMNS, IMPORT_COLUMNS } from './ticket-row.js';

/** A ticket as both sources give it (database rows are converted to this wire-like shape). */
export interface SourceTicket {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  brand_id: string;
  team_id: string | null;
  assignee_id: string | null;
  requester_id: string;
  tags: string[];
  custom_fields: Record<string, unknown>;
  country: string | null;
  language: string | null;
  external_id: string | null;
  created_at: string;
  updated_at: string;
  solved_at: string | null;
  closed_at: string | null;
}

export interface SourceMessage {
  id: string;
  author_type: string;
  author_user_id: string | null;
  author_customer_id: string | null;
  public: boolean;
  channel: string;
  body: string;
  html_body: string | null;
  created_at: string;
}

export interface Person {
  email: string | null;
  name: string | null;
}

export interface Names {
  brand(id: string | null): string | null;
  team(id: string | null): string | null;
  user(id: string | null): string | null;
}

/**
 * The import shape plus reference columns: brand by slug, team by name, assignee by email, so the
 * file can be imported into another installation. external_id falls back to the ticket id, so
 * importing the same export twice skips instead of duplicating.
 */
export function toExportRow(t: SourceTicket, messages: SourceMessage[], names: Names, people: Map<string, Person>) {
  const first = messages[0];
  const requester = people.get(t.requester_id);
  return {
    external_id: t.external_id ?? t.id,
    subject: t.subject,
    body: first?.body ?? '',
    html_body: first?.html_body ?? null,
    requester_email: requester?.email ?? null,
    requester_name: requester?.name ?? null,
    priority: t.priority,
    status: t.status,
    tags: t.tags,
    channel: t.channel,
    brand: names.brand(t.brand_id),
    team: names.team(t.team_id),
    assignee: names.user(t.assignee_id),
    custom_fields: t.custom_fields,
    country: t.country,
    language: t.language,
    created_at: t.created_at,
    id: t.id,
    number: t.number,
    updated_at: t.updated_at,
    solved_at: t.solved_at,
    closed_at: t.closed_at,
    messages: messages.map((m) => ({
      id: m.id,
      author_type: m.author_type,
      author_email: m.author_user_id ? names.user(m.author_user_id) : m.author_customer_id ? people.get(m.author_customer_id)?.email ?? null : null,
      public: m.public,
      channel: m.channel,
      body: m.body,
      html_body: m.html_body,
      created_at: m.created_at,
    })),
  };
}

export type ExportRow = ReturnType<typeof toExportRow>;

export const CSV_COLUMNS = [...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS.filter((c) => c !== 'messages')] as const;

export const csvHeader = () => stringify([[...CSV_COLUMNS]]);

/** One CSV line: tags space-separated, custom_fields as JSON, null as an empty cell; no messages. */
export function csvLine(row: ExportRow): string {
  const cell = (c: (typeof CSV_COLUMNS)[number]): string => {
    const v = row[c];
    if (v === null || v === undefined) return '';
    if (c === 'tags') return (v as string[]).join(' ');
    if (c === 'custom_fields') return Object.keys(v as object).length ? JSON.stringify(v) : '';
    return String(v);
  };
  return stringify([CSV_COLUMNS.map(cell)]);
}

export const jsonLine = (row: ExportRow) => `${JSON.stringify(row)}\n`;

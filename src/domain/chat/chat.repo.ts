import type { Tx } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { CHAT_CHANNEL, SESSION_COLUMNS, SETTINGS_COLUMNS, type AuthorKind, type ChatLine, type ChatSession, type ChatSettings, type ChatSignal } from './chat.js';

export interface BrandRow {
  id: string;
  workspace_id: string;
  name: string;
  slug: string;
}

/** A brand by id or slug (slugs are unique per workspace; the oldest brand wins across workspaces). */
export async function findBrand(tx: Tx, idOrSlug: string): Promise<BrandRow> {
  const row = await tx.maybeOne<BrandRow>(
    'SELECT id, workspace_id, name, slug FROM brands WHERE id = $1 OR slug = $1 ORDER BY (id = $1) DESC, created_at, id LIMIT 1',
    [idOrSlug],
  );
  if (!row) throw notFound('BRAND_NOT_FOUND', 'Brand');
  return row;
}

export async function loadSettings(tx: Tx, brandId: string): Promise<ChatSettings | undefined> {
  return tx.maybeOne<ChatSettings>(`SELECT ${SETTINGS_COLUMNS} FROM chat_settings WHERE brand_id = $1`, [brandId]);
}

export async function loadSessionByTokenHash(tx: Tx, hash: string): Promise<ChatSession | undefined> {
  return tx.maybeOne<ChatSession>(`SELECT ${SESSION_COLUMNS} FROM chat_sessions WHERE token_hash = $1`, [hash]);
}

export async function lockSession(tx: Tx, id: string): Promise<ChatSession> {
  const s = await tx.maybeOne<ChatSession>(`SELECT ${SESSION_COLUMNS} FROM chat_sessions WHERE id = $1 FOR UPDATE`, [id]);
  if (!s) throw notFound('CHAT_SESSION_NOT_FOUND', 'Chat session');
  return s;
}

export async function sessionOfTicket(tx: Tx, ticketId: string): Promise<ChatSession | undefined> {
  return tx.maybeOne<ChatSession>(`SELECT ${SESSION_COLUMNS} FROM chat_sessions WHERE ticket_id = $1`, [ticketId]);
}

/** Signals go out at commit (NOTIFY is transactional): a rolled-back line is never announced. */
export async function signal(tx: Tx, s: ChatSignal): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [CHAT_CHANNEL, JSON.stringify(s)]);
}

export interface NewLine {
  message_id: string;
  author_kind: AuthorKind;
  author_name: string | null;
  client_msg_id: string | null;
  created_at: Date;
}

/**
 * Append a line to the session's log. The UPDATE locks the session row until commit, so seq is gap-free and
 * lines become visible in seq order (a reader resuming "after N" never skips a line committed later). One
 * statement: bump the seq, insert the line, and queue the 'line' signal (sent at commit).
 */
export async function appendLine(tx: Tx, sessionId: string, line: NewLine): Promise<number> {
  const { last_seq } = await tx.one<{ last_seq: number }>(
    `WITH u AS (
       UPDATE chat_sessions SET last_seq = last_seq + 1, updated_at = $2 WHERE id = $1 RETURNING id, last_seq
     ), i AS (
       INSERT INTO chat_log (session_id, seq, message_id, author_kind, author_name, client_msg_id, created_at)
       SELECT u.id, u.last_seq, $3, $4, $5, $6, $2 FROM u
     )
     SELECT u.last_seq, pg_notify($7, json_build_object('k', 'line', 's', u.id, 'seq', u.last_seq)::text) AS _signal FROM u`,
    [sessionId, line.created_at, line.message_id, line.author_kind, line.author_name, line.client_msg_id, CHAT_CHANNEL],
  );
  return Number(last_seq);
}

/** SQL of a message's attachments as a chat line shows them (json array), for the message `m`. */
export const LINE_ATTACHMENTS_SQL = `coalesce((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename, 'content_type', a.content_type, 'size_bytes', a.size_bytes) ORDER BY a.created_at, a.id)
                     FROM attachments a WHERE a.message_id = m.id), '[]'::json)`;

/** The attachments column as the drivers return it (PGlite: parsed; pg: parsed, or text for json). */
export function lineAttachments(raw: unknown): ChatLine['attachments'] {
  return (typeof raw === 'string' ? JSON.parse(raw) : raw) as ChatLine['attachments'];
}

const LINE_SQL = `
  SELECT l.seq, l.message_id, l.client_msg_id, l.author_kind, l.author_name, m.body_text AS body, l.created_at,
         ${LINE_ATTACHMENTS_SQL} AS attachments
    FROM chat_log l JOIN messages m ON m.id = l.message_id
   WHERE l.session_id = $1 AND l.seq > $2
   ORDER BY l.seq LIMIT $3`;

/** Lines after `afterSeq`, in order (the resume query). */
export async function linesAfter(tx: Tx, sessionId: string, afterSeq: number, limit = 200): Promise<ChatLine[]> {
  const rows = await tx.query<ChatLine & { attachments: unknown }>(LINE_SQL, [sessionId, afterSeq, limit]);
  return rows.map((r) => ({ ...r, seq: Number(r.seq), attachments: lineAttachments(r.attachments) }));
}

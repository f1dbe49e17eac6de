import { fileTypeFromBuffer } from 'file-type';
import type { FileStore } from '../../platform/files.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../kernel/index.js';
import { qualify } from '../../platform/db/sql.js';

export interface Attachment {
  id: string;
  message_id: string | null;
  filename: string;
  declared_type: string | null;
  content_type: string;
  size_bytes: number;
  sha256: string;
  created_at: Date;
}

const COLS = 'id, message_id, filename, declared_type, content_type, size_bytes, sha256, created_at';
export const MAX_ATTACHMENTS_PER_MESSAGE = 20;

/** Types we never serve inline; the web offers them as downloads with a warning. */
const DANGEROUS = /\.(exe|bat|cmd|com|scr|js|jse|vbs|vbe|ps1|msi|jar|sh|dll|hta|lnk|iso)$/i;
export const isDangerous = (a: Pick<Attachment, 'filename' | 'content_type'>) =>
  DANGEROUS.test(a.filename) || /(x-msdownload|x-dosexec|x-sh|javascript)/.test(a.content_type);

export interface UploadInput {
  filename: string;
  declaredType?: string | null;
  bytes: Buffer;
  maxBytes: number;
  store: FileStore;
  /** The brand the file belongs to, when known: the store keeps it in that brand's (else the workspace's) declared region. */
  brandId?: string | null;
}

/** Store the bytes once by content hash; the type is sniffed from the bytes, not trusted from the client. */
export async function uploadAttachment(ctx: Ctx, input: UploadInput): Promise<Attachment> {
  authorize(ctx.actor, 'tickets.note');
  const filename = input.filename.replace(/[\\/\x00-\x1f]/g, '_').trim().slice(0, 255);
  if (!filename) throw invalid('FILENAME_REQUIRED', 'Give the file a name (?filename=…)');
  if (input.bytes.length === 0) throw invalid('EMPTY_FILE', 'The file is empty');
  if (input.bytes.length > input.maxBytes) {
    throw new AppError('ATTACHMENT_TOO_LARGE', `Attachments are limited to ${input.maxBytes} bytes`, 'too_large');
  }
  const sniffed = await fileTypeFromBuffer(input.bytes);
  const looksText = !sniffed && !input.bytes.subarray(0, 4096).includes(0);
  const contentType = sniffed?.mime ?? (looksText ? 'text/plain' : 'application/octet-stream');
  const { hash } = await input.store.put(input.bytes, { q: ctx.tx, workspaceId: ctx.actor.workspaceId, brandId: input.brandId ?? null });
  const now = ctx.clock.now();
  const row = await ctx.tx.one<Attachment>(
    `INSERT INTO attachments (id, workspace_id, filename, declared_type, content_type, size_bytes, sha256, uploaded_by, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING ${COLS}`,
    [newId('att', now), ctx.actor.workspaceId, filename, input.declaredType ?? null, contentType, input.bytes.length, hash, ctx.actor.id, now],
  );
  await recordChange(ctx, {
    event: 'attachment.uploaded',
    aggregateType: 'attachment',
    aggregateId: row.id,
    payload: { filename, content_type: contentType, size_bytes: row.size_bytes, sha256: hash },
  });
  return row;
}

/** Attach uploaded, not-yet-linked files to a message. */
export async function linkAttachments(ctx: Ctx, messageId: string, ids: string[]): Promise<Attachment[]> {
  if (ids.length === 0) return [];
  if (ids.length > MAX_ATTACHMENTS_PER_MESSAGE) throw invalid('TOO_MANY_ATTACHMENTS', `At most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments per message`);
  const rows = await ctx.tx.query<Attachment>(
    `UPDATE attachments SET message_id = $1 WHERE id = ANY($2::text[]) AND workspace_id = $3 AND message_id IS NULL
       AND (uploaded_by = $4 OR $4::text IS NULL) RETURNING ${COLS}`,
    [messageId, [...new Set(ids)], ctx.actor.workspaceId, ctx.actor.id],
  );
  if (rows.length !== new Set(ids).size) {
    const found = new Set(rows.map((r) => r.id));
    throw notFound('ATTACHMENT_NOT_FOUND', `Attachment(s) ${ids.filter((i) => !found.has(i)).join(', ')} (unknown, or already used)`);
  }
  return rows;
}

export async function attachmentsOf(ctx: Ctx, messageIds: string[]): Promise<Map<string, Attachment[]>> {
  const rows = messageIds.length
    ? await ctx.tx.query<Attachment>(`SELECT ${COLS} FROM attachments WHERE message_id = ANY($1::text[]) ORDER BY created_at, id`, [messageIds])
    : [];
  const map = new Map<string, Attachment[]>();
  for (const r of rows) map.set(r.message_id!, [...(map.get(r.message_id!) ?? []), r]);
  return map;
}

/**
 * An attachment with the ticket it belongs to (the caller checks the ticket's visibility). An upload not
 * yet attached to a message is private to its uploader.
 */
export async function getAttachment(ctx: Ctx, id: string): Promise<Attachment & { ticket_id: string | null }> {
  const row = await ctx.tx.maybeOne<Attachment & { ticket_id: string | null; uploaded_by: string | null }>(
    `SELECT ${qualify(COLS, 'a')}, a.uploaded_by, m.ticket_id FROM attachments a LEFT JOIN messages m ON m.id = a.message_id
      WHERE a.id = $1 AND a.workspace_id = $2`,
    [id, ctx.actor.workspaceId],
  );
  if (!row) throw notFound('ATTACHMENT_NOT_FOUND', 'Attachment');
  if (!row.message_id && ctx.actor.type !== 'system' && row.uploaded_by !== ctx.actor.id) throw notFound('ATTACHMENT_NOT_FOUND', 'Attachment');
  const { uploaded_by: _u, ...att } = row;
  return att;
}

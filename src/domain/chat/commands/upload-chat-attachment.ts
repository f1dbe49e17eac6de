import type { FileStore } from '../../../platform/files.js';
import { AppError } from '../../../platform/errors.js';
import { uploadAttachment, type Attachment } from '../../tickets/index.js';
import type { Ctx } from '../../kernel/index.js';

/** Unsent uploads a session may hold at once (flood guard). */
export const MAX_PENDING_UPLOADS = 10;

/** A visitor's file: stored once by content hash (type sniffed), usable only by this session's next message. */
export async function uploadChatAttachment(
  ctx: Ctx, sessionId: string, input: { filename: string; declaredType: string | null; bytes: Buffer; maxBytes: number; store: FileStore },
): Promise<Attachment> {
  const pending = await ctx.tx.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM chat_uploads u JOIN attachments a ON a.id = u.attachment_id WHERE u.session_id = $1 AND a.message_id IS NULL`,
    [sessionId],
  );
  if (Number(pending.n) >= MAX_PENDING_UPLOADS) throw new AppError('TOO_MANY_UPLOADS', `Send your message first: at most ${MAX_PENDING_UPLOADS} unsent files`, 'rate_limited');
  const brand = await ctx.tx.one<{ brand_id: string }>('SELECT brand_id FROM chat_sessions WHERE id = $1', [sessionId]);
  const att = await uploadAttachment(ctx, { ...input, brandId: brand.brand_id }); // stored in the brand's declared region
  await ctx.tx.query('INSERT INTO chat_uploads (attachment_id, session_id, created_at) VALUES ($1,$2,$3)', [att.id, sessionId, ctx.clock.now()]);
  return att;
}

/** An attachment of a public message of this session's ticket (what the visitor may download). */
export async function chatAttachmentOf(ctx: Ctx, sessionId: string, attachmentId: string): Promise<Attachment> {
  const row = await ctx.tx.maybeOne<Attachment>(
    `SELECT a.id, a.message_id, a.filename, a.declared_type, a.content_type, a.size_bytes, a.sha256, a.created_at
       FROM attachments a JOIN chat_log l ON l.message_id = a.message_id JOIN messages m ON m.id = a.message_id
      WHERE a.id = $1 AND l.session_id = $2 AND m.is_public`,
    [attachmentId, sessionId],
  );
  if (!row) throw new AppError('ATTACHMENT_NOT_FOUND', 'Attachment not found', 'not_found');
  return row;
}

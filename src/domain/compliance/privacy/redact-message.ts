import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { newId, sha256 } from '../../../platform/ids.js';
import { REDACTION_MARK, redactText, type PatternSpec } from '../../../platform/redaction/index.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';

export interface RedactMessageInput {
  /** Exact passages to remove; omitted = apply the given (or default) patterns; `whole: true` = the whole body. */
  passages?: string[];
  patterns?: PatternSpec[];
  whole?: boolean;
  reason: string;
}

/** Irreversibly redact a stored message (text and html); audited. Only roles with compliance.manage. */
export async function redactMessage(ctx: Ctx, messageId: string, input: RedactMessageInput): Promise<{ message_id: string; kinds: string[] }> {
  authorize(ctx.actor, 'compliance.manage');
  if (!input.reason?.trim()) throw invalid('REASON_REQUIRED', 'A redaction needs a reason');
  const m = await ctx.tx.maybeOne<{ ticket_id: string; body_text: string; body_html: string | null }>(
    'SELECT ticket_id, body_text, body_html FROM messages WHERE id = $1 AND workspace_id = $2 FOR UPDATE',
    [messageId, ctx.actor.workspaceId],
  );
  if (!m) throw notFound('MESSAGE_NOT_FOUND', 'Message');
  let text = m.body_text;
  let html = m.body_html;
  const kinds = new Set<string>();
  if (input.whole) {
    text = REDACTION_MARK('manual');
    html = null;
    kinds.add('whole');
  } else if (input.passages?.length) {
    for (const p of input.passages) {
      if (!p) continue;
      if (!text.includes(p) && !(html ?? '').includes(p)) throw invalid('PASSAGE_NOT_FOUND', 'A passage to redact is not in the message');
      text = text.split(p).join(REDACTION_MARK('manual'));
      if (html) html = html.split(p).join(REDACTION_MARK('manual'));
      kinds.add('manual');
    }
  } else {
    const t = redactText(text, input.patterns);
    text = t.text;
    t.findings.forEach((f) => kinds.add(f.kind));
    if (html) html = redactText(html, input.patterns).text;
  }
  if (kinds.size === 0) throw new AppError('NOTHING_TO_REDACT', 'Nothing matched; the message is unchanged', 'unprocessable');
  await ctx.tx.query('UPDATE messages SET body_text = $2, body_html = $3 WHERE id = $1', [messageId, text, html]);
  await ctx.tx.query(
    `INSERT INTO compliance_redactions (id, workspace_id, ticket_id, message_id, kinds, reason, actor_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [newId('red', ctx.clock.now()), ctx.actor.workspaceId, m.ticket_id, messageId, [...kinds], input.reason.trim(), ctx.actor.id, ctx.clock.now()],
  );
  await recordChange(ctx, {
    event: 'compliance.message_redacted', aggregateType: 'ticket', aggregateId: m.ticket_id, ticketId: m.ticket_id,
    payload: { message_id: messageId, kinds: [...kinds], reason: input.reason.trim() },
  });
  return { message_id: messageId, kinds: [...kinds] };
}

const EMPTY_SHA = sha256(Buffer.alloc(0));

/**
 * Irreversibly redact an attachment: the row keeps its id but loses its name and content; the bytes are
 * returned as a hash for the caller to delete from the file store when no other attachment shares them.
 */
export async function redactAttachment(ctx: Ctx, attachmentId: string, reason: string): Promise<{ attachment_id: string; orphaned_hash: string | null }> {
  authorize(ctx.actor, 'compliance.manage');
  if (!reason?.trim()) throw invalid('REASON_REQUIRED', 'A redaction needs a reason');
  const a = await ctx.tx.maybeOne<{ sha256: string; ticket_id: string | null; message_id: string | null }>(
    `SELECT a.sha256, m.ticket_id, a.message_id FROM attachments a LEFT JOIN messages m ON m.id = a.message_id
      WHERE a.id = $1 AND a.workspace_id = $2 FOR UPDATE OF a`,
    [attachmentId, ctx.actor.workspaceId],
  );
  if (!a) throw notFound('ATTACHMENT_NOT_FOUND', 'Attachment');
  if (a.sha256 === EMPTY_SHA) throw new AppError('ALREADY_REDACTED', 'The attachment is already redacted', 'conflict');
  await ctx.tx.query(
    `UPDATE attachments SET filename = 'redacted', declared_type = NULL, content_type = 'application/octet-stream', size_bytes = 0, sha256 = $2 WHERE id = $1`,
    [attachmentId, EMPTY_SHA],
  );
  const shared = await ctx.tx.maybeOne('SELECT 1 FROM attachments WHERE sha256 = $1 LIMIT 1', [a.sha256]);
  const ticketId = a.ticket_id ?? attachmentId;
  await ctx.tx.query(
    `INSERT INTO compliance_redactions (id, workspace_id, ticket_id, message_id, attachment_id, kinds, reason, actor_id, created_at)
     VALUES ($1, $2, $3, $4, $5, '{attachment}', $6, $7, $8)`,
    [newId('red', ctx.clock.now()), ctx.actor.workspaceId, ticketId, a.message_id, attachmentId, reason.trim(), ctx.actor.id, ctx.clock.now()],
  );
  await recordChange(ctx, {
    event: 'compliance.attachment_redacted', aggregateType: 'ticket', aggregateId: ticketId, ticketId: a.ticket_id,
    payload: { attachment_id: attachmentId, reason: reason.trim() },
  });
  return { attachment_id: attachmentId, orphaned_hash: shared ? null : a.sha256 };
}

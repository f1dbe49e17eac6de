import { AppError, invalid } from '../../../platform/errors.js';
import { addMessage } from '../../tickets/index.js';
import type { Ctx } from '../../kernel/index.js';
import { CHAT_LIMITS, type ChatLine, type ChatSession } from '../chat.js';
import { appendLine, linesAfter, lockSession, signal } from '../chat.repo.js';
import { agentsOnline } from '../presence.js';
import { createChatTicket } from './ensure-chat-ticket.js';

export interface VisitorMessageInput {
  /** Chosen by the widget (unique per message): a resend after a reconnect is recognised, not stored twice. */
  client_msg_id: string;
  body: string;
  attachment_ids?: string[];
}

export interface PostedVisitorMessage {
  line: ChatLine;
  duplicate: boolean;
  session: ChatSession;
  /** True when this message created the ticket while no agent was online (the widget asks for an email). */
  offline: boolean;
  /** Agents online when this message started the conversation (null when it did not: not asked). */
  agents_online: number | null;
}

const CLIENT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export function validateVisitorMessage(input: VisitorMessageInput): { body: string; attachmentIds: string[] } {
  if (typeof input.client_msg_id !== 'string' || !CLIENT_ID.test(input.client_msg_id)) {
    throw invalid('CLIENT_MSG_ID_INVALID', `client_msg_id is 1–${CHAT_LIMITS.clientId} characters of A-Z a-z 0-9 _ . : -`);
  }
  if (typeof input.body !== 'string') throw invalid('BODY_INVALID', 'body must be a string');
  // Control characters (except tab/newline) are dropped: they have no business in a chat line.
  const body = input.body.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
  if (body.length > CHAT_LIMITS.body) throw new AppError('MESSAGE_TOO_LONG', `Chat messages are limited to ${CHAT_LIMITS.body} characters`, 'too_large');
  const ids = input.attachment_ids ?? [];
  if (!Array.isArray(ids) || ids.some((i) => typeof i !== 'string' || i.length > 64)) throw invalid('ATTACHMENTS_INVALID', 'attachment_ids must be a list of upload ids');
  if (ids.length > CHAT_LIMITS.attachments) throw invalid('TOO_MANY_ATTACHMENTS', `At most ${CHAT_LIMITS.attachments} attachments per chat message`);
  if (!body && ids.length === 0) throw invalid('BODY_REQUIRED', 'A chat message needs text or an attachment');
  return { body, attachmentIds: [...new Set(ids)] };
}

/**
 * A visitor's chat message: deduplicated by client message id, stored on the chat's ticket (created with the
 * first message; channel 'chat'; a closed ticket gets a follow-up), appended to the session log and signalled.
 */
export async function postVisitorMessage(ctx: Ctx, sessionId: string, input: VisitorMessageInput): Promise<PostedVisitorMessage> {
  const { body, attachmentIds } = validateVisitorMessage(input);
  const s = await lockSession(ctx.tx, sessionId);
  const now = ctx.clock.now();
  // After the lock (a fresh snapshot): was this client id stored already, and where does the ticket stand?
  const seen = await ctx.tx.one<{ dup_seq: number | null; status: string | null; requester_id: string | null }>(
    `SELECT (SELECT seq FROM chat_log WHERE session_id = $1 AND client_msg_id = $2) AS dup_seq, t.status, t.requester_id
       FROM (SELECT 1) AS one LEFT JOIN tickets t ON t.id = $3`,
    [s.id, input.client_msg_id, s.ticket_id],
  );
  if (seen.dup_seq !== null) {
    const existing = (await linesAfter(ctx.tx, s.id, Number(seen.dup_seq) - 1, 1))[0];
    return { line: existing, duplicate: true, session: s, offline: s.offline, agents_online: null };
  }

  if (attachmentIds.length) {
    const mine = await ctx.tx.query<{ attachment_id: string }>(
      `SELECT u.attachment_id FROM chat_uploads u JOIN attachments a ON a.id = u.attachment_id
        WHERE u.session_id = $1 AND u.attachment_id = ANY($2::text[]) AND a.message_id IS NULL`,
      [s.id, attachmentIds],
    );
    if (mine.length !== attachmentIds.length) throw new AppError('ATTACHMENT_NOT_FOUND', 'Unknown upload id (or already sent)', 'not_found');
  }

  let messageId: string;
  let stored: { body: string } | null = null; // the stored text, when the line needs no query to present
  let offline = false;
  let online: number | null = null;
  const ticket = s.ticket_id && seen.status ? { status: seen.status, requester_id: seen.requester_id! } : null;
  if (!ticket || ticket.status === 'closed') {
    // Presence matters when the conversation (its ticket) starts: nobody online → ask for an email.
    online = await agentsOnline(ctx.tx, s.workspace_id, s.brand_id, now);
    offline = online === 0;
    messageId = (await createChatTicket(ctx, s, body, attachmentIds, offline, ticket ? s.ticket_id : null)).messageId;
    if (offline) await signal(ctx.tx, { k: 'state', s: s.id, offline: true, ask_email: !s.email });
  } else {
    const out = await addMessage(ctx, s.ticket_id!, { body: body || '(attachment)', public: true, from_customer_id: ticket.requester_id, channel: 'chat', attachment_ids: attachmentIds });
    messageId = out.message.id;
    if (!out.attachments.length) stored = { body: out.message.body_text };
  }
  const seq = await appendLine(ctx.tx, s.id, {
    message_id: messageId, author_kind: 'visitor', author_name: s.name, client_msg_id: input.client_msg_id, created_at: now,
  });
  const line: ChatLine = stored
    ? { seq, message_id: messageId, client_msg_id: input.client_msg_id, author_kind: 'visitor', author_name: s.name, body: stored.body, attachments: [], created_at: now }
    : (await linesAfter(ctx.tx, s.id, seq - 1, 1))[0];
  const session = ticket && ticket.status !== 'closed' ? { ...s, last_seq: seq, updated_at: now } : await lockSession(ctx.tx, s.id);
  return { line, duplicate: false, session, offline, agents_online: online };
}

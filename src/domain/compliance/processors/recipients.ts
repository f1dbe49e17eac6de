import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/index.js';
import { AppError, invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { loadRequest } from '../gdpr/requests.js';

/** Sends one plain-text e-mail (the server wires it to platform/mail/smtp-outbound; tests pass a recorder). */
export type ComplianceMailSender = (mail: { to: string; subject: string; text: string; messageId: string }) => Promise<void>;

export interface RecipientNotification {
  id: string;
  request_id: string;
  processor_id: string;
  processor_name: string;
  kind: string;
  address: string | null;
  status: 'pending' | 'sent' | 'failed' | 'no_contact';
  error: string | null;
  attempts: number;
  sent_at: Date | null;
  created_at: Date;
}

/** Art. 19 covers rectification (16), erasure (17(1)) and restriction (18); objections (21) go to recipients as suppression. */
const FAN_OUT_KINDS = new Set(['rectification', 'objection', 'erasure', 'restriction']);
export const MAX_SEND_ATTEMPTS = 5;

const SUBJECT: Record<string, string> = {
  rectification: 'Rectification of personal data (Art. 16, 19 GDPR)',
  objection: 'Objection to processing: stop and suppress (Art. 21 GDPR)',
  erasure: 'Erasure of personal data (Art. 17, 19 GDPR)',
  restriction: 'Restriction of processing (Art. 18, 19 GDPR)',
};

function bodyOf(kind: string, ref: string, subject: { customer_id: string; email: string | null }, changes: Record<string, string>, note: string): string {
  const who = `Data subject: ${subject.email ?? subject.customer_id} (our reference ${subject.customer_id}).`;
  const what = kind === 'rectification'
    ? `Please correct the following data in every system where you hold it:\n${Object.entries(changes).map(([k, v]) => `- ${k}: ${v}`).join('\n')}`
    : kind === 'objection'
      ? 'The person objected to processing based on legitimate interests, including direct marketing. Stop that processing and add them to every suppression list.'
      : kind === 'erasure'
        ? 'Erase the personal data of this person that we disclosed to you, unless a legal obligation requires you to keep it.'
        : 'Restrict processing of this person\'s data to storage until further notice.';
  return `${SUBJECT[kind]}\nRequest ${ref}.\n\n${who}\n\n${what}${note ? `\n\n${note}` : ''}\n\nPlease confirm completion by replying to this message.`;
}

const LIST = `SELECT n.id, n.request_id, n.processor_id, p.name AS processor_name, n.kind, n.address, n.status, n.error, n.attempts, n.sent_at, n.created_at
  FROM compliance_recipient_notifications n JOIN compliance_processors p ON p.id = n.processor_id`;

/**
 * Fan a request out to every recorded recipient (processor registry entries flagged `is_recipient`): one logged
 * notification row per recipient — pending (to be e-mailed after commit) or `no_contact` when the entry has no
 * address. Re-running adds only recipients registered since. Rectification needs the corrected values.
 */
export async function notifyRecipients(ctx: Ctx, requestId: string, input: { changes?: Record<string, string>; note?: string } = {}): Promise<RecipientNotification[]> {
  authorize(ctx.actor, 'compliance.manage');
  const r = await loadRequest(ctx, requestId, true);
  if (!FAN_OUT_KINDS.has(r.kind)) throw new AppError('NO_RECIPIENT_DUTY', `An ${r.kind} request is not passed on to recipients`, 'unprocessable');
  if (r.verification_status !== 'verified') throw new AppError('NOT_VERIFIED', 'Verify the person’s identity first', 'conflict');
  const changes = Object.fromEntries(Object.entries(input.changes ?? {}).filter(([k, v]) => k.trim() && String(v).trim()).map(([k, v]) => [k.trim(), String(v).trim()]));
  if (r.kind === 'rectification' && Object.keys(changes).length === 0) throw invalid('CHANGES_REQUIRED', 'Give the corrected values (changes: {field: value})');
  const subject = await ctx.tx.one<{ customer_id: string; email: string | null }>(
    `SELECT c.id AS customer_id, (SELECT value FROM customer_identities WHERE customer_id = c.id AND kind = 'email' ORDER BY is_primary DESC, created_at LIMIT 1) AS email
       FROM customers c WHERE c.id = $1`, [r.customer_id]);
  const recipients = await ctx.tx.query<{ id: string; notify_email: string | null }>(
    'SELECT id, notify_email FROM compliance_processors WHERE workspace_id = $1 AND is_recipient ORDER BY lower(name)', [ctx.actor.workspaceId]);
  const now = ctx.clock.now();
  const body = bodyOf(r.kind, r.id, subject, changes, input.note?.trim() ?? '');
  let added = 0;
  for (const p of recipients) {
    const row = await ctx.tx.maybeOne(
      `INSERT INTO compliance_recipient_notifications (id, workspace_id, request_id, processor_id, kind, address, body, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (request_id, processor_id) DO NOTHING RETURNING id`,
      [newId('rcn', now), ctx.actor.workspaceId, r.id, p.id, r.kind, p.notify_email, body, p.notify_email ? 'pending' : 'no_contact', now]);
    if (row) added++;
  }
  await recordChange(ctx, {
    event: 'compliance.recipients_notified', aggregateType: 'compliance_request', aggregateId: r.id,
    payload: { kind: r.kind, recipients: recipients.length, added, fields: Object.keys(changes) },
  });
  return listRecipientNotifications(ctx, r.id);
}

export async function listRecipientNotifications(ctx: Ctx, requestId: string): Promise<RecipientNotification[]> {
  authorize(ctx.actor, 'compliance.manage');
  return ctx.tx.query<RecipientNotification>(`${LIST} WHERE n.request_id = $1 AND n.workspace_id = $2 ORDER BY lower(p.name)`, [requestId, ctx.actor.workspaceId]);
}

/**
 * E-mail pending recipient notifications (outside any transaction): each row is claimed (attempt counted) before
 * sending; success → sent, failure → retried on the next run, failed after {@link MAX_SEND_ATTEMPTS}.
 */
export async function deliverRecipientNotifications(db: Db, clock: Clock, send: ComplianceMailSender, limit = 50): Promise<{ sent: number; failed: number }> {
  const claimed = await db.query<{ id: string; address: string; body: string; kind: string; attempts: number }>(
    `UPDATE compliance_recipient_notifications SET attempts = attempts + 1
      WHERE id IN (SELECT id FROM compliance_recipient_notifications WHERE status = 'pending' ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING id, address, body, kind, attempts`, [limit]);
  const out = { sent: 0, failed: 0 };
  for (const n of claimed) {
    try {
      await send({ to: n.address, subject: SUBJECT[n.kind] ?? 'Data protection request', text: n.body, messageId: `${n.id}@switchboard.local` });
      await db.query(`UPDATE compliance_recipient_notifications SET status = 'sent', sent_at = $2, error = NULL WHERE id = $1`, [n.id, clock.now()]);
      out.sent++;
    } catch (e) {
      out.failed++;
      await db.query(`UPDATE compliance_recipient_notifications SET status = $2, error = $3 WHERE id = $1`,
        [n.id, n.attempts >= MAX_SEND_ATTEMPTS ? 'failed' : 'pending', String((e as Error)?.message ?? e).slice(0, 300)]);
    }
  }
  return out;
}

import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { getTicket } from '../../tickets/index.js';
import { normaliseAddress } from './addresses.js';
import { EMAIL_COLUMNS, clearMailboxCache, type EmailRow } from './email.repo.js';

export interface BrandEmailSettings {
  brand_id: string;
  brand_name: string;
  support_email: string | null;
  aliases: string[];
  from_name: string | null;
  smtp_url_set: boolean;
  smtp_host: string | null;
  auto_acknowledge: boolean;
}

/** Every brand's mail settings (the SMTP password never leaves the server: only the host is shown). */
export async function listEmailSettings(ctx: Ctx): Promise<BrandEmailSettings[]> {
  authorize(ctx.actor, 'channels.manage');
  const rows = await ctx.tx.query<Omit<BrandEmailSettings, 'smtp_url_set' | 'smtp_host'> & { smtp_url: string | null }>(
    `SELECT b.id AS brand_id, b.name AS brand_name, b.support_email, coalesce(s.aliases, '{}') AS aliases, s.from_name, s.smtp_url,
            coalesce(s.auto_acknowledge, true) AS auto_acknowledge
       FROM brands b LEFT JOIN email_brand_settings s ON s.brand_id = b.id WHERE b.workspace_id = $1 ORDER BY b.created_at, b.id`,
    [ctx.actor.workspaceId],
  );
  return rows.map(({ smtp_url, ...r }) => {
    let host: string | null;
    try {
      host = smtp_url ? new URL(smtp_url).host : null;
    } catch {
      host = null;
    }
    return { ...r, smtp_url_set: !!smtp_url, smtp_host: host };
  });
}

export interface UpdateEmailSettingsInput {
  aliases?: string[];
  from_name?: string | null;
  /** smtp(s)://user:pass@host:port; null clears it (SMTP_OUTBOUND_URL is used). */
  smtp_url?: string | null;
  auto_acknowledge?: boolean;
}

const EMAIL_RE = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export async function updateEmailSettings(ctx: Ctx, brandId: string, input: UpdateEmailSettingsInput): Promise<BrandEmailSettings> {
  authorize(ctx.actor, 'channels.manage');
  const b = await ctx.tx.maybeOne('SELECT 1 FROM brands WHERE id = $1 AND workspace_id = $2', [brandId, ctx.actor.workspaceId]);
  if (!b) throw notFound('BRAND_NOT_FOUND', 'Brand');
  const aliases = input.aliases?.map(normaliseAddress);
  const bad = aliases?.find((a) => !EMAIL_RE.test(a) || a.includes('+'));
  if (bad !== undefined) throw invalid('INVALID_ALIAS', `"${bad}" is not a plain email address (no plus tags)`);
  if (input.smtp_url && !/^smtps?:\/\/[^\s]+$/.test(input.smtp_url)) throw invalid('INVALID_SMTP_URL', 'Use smtp://user:pass@host:port or smtps://…');
  const now = ctx.clock.now();
  await ctx.tx.query(
    `INSERT INTO email_brand_settings (brand_id, workspace_id, aliases, from_name, smtp_url, auto_acknowledge, updated_at)
     VALUES ($1, $2, coalesce($3::text[], '{}'), $4, $5, coalesce($6::boolean, true), $7)
     ON CONFLICT (brand_id) DO UPDATE SET
       aliases = coalesce($3::text[], email_brand_settings.aliases),
       from_name = CASE WHEN $8 THEN $4 ELSE email_brand_settings.from_name END,
       smtp_url = CASE WHEN $9 THEN $5 ELSE email_brand_settings.smtp_url END,
       auto_acknowledge = coalesce($6::boolean, email_brand_settings.auto_acknowledge),
       updated_at = $7`,
    [brandId, ctx.actor.workspaceId, aliases ?? null, input.from_name ?? null, input.smtp_url ?? null, input.auto_acknowledge ?? null, now,
      input.from_name !== undefined, input.smtp_url !== undefined],
  );
  clearMailboxCache();
  await recordChange(ctx, {
    event: 'email.settings_updated', aggregateType: 'brand', aggregateId: brandId,
    payload: { aliases: aliases ?? undefined, from_name: input.from_name, smtp_url_changed: input.smtp_url !== undefined, auto_acknowledge: input.auto_acknowledge },
  });
  return (await listEmailSettings(ctx)).find((s) => s.brand_id === brandId)!;
}

/** The mail of one ticket (both directions) with delivery status: what the agent sees next to the messages. */
export async function listTicketEmails(ctx: Ctx, ticketId: string): Promise<EmailRow[]> {
  await getTicket(ctx, ticketId);
  return ctx.tx.query<EmailRow>(`SELECT ${EMAIL_COLUMNS} FROM email_messages WHERE ticket_id = $1 ORDER BY created_at, id`, [ticketId]);
}

/** One mail, if its ticket is visible to the actor (for the .eml download and manual resend). */
export async function getTicketEmail(ctx: Ctx, emailId: string): Promise<EmailRow> {
  const row = await ctx.tx.maybeOne<EmailRow>(`SELECT ${EMAIL_COLUMNS} FROM email_messages WHERE id = $1 AND workspace_id = $2`, [emailId, ctx.actor.workspaceId]);
  if (!row || !row.ticket_id) throw notFound('EMAIL_NOT_FOUND', 'Email');
  await getTicket(ctx, row.ticket_id);
  return row;
}

/** Put a failed outbound mail back in the queue (attempts reset); the caller sends it. */
export async function requeueEmail(ctx: Ctx, emailId: string): Promise<EmailRow> {
  authorize(ctx.actor, 'tickets.reply_public');
  const row = await getTicketEmail(ctx, emailId);
  if (row.direction !== 'outbound') throw invalid('EMAIL_NOT_OUTBOUND', 'Only outgoing mail can be resent');
  if (row.status === 'sent') throw conflict('EMAIL_ALREADY_SENT', 'This mail was sent already');
  return ctx.tx.one<EmailRow>(
    `UPDATE email_messages SET status = 'queued', attempts = 0, last_error = NULL, updated_at = $2 WHERE id = $1 RETURNING ${EMAIL_COLUMNS}`,
    [row.id, ctx.clock.now()],
  );
}
